/**
 * The Azure components on their own, as a user composes them in an existing Pulumi program: what
 * each creates, their defaults, and bad args reported at once with the property named.
 */
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import {
  AcceleratorNodePools,
  AKS_AAD_SERVER_ID,
  AZURE_OFFLINE_MOCKS,
  convertKubeconfig,
  InferenceBudget,
  InferenceCluster,
  InferenceDeployment,
  InferenceQueue,
  InferenceResourceGroup,
  InferenceWorkload,
  pricedAksTier,
  pricedServiceBusSku,
  QueueIdentities,
} from '../../lib/azure';
import { osDiskSizeGB } from '../../lib/azure/node-pools';
import { Catalog } from '../../lib/catalog';
import { loadSpecFile } from '../../lib/load';
import { resolvePlan } from '../../lib/plan/resolve';
import { ResourceGraph } from '../../lib/util/resource-graph';
import { runOffline } from '../../lib/pulumi/offline';
import { parseSpec } from '../../lib/spec';
import { deployFromConfig } from '../../stacks/pulumi/program';
import { synthPulumiGraph } from '../../stacks/pulumi/program';
import { specWith } from '../support/specs';
import { AGENT_POOL, CLUSTER, inputs, ofType } from './support';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const batch = () => loadSpecFile(join(EXAMPLES, 'batch-embeddings.yaml'));
const run = (program: () => void) => runOffline(program, { cloud: 'azure', mocks: AZURE_OFFLINE_MOCKS });

/** The error a component's constructor throws inside a Pulumi program. */
async function thrownBy(create: () => void): Promise<any> {
  let caught: unknown;
  await run(() => {
    try {
      create();
    } catch (e) {
      caught = e;
    }
  });
  return caught;
}

describe('kubeconfig for Entra ID clusters', () => {
  const aks = [
    'apiVersion: v1',
    'clusters: [{name: c, cluster: {server: "https://c.hcp.eastus.azmk8s.io:443", certificate-authority-data: Q0E=}}]',
    'users:',
    '- name: clusterUser_rg_c',
    '  user:',
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1beta1',
    '      command: kubelogin',
    `      args: [get-token, --environment, AzurePublicCloud, --server-id, ${AKS_AAD_SERVER_ID}, --client-id, 80faf920-1908-4b52-b5ef-a8e7bedfc67a, --tenant-id, t, --login, devicecode]`,
    '- name: other',
    '  user: {token: abc}',
    '',
  ].join('\n');

  test.each(['azurecli', 'workloadidentity'] as const)('switches kubelogin users to --login %s, like kubelogin convert-kubeconfig', (mode) => {
    const out = convertKubeconfig(aks, mode);
    expect(out).toContain(`- get-token\n          - --login\n          - ${mode}\n          - --server-id\n          - ${AKS_AAD_SERVER_ID}`);
    expect(out).not.toContain('devicecode');
    expect(out).toContain('server: https://c.hcp.eastus.azmk8s.io:443');
    expect(out).toContain('token: abc');
  });

  test('refuses credentials without a kubelogin user (not an Entra ID cluster, or not exec format)', () => {
    expect(() => convertKubeconfig('apiVersion: v1\nusers: [{name: u, user: {token: t}}]\n', 'azurecli')).toThrow(/no user of the AKS credentials runs kubelogin/);
    expect(() => convertKubeconfig('not: [a, kubeconfig', 'azurecli')).toThrow();
  });
});

describe('one source for what the cost model prices', () => {
  test('the AKS tier and the Service Bus tier follow the capability table', () => {
    expect(pricedAksTier()).toBe('Standard');
    expect(pricedServiceBusSku()).toBe('Standard');
  });
});

describe('components on their own', () => {
  test('AcceleratorNodePools on an existing cluster: only the agent pools, under the component', async () => {
    const plan = resolvePlan(batch(), 'azure');
    const graph = await run(() => {
      new AcceleratorNodePools('gpu', { plan, resourceGroupName: 'rg-existing', clusterName: 'aks-existing' });
    });
    expect(graph.resources.map((r) => [r.type, r.parent])).toEqual([
      ['inferstack:azure:AcceleratorNodePools', null],
      [AGENT_POOL, 'gpu'],
    ]);
    expect(inputs(graph.resources[1])).toMatchObject({ resourceGroupName: 'rg-existing', resourceName: 'aks-existing', tags: plan.tags });
  });

  test('QueueIdentities defaults to the KEDA add-on operator and creates no consumer identity unless asked', async () => {
    const graph = await run(() => {
      new QueueIdentities('ids', {
        resourceGroupName: 'rg',
        location: 'eastus',
        oidcIssuerUrl: 'https://eastus.oic.prod-aks.azure.com/t/i/',
        queueId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/n/queues/q',
      });
    });
    const fic = graph.resources.filter((r) => r.type === 'azure-native:managedidentity:FederatedIdentityCredential').map(inputs);
    expect(fic).toEqual([expect.objectContaining({ subject: 'system:serviceaccount:kube-system:keda-operator', issuer: 'https://eastus.oic.prod-aks.azure.com/t/i/' })]);
    const role = graph.resources.filter((r) => r.type === 'azure-native:authorization:RoleAssignment').map(inputs);
    expect(role).toEqual([expect.objectContaining({ scope: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/n/queues/q', roleDefinitionId: '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/090c5cfd-751d-490a-894a-3ce6f1109419' })]);
  });

  test('an existing resource group is looked up and nothing is created', async () => {
    let id: pulumi.Output<string> | undefined;
    const graph = await run(() => {
      id = new InferenceResourceGroup('rg', { resourceGroupName: 'rg-shared', location: 'eastus', existing: true }).id;
      return { id };
    });
    expect(graph.resources.map((r) => r.type)).toEqual(['inferstack:azure:ResourceGroup']);
    expect(graph.outputs!.id).toBe('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared');
  });

  test('InferenceCluster alone: the cost model\'s system pool, the priced tier, Entra ID, no CPU pools unless given', async () => {
    const graph = await run(() => {
      new InferenceCluster('k', { resourceGroupName: 'rg', location: 'eastus', clusterName: 'aks-k', grantDeployerClusterAdmin: false });
    });
    expect(graph.resources.map((r) => r.type)).toEqual(['inferstack:azure:InferenceCluster', CLUSTER]);
    const c = inputs(graph.resources[1]);
    expect(c.agentPoolProfiles[0]).toMatchObject({ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: 2 });
    expect(c.sku).toEqual({ name: 'Base', tier: 'Standard' });
    expect(c).toMatchObject({ disableLocalAccounts: true, aadProfile: { managed: true, enableAzureRBAC: true }, nodeResourceGroup: 'aks-k-nodes', autoScalerProfile: { expander: 'least-waste', scaleDownUnneededTime: '10m' } });
  });

  test('the API server is private unless authorized ranges make it public', async () => {
    const graph = await run(() => {
      new InferenceCluster('a', { resourceGroupName: 'rg', location: 'eastus', clusterName: 'aks-a', grantDeployerClusterAdmin: false });
      new InferenceCluster('b', { resourceGroupName: 'rg', location: 'eastus', clusterName: 'aks-b', apiServer: { authorizedIpRanges: ['203.0.113.0/24'] }, grantDeployerClusterAdmin: false });
    });
    expect(ofType(graph, CLUSTER).map((r) => inputs(r).apiServerAccessProfile)).toEqual([{ enablePrivateCluster: true }, { authorizedIPRanges: ['203.0.113.0/24'] }]);
  });

  test('InferenceDeployment takes a spec as well as a plan', async () => {
    const graph = await run(() => {
      new InferenceDeployment('d', { spec: batch() });
    });
    expect(ofType(graph, CLUSTER)).toHaveLength(1);
  });

  test('the Pulumi program as `pulumi up` runs it: spec and cloud from stack config', async () => {
    const spec = batch();
    const viaConfig = await runOffline(() => deployFromConfig(), {
      cloud: 'azure',
      stack: 'batch-embeddings-prod',
      mocks: AZURE_OFFLINE_MOCKS,
      config: { 'inferstack:cloud': 'azure', 'inferstack:spec': join(EXAMPLES, 'batch-embeddings.yaml'), 'inferstack:budgetStartDate': '2026-01-01' },
    });
    const viaSynth = await synthPulumiGraph(spec, resolvePlan(spec, 'azure'));
    expect(viaConfig.resources).toEqual(viaSynth.resources);
  });
});

describe('zones from the catalog', () => {
  const zoned = (instanceType: string) => ({ cloud: 'azure' as const, region: 'eastus', instanceType, zones: ['1', '2', '3'], source: 'test', asOf: '2026-07' });
  const catalog = new Catalog({ ...Catalog.DEFAULT, zones: [zoned('Standard_D2s_v5'), zoned('Standard_NC24ads_A100_v4')] });

  test('pools span the zones that offer their VM size; where the catalog has no row they are regional and the outputs say so', async () => {
    let notes: readonly string[] = [];
    const graph: ResourceGraph = await run(() => {
      notes = new InferenceDeployment('d', { spec: batch(), catalog }).notes;
    });
    const c = inputs(ofType(graph, CLUSTER)[0]);
    expect(c.agentPoolProfiles[0].availabilityZones).toEqual(['1', '2', '3']);
    const pools = Object.fromEntries(ofType(graph, AGENT_POOL).map((r) => [inputs(r).agentPoolName, inputs(r)]));
    const gpu = resolvePlan(batch(), 'azure').pools[0].nodeGroups[0].name;
    expect(pools[gpu].availabilityZones).toEqual(['1', '2', '3']);
    expect(pools.metrics.availabilityZones).toEqual(['1', '2', '3']);
    expect(notes.filter((n) => n.startsWith('agent pool'))).toEqual([]);
  });

  test('with the shipped catalog (zones per region, none per Azure size) CPU pools span the region\'s zones and GPU pools are left to Azure', async () => {
    let notes: readonly string[] = [];
    const graph: ResourceGraph = await run(() => {
      notes = new InferenceDeployment('d', { spec: batch() }).notes;
    });
    expect(inputs(ofType(graph, CLUSTER)[0]).agentPoolProfiles[0].availabilityZones).toEqual(Catalog.DEFAULT.zonesOf('azure', 'eastus'));
    const gpu = resolvePlan(batch(), 'azure').pools[0].nodeGroups[0].name;
    const pool = inputs(ofType(graph, AGENT_POOL).find((r) => inputs(r).agentPoolName === gpu)!);
    expect(pool).not.toHaveProperty('availabilityZones');
    expect(notes).toContain(`agent pool ${gpu}: the catalog lists no zones offering ${pool.vmSize} in eastus, so the pool is not pinned to zones and Azure places its nodes`);
  });
});

describe('node disks', () => {
  test('the OS disk holds the model cache of every replica on the node, at least AKS\'s 128 GB', () => {
    const big = resolvePlan(parseSpec(specWith((s) => { s.models = [{ ...s.models[1], precision: 'bf16', accelerator: { type: 'nvidia-a100-80gb', count: 4 } }]; s.routing = { default: 'large' }; delete s.queue; })), 'azure');
    expect(osDiskSizeGB(big.pools[0])).toBeGreaterThan(128);
    expect(osDiskSizeGB(resolvePlan(batch(), 'azure').pools[0])).toBe(128);
  });
});

describe('bad args fail with every problem named', () => {
  test('InferenceQueue', async () => {
    const e = await thrownBy(() => new InferenceQueue('q', { resourceGroupName: 'rg', location: 'eastus', queueName: 'bad name!', deadLetterQueueName: 'dlq', lockDurationSeconds: 900, maxDeliveryCount: 0, sku: 'Basic' as never }));
    expect(pulumi.InputPropertiesError.isInstance(e)).toBe(true);
    expect(e.errors.map((x: any) => x.propertyPath)).toEqual(['queueName', 'lockDurationSeconds', 'maxDeliveryCount', 'sku']);
    expect(e.message).toMatch(/^InferenceQueue 'q': 4 invalid arguments:\n  queueName: 'bad name!' is not a queue name/);
    expect(e.message).toContain('lockDurationSeconds: 900 is outside 5..300 seconds; longer work renews the lock');
  });

  test('InferenceCluster', async () => {
    const e = await thrownBy(
      () =>
        new InferenceCluster('k', {
          resourceGroupName: 'rg',
          location: 'eastus',
          clusterName: 'aks k',
          systemPool: { vmSize: 'Standard_D2s_v5', count: 1 },
          apiServer: { private: true, authorizedIpRanges: ['10.0.0.0/33'] },
          cpuPools: [{ name: 'Router', vmSize: 'Standard_D4s_v5', count: 2 }, { name: 'system', vmSize: 'Standard_D4s_v5', count: 0 }],
        }),
    );
    expect(e.errors.map((x: any) => x.propertyPath)).toEqual(['clusterName', 'systemPool.count', 'apiServer', 'apiServer.authorizedIpRanges[0]', 'cpuPools[0].name', 'cpuPools[1].name', 'cpuPools[1].count']);
    expect(e.message).toContain('systemPool.count: is 1; the system pool needs at least 2 nodes');
  });

  test('InferenceBudget', async () => {
    const e = await thrownBy(
      () => new InferenceBudget('b', { scope: '/subscriptions/s', budgetName: 'b', amount: 100, actualThresholdsPercent: [10, 20, 30, 40, 50], contactEmails: ['not-an-email'], startDate: '2026-10-15' }),
    );
    expect(e.errors.map((x: any) => x.propertyPath)).toEqual(['actualThresholdsPercent', 'startDate', 'contactEmails[0]']);
    expect(e.message).toContain('6 notifications (5 actual + 1 forecast); an Azure budget has 1 to 5');
  });

  test('InferenceWorkload for a plan with queue pools needs the identities and the queue', async () => {
    const plan = resolvePlan(batch(), 'azure');
    const e = await thrownBy(() => new InferenceWorkload('w', { plan, resourceGroupName: 'rg', clusterName: 'aks' }));
    expect(e.errors.map((x: any) => x.propertyPath)).toEqual(['scalerClientId', 'consumerClientId', 'queue']);
  });

  test('a single problem is an InputPropertyError naming its property', async () => {
    const plan = resolvePlan(batch(), 'gcp');
    const e = await thrownBy(() => new AcceleratorNodePools('p', { plan, resourceGroupName: 'rg', clusterName: 'aks' }));
    expect(pulumi.InputPropertyError.isInstance(e)).toBe(true);
    expect(e.propertyPath).toBe('plan');
    expect(e.message).toBe("AcceleratorNodePools 'p': plan: is a plan for gcp; resolve the spec for azure");
  });

  test('InferenceDeployment wants exactly one of spec and plan', async () => {
    const e = await thrownBy(() => new InferenceDeployment('d', {}));
    expect(e.message).toMatch(/give exactly one of spec or plan/);
  });
});
