/** `inferstack synth` as a user runs it: files per target, nothing written when it must fail. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CloudId } from '../../lib/catalog/types';
import { PULUMI_CLOUDS } from '../../stacks/pulumi/program';
import { runCli } from '../support/cli';

const example = (name: string) => join(__dirname, '..', '..', 'examples', name);
const tmp = () => mkdtempSync(join(tmpdir(), 'inferstack-synth-'));

describe('synth', () => {
  // One synth of the GCP and Azure targets (the AWS one runs a real CDK synth; test/aws covers it).
  const out = tmp();
  const runs = Promise.all([
    runCli('synth', example('batch-embeddings.yaml'), '--out', out, '--cloud', 'gcp'),
    runCli('synth', example('batch-embeddings.yaml'), '--out', out, '--cloud', 'azure'),
  ]);

  it('writes the plan and the Kubernetes manifests per target', async () => {
    const [gcp, azure] = await runs;
    expect(gcp.code).toBe(0);
    expect(azure.code).toBe(0);
    expect(gcp.stdout).toContain(`gcp    ${join(out, 'gcp')}`);
    for (const cloud of ['gcp', 'azure']) {
      // Clouds registered in the Pulumi program also get their resource graph.
      expect(readdirSync(join(out, cloud)).sort()).toEqual(['.inferstack-manifest.json', 'k8s', 'plan.json', ...(PULUMI_CLOUDS[cloud as CloudId] ? ['resources.json'] : [])]);
      expect(readdirSync(join(out, cloud, 'k8s')).sort()).toEqual(['autoscaling.yaml', 'helm-releases.yaml', 'namespace.yaml', 'queue-consumers.yaml']);
      expect(JSON.parse(readFileSync(join(out, cloud, 'plan.json'), 'utf8')).cloud).toBe(cloud);
    }
  });

  it('writes the Azure resource graph of the Pulumi program', async () => {
    await runs;
    const graph = JSON.parse(readFileSync(join(out, 'azure', 'resources.json'), 'utf8'));
    expect(graph).toMatchObject({ apiVersion: 'inferstack.dev/graph/v1alpha1', cloud: 'azure' });
    const types = graph.resources.map((r: { type: string }) => r.type);
    expect(types).toEqual(expect.arrayContaining(['azure-native:containerservice:ManagedCluster', 'azure-native:containerservice:AgentPool', 'azure-native:servicebus:Queue', 'kubernetes:keda.sh/v1alpha1:ScaledObject']));
    expect(JSON.stringify(graph)).not.toContain('inferstack-unbound');
  });

  it('writes manifests that parse and carry the queue trigger of each cloud', async () => {
    await runs;
    const kinds = (cloud: string) =>
      parseAllDocuments(readFileSync(join(out, cloud, 'k8s', 'autoscaling.yaml'), 'utf8')).map((d) => d.toJS() as { kind: string; spec: { triggers?: { type: string }[] } });
    expect(kinds('gcp').find((o) => o.kind === 'ScaledObject')!.spec.triggers![0].type).toBe('prometheus');
    expect(kinds('azure').find((o) => o.kind === 'ScaledObject')!.spec.triggers![0].type).toBe('azure-servicebus');
  });

  it('writes the GCP resource graph: the contract external checks read', async () => {
    await runs;
    const graph = JSON.parse(readFileSync(join(out, 'gcp', 'resources.json'), 'utf8'));
    expect(graph).toMatchObject({ apiVersion: 'inferstack.dev/graph/v1alpha1', cloud: 'gcp' });
    expect(graph.resources[0]).toMatchObject({ type: 'inferstack:gcp:InferenceDeployment', name: 'batch-embeddings-prod', parent: null, id: null });
    for (const r of graph.resources) expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['dependsOn', 'id', 'inputs', 'name', 'parent', 'type']));
    expect(graph.resources.some((r: { type: string }) => r.type === 'gcp:container/nodePool:NodePool')).toBe(true);
  });

  it('writes nothing when the ceiling is over budget with onExceed: error', async () => {
    const dir = tmp();
    const spec = join(dir, 'over.yaml');
    writeFileSync(spec, readFileSync(example('support-assistant.yaml'), 'utf8').replace('onExceed: warn', 'onExceed: error').replace('monthlyUsd: 40000', 'monthlyUsd: 1000'));
    const r = await runCli('synth', spec, '--out', join(dir, 'out'), '--cloud', 'gcp');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^inferstack synth: nothing written: over budget with onExceed: error\ngcp: the ceiling/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('writes nothing for an invalid spec', async () => {
    const dir = tmp();
    const spec = join(dir, 'bad.yaml');
    writeFileSync(spec, readFileSync(example('minimal-aws.yaml'), 'utf8').replace('nvidia-l4', 'nvidia-l5'));
    const r = await runCli('synth', spec, '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('synth --cloud aws', () => {
  it('reuses the assets an earlier synth staged instead of copying them again, and drops stale ones', async () => {
    const out = tmp();
    const templates = join(out, 'aws', 'templates');
    expect((await runCli('synth', example('minimal-aws.yaml'), '--out', out, '--cloud', 'aws')).code).toBe(0);
    const assets = readdirSync(templates).filter((f) => f.startsWith('asset.'));
    const largest = assets.map((f) => ({ f, size: statSync(join(templates, f)).size })).sort((a, b) => b.size - a.size)[0].f;
    const before = statSync(join(templates, largest));
    expect(before.size).toBeGreaterThan(10 * 1024 * 1024); // the kubectl layer
    const stale = `asset.${'0'.repeat(64)}`;
    mkdirSync(join(templates, stale));

    const r = await runCli('synth', example('minimal-aws.yaml'), '--out', out, '--cloud', 'aws');
    expect(r.code).toBe(0);
    const after = statSync(join(templates, largest));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(readdirSync(templates).filter((f) => f.startsWith('asset.')).sort()).toEqual([...assets].sort());
  });
});
