/**
 * The offline Pulumi run behind `inferstack synth --cloud gcp|azure`: what it records is what the
 * program registers, secrets never appear, and nothing reaches a cloud API.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import * as gcp from '@pulumi/gcp';
import * as k8s from '@pulumi/kubernetes';
import { OfflineRunError, runOffline } from '../../lib/pulumi/offline';
import { SECRET_PLACEHOLDER } from '../../lib/util/resource-graph';

class Sample extends pulumi.ComponentResource {
  readonly endpoint: pulumi.Output<string>;
  constructor(name: string) {
    super('inferstack:test:Sample', name, {}, {});
    const cluster = new gcp.container.Cluster(`${name}-cluster`, { name: 'demo', location: 'us-central1', resourceLabels: { team: 'ml' } }, { parent: this });
    const kubeconfig = pulumi.secret(pulumi.interpolate`server: https://${cluster.endpoint}`);
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig }, { parent: this });
    const ns = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name: 'demo', annotations: { cluster: cluster.name } } }, { parent: this, provider, dependsOn: [cluster] });
    new k8s.helm.v3.Release(`${name}-keda`, { chart: 'keda', namespace: ns.metadata.name }, { parent: this, provider, dependsOn: [ns] });
    this.endpoint = cluster.endpoint;
    this.registerOutputs({ endpoint: this.endpoint });
  }
}

const mocks = {
  id: (type: string, name: string) => (type === 'gcp:container/cluster:Cluster' ? `projects/p/locations/us-central1/clusters/${name}` : `${name}-id`),
  outputs: (type: string) => (type === 'gcp:container/cluster:Cluster' ? { endpoint: '203.0.113.10' } : {}),
};

describe('runOffline', () => {
  test('records every resource with its type, parent, resolved inputs, dependencies and provider; hides secrets', async () => {
    const graph = await runOffline(() => {
      const s = new Sample('demo');
      return { endpoint: s.endpoint, kubeconfig: pulumi.secret('x') };
    }, { cloud: 'gcp', mocks });
    expect(graph.apiVersion).toBe('inferstack.dev/graph/v1alpha1');
    expect(graph.resources.map((r) => [r.type, r.name, r.parent])).toEqual([
      ['inferstack:test:Sample', 'demo', null],
      ['gcp:container/cluster:Cluster', 'demo-cluster', 'demo'],
      ['kubernetes:core/v1:Namespace', 'demo-ns', 'demo'],
      ['kubernetes:helm.sh/v3:Release', 'demo-keda', 'demo'],
      ['pulumi:providers:kubernetes', 'demo-k8s', 'demo'],
    ]);
    const byName = Object.fromEntries(graph.resources.map((r) => [r.name, r]));
    expect(byName['demo-cluster'].id).toBe('projects/p/locations/us-central1/clusters/demo-cluster');
    expect(byName.demo.id).toBeNull();
    expect(byName['demo-k8s'].inputs.kubeconfig).toBe(SECRET_PLACEHOLDER);
    expect(byName['demo-ns'].inputs).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { annotations: { cluster: 'demo' }, name: 'demo' } });
    expect(byName['demo-ns'].dependsOn).toEqual(['demo-cluster']);
    expect(byName['demo-ns'].provider).toBe('demo-k8s');
    expect(byName['demo-keda'].dependsOn).toEqual(['demo-ns']);
    expect(byName['demo-keda'].inputs.namespace).toBe('demo');
    expect(graph.outputs).toEqual({ endpoint: '203.0.113.10', kubeconfig: SECRET_PLACEHOLDER });
    expect(JSON.stringify(graph)).not.toContain('server: https://');
  });

  test('an invoke without an offline result fails the run and names the invoke', async () => {
    await expect(
      runOffline(async () => {
        const project = await gcp.organizations.getProject({});
        new gcp.pubsub.Topic('t', { name: `t-${project.number}` });
      }, { cloud: 'gcp' }),
    ).rejects.toThrow(/gcp:organizations\/getProject:getProject, which has no offline result/);
  });

  test('a run that cannot finish after a failure is reported within seconds instead of waiting forever', async () => {
    const started = Date.now();
    await expect(
      runOffline(async () => {
        await gcp.organizations.getProject({});
        // An input that never resolves: Pulumi's runtime would wait for it forever.
        new gcp.pubsub.Topic('stuck', { name: pulumi.output(new Promise<string>(() => undefined)) });
      }, { cloud: 'gcp' }),
    ).rejects.toThrow(/gcp:organizations\/getProject:getProject, which has no offline result/);
    expect(Date.now() - started).toBeLessThan(15000);
    const graph = await runOffline(() => void new gcp.pubsub.Topic('after', { name: 'after' }), { cloud: 'gcp' });
    expect(graph.resources.map((r) => r.name)).toEqual(['after']);
  });

  test('a mocked invoke answers', async () => {
    const graph = await runOffline(async () => {
      const project = await gcp.organizations.getProject({});
      new gcp.pubsub.Topic('t', { name: `t-${project.number}` });
    }, { cloud: 'gcp', mocks: { invokes: { 'gcp:organizations/getProject:getProject': () => ({ number: '123456789012' }) } } });
    expect(graph.resources[0].inputs.name).toBe('t-123456789012');
  });

  test('an exception in the program fails the run with its message', async () => {
    await expect(runOffline(() => { throw new Error('bad args'); }, { cloud: 'gcp' })).rejects.toThrow(OfflineRunError);
    await expect(runOffline(() => { throw new Error('bad args'); }, { cloud: 'gcp' })).rejects.toThrow(/bad args/);
  });

  test('two resources with one name are refused', async () => {
    await expect(
      runOffline(() => {
        new gcp.pubsub.Topic('same', {});
        new gcp.pubsub.Subscription('same', { topic: 'x' });
      }, { cloud: 'gcp' }),
    ).rejects.toThrow(/two resources are named 'same'/);
  });

  test('runs one after another in one process, each with its own config', async () => {
    const read = () => ({ cloud: new pulumi.Config('inferstack').require('cloud') });
    const [a, b] = await Promise.all([
      runOffline(read, { cloud: 'gcp', config: { 'inferstack:cloud': 'gcp' } }),
      runOffline(read, { cloud: 'azure', config: { 'inferstack:cloud': 'azure' } }),
    ]);
    expect([a.outputs?.cloud, b.outputs?.cloud]).toEqual(['gcp', 'azure']);
  });
});

describe('runOffline failures inside Outputs', () => {
  test('an apply that throws fails the run instead of hanging it', async () => {
    const run = runOffline(() => {
      const topic = new gcp.pubsub.Topic('t', { name: 't' });
      return { broken: topic.name.apply((): string => { throw new Error('no credentials in the answer'); }) };
    }, { cloud: 'gcp' });
    await expect(run).rejects.toThrow(/no credentials in the answer/);
  });

  test('a resource whose inputs fail stops the run, though what waits for it never settles', () => {
    // In a child process, as the CLI runs it: Jest reports Pulumi's unhandled rejections as test errors.
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'failing-inputs.ts')], { encoding: 'utf8', timeout: 60000 });
    expect(r.signal).toBeNull();
    expect(r.stdout).toContain('offline Pulumi run failed: error serializing property "kubeconfig": the cluster returned no kubeconfig');
    expect(r.stderr).not.toContain('promises were still active');
  });
});
