/** The in-cluster workload on GKE: a provider from the cluster, every binding from real outputs, the apply order. */
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { InferenceWorkload } from '../../lib/gcp';
import { runCli } from '../support/cli';
import { graphOf, inputs, ofType, planOf, runGcp, thrownBy } from './support/graph';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { HIDDEN_SPECS } from './support/specs';

describe('InferenceWorkload', () => {
  test('in the deployment: a Kubernetes provider from the cluster, secret kubeconfig, every object through it, after the node pools and identities', async () => {
    const graph = await graphOf('batch-embeddings');
    const [provider] = ofType(graph, 'pulumi:providers:kubernetes');
    expect(provider.parent).toBe('batch-embeddings-prod-workload');
    expect(provider.inputs.kubeconfig).toBe('[secret]');
    const objects = graph.resources.filter((r) => r.type.startsWith('kubernetes:'));
    expect(objects.length).toBeGreaterThan(5);
    for (const o of objects) {
      expect(o.provider).toBe(provider.name);
      expect(o.dependsOn).toEqual(expect.arrayContaining(['batch-embeddings-prod-accelerators', 'batch-embeddings-prod-identities', 'batch-embeddings-prod-cluster-pool-system-nodes']));
    }
    // KEDA's custom resources wait for the KEDA release.
    for (const o of objects.filter((r) => r.type.startsWith('kubernetes:keda.sh/'))) expect(o.dependsOn).toContain('batch-embeddings-prod-workload-helm-keda');
  });

  test('the consumer Deployment reads the real subscription of the real project', async () => {
    const graph = await graphOf('queue-only');
    const plan = planOf('queue-only');
    const env = Object.fromEntries(inputs(ofType(graph, 'kubernetes:apps/v1:Deployment')[0]).spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ INFERSTACK_QUEUE_SUBSCRIPTION: `projects/${plan.project}/subscriptions/${plan.queue!.name}`, GOOGLE_CLOUD_PROJECT: plan.project });
  });

  test('on its own with a provider you give; a plan without a queue needs no bindings', async () => {
    const plan = planOf('tpu-serving');
    const graph = await runGcp(() => {
      const provider = new k8s.Provider('mine', { kubeconfig: 'apiVersion: v1' });
      new InferenceWorkload('w', { plan, provider });
    });
    expect(ofType(graph, 'pulumi:providers:kubernetes').map((p) => p.name)).toEqual(['mine']);
    expect(graph.resources.filter((r) => r.type.startsWith('kubernetes:')).every((r) => r.provider === 'mine')).toBe(true);
  });

  test('missing bindings are refused, naming each, instead of deploying placeholders', async () => {
    const plan = planOf('queue-only');
    const e = await thrownBy(() => new InferenceWorkload('w', { plan, cluster: { name: 'c', endpoint: '203.0.113.1', caCertificate: 'Q0E=' }, bindings: { identities: { consumer: 'c@p.iam.gserviceaccount.com' } } }));
    expect(pulumi.InputPropertyError.isInstance(e)).toBe(true);
    expect(e.message).toBe("InferenceWorkload 'w': args.bindings: lacks identities.scaler: the workload would deploy placeholders (inferstack-unbound:...) where identities and queue coordinates go");
  });

  test('cluster or provider, exactly one', async () => {
    const e = await thrownBy(() => new InferenceWorkload('w', { plan: planOf('tpu-serving') }));
    expect(e.message).toContain('args.cluster: give exactly one of cluster (name and endpoint), kubeconfig or provider');
  });
});

describe('the program refuses what the workload cannot run, before creating anything', () => {
  test('a multi-host TPU slice: synth exits 1 with the spec path and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferstack-gcp-'));
    const spec = join(dir, 'multi-host.yaml');
    writeFileSync(spec, stringify({ ...HIDDEN_SPECS['tpu-serving'], routing: undefined, models: [{ name: 'big', model: 'meta-llama/Llama-3.1-70B-Instruct', parametersBillion: 70, accelerator: { type: 'tpu-v5e', topology: '4x4' }, replicas: { max: 1 } }] }));
    const r = await runCli('synth', spec, '--cloud', 'gcp', '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/spec\.models\[0\]\.accelerator\.topology: TPU topology 4x4 spans 4 hosts; inferstack renders one pod per replica, so use a single-host topology/);
    expect(() => readFileSync(join(dir, 'out', 'gcp', 'resources.json'))).toThrow();
  });
});
