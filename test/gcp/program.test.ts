/**
 * The Pulumi project as `pulumi up` runs it: Pulumi.yaml, the stack configuration the GCP program
 * reads (the example stack file included), and the program run from config end to end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import { runOffline } from '../../lib/pulumi/offline';
import { GCP_CONFIG, GCP_OFFLINE_MOCKS, GCP_PROGRAM } from '../../stacks/pulumi/gcp';
import { CONFIG_NAMESPACE, deployFromConfig, pulumiCloud, PULUMI_CLOUDS } from '../../stacks/pulumi/program';
import { inputs, named, nodePools } from './support/graph';

const ROOT = join(__dirname, '..', '..');

/** Stack config as the Pulumi CLI hands it to the program: namespaced keys, objects as JSON. */
function stackConfig(file: string): Record<string, string> {
  const config = parse(readFileSync(join(ROOT, file), 'utf8')).config as Record<string, unknown>;
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

describe('Pulumi.yaml', () => {
  const project = parse(readFileSync(join(ROOT, 'Pulumi.yaml'), 'utf8'));

  test('a Node.js project named like the config namespace, running the compiled program without ts-node', () => {
    expect(project).toMatchObject({ name: CONFIG_NAMESPACE, runtime: { name: 'nodejs', options: { typescript: false } }, main: 'dist/stacks/pulumi/index.js' });
  });

  test('main is where the build (tsconfig outDir dist, rootDir the repository) puts stacks/pulumi/index.ts', () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.outDir).toBe('dist');
    expect(existsSync(join(ROOT, project.main.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    expect(readFileSync(join(ROOT, 'stacks/pulumi/index.ts'), 'utf8')).toMatch(/export = async \(\) => deployFromConfig\(\)/);
  });
});

describe('the GCP program', () => {
  test('is registered in the program and loaded on demand', () => {
    expect(Object.keys(PULUMI_CLOUDS)).toContain('gcp');
    expect(pulumiCloud('gcp')).toBe(GCP_PROGRAM);
  });

  test('reads exactly the configuration keys it documents', async () => {
    const read = new Set<string>();
    class Recording extends pulumi.Config {
      override get<K extends string = string>(key: string, opts?: pulumi.StringConfigOptions<K>): K | undefined {
        read.add(key);
        return super.get(key, opts);
      }
      override getBoolean(key: string): boolean | undefined {
        read.add(key);
        return super.getBoolean(key);
      }
      override getObject<T>(key: string): T | undefined {
        read.add(key);
        return super.getObject<T>(key);
      }
      override require<K extends string = string>(key: string, opts?: pulumi.StringConfigOptions<K>): K {
        read.add(key);
        return super.require(key, opts);
      }
    }
    await runOffline(() => deployFromConfig(new Recording(CONFIG_NAMESPACE)), { cloud: 'gcp', mocks: GCP_OFFLINE_MOCKS, config: stackConfig('examples/pulumi/Pulumi.gcp-prod.yaml') });
    expect([...read].sort()).toEqual(GCP_CONFIG.map((c) => c.key).sort());
  });

  test('docs/gcp.md documents every configuration key', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'gcp.md'), 'utf8');
    for (const c of GCP_CONFIG) expect(docs).toContain(`| \`inferstack:${c.key}\` |`);
  });

  test('the example stack file deploys support-assistant with its zones; a private IP endpoint and the DNS endpoint', async () => {
    const config = stackConfig('examples/pulumi/Pulumi.gcp-prod.yaml');
    for (const key of Object.keys(config).filter((k) => k.startsWith('inferstack:'))) expect(GCP_CONFIG.map((c) => `inferstack:${c.key}`)).toContain(key);
    const graph = await runOffline(() => deployFromConfig(), { cloud: 'gcp', mocks: GCP_OFFLINE_MOCKS, config });
    expect(inputs(named(graph, 'support-assistant-prod-cluster-gke'))).toMatchObject({ privateClusterConfig: { enablePrivateEndpoint: true }, controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: true } }, deletionProtection: true });
    const withNetworks = await runOffline(() => deployFromConfig(), { cloud: 'gcp', mocks: GCP_OFFLINE_MOCKS, config: { ...config, 'inferstack:authorizedNetworks': '["203.0.113.0/24"]' } });
    expect(inputs(named(withNetworks, 'support-assistant-prod-cluster-gke'))).toMatchObject({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '203.0.113.0/24' }] }, privateClusterConfig: { enablePrivateEndpoint: false } });
    const pools = nodePools(graph);
    expect(inputs(pools['support-assistant-prod-chat-small-spot']).nodeLocations).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c']);
    expect(inputs(pools['support-assistant-prod-chat-large-od']).nodeLocations).toEqual(['us-central1-a', 'us-central1-c']);
    expect(inputs(named(graph, 'support-assistant-prod-budget-billing')).billingAccount).toBe('012345-6789AB-CDEF01');
    expect(graph.outputs!.placementNotes).toEqual([]);
    expect(Object.keys(graph.outputs!).sort()).toEqual(['budgetId', 'clusterEndpoint', 'clusterName', 'getCredentialsCommand', 'kubeconfig', 'placementNotes', 'routerServiceAddress']);
  });

  test('config of the wrong shape fails with the property named', async () => {
    const config = { ...stackConfig('examples/pulumi/Pulumi.gcp-prod.yaml'), 'inferstack:releaseChannel': 'FAST', 'inferstack:acceleratorZones': JSON.stringify({ 'chat-small': 'us-central1-a' }) };
    const run = runOffline(() => deployFromConfig(), { cloud: 'gcp', mocks: GCP_OFFLINE_MOCKS, config });
    await expect(run).rejects.toThrow(/args\.releaseChannel: 'FAST' is not a GKE release channel; use RAPID, REGULAR, STABLE, EXTENDED/);
  });

  test('an unknown cloud names the ones the program deploys', () => {
    expect(() => pulumiCloud('aws')).toThrow(/inferstack:cloud is 'aws'; the Pulumi program deploys gcp.*\(AWS deploys with cdk deploy\)/);
  });
});
