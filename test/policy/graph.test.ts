/**
 * The GCP and Azure rules over Pulumi resource graphs, in the `resources.json` shape the renderers
 * will write (lib/util/resource-graph.ts). The fixtures are hand-written to that contract, with
 * @pulumi/gcp and @pulumi/azure-native type tokens and input names (gcp.md and azure.md research
 * notes; pulumi registry: container.Cluster privateClusterConfig / masterAuthorizedNetworksConfig /
 * datapathProvider, pubsub.Subscription deadLetterPolicy, projects.IAMMember role/member,
 * containerservice.ManagedCluster apiServerAccessProfile / networkProfile, authorization.RoleAssignment
 * roleDefinitionId/scope/principalId, servicebus.Queue maxDeliveryCount).
 */
import { checkPolicies, GraphResource, PolicyInputs, RESOURCE_GRAPH_API_VERSION, ResourceGraph } from '../../lib/policy';
import { caseOf } from '../k8s/support/fixtures';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const RG = `${SUB}/resourceGroups/batch-embeddings-prod`;
const role = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const r = (type: string, name: string, inputs: Record<string, unknown>, parent = 'inferstack'): GraphResource => ({ type, name, parent, inputs, dependsOn: [] });

const GCP: GraphResource[] = [
  r('gcp:container/cluster:Cluster', 'cluster', {
    name: 'batch-embeddings-prod',
    location: 'us-central1',
    datapathProvider: 'ADVANCED_DATAPATH',
    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: '172.16.0.0/28' },
    workloadIdentityConfig: { workloadPool: 'acme-search.svc.id.goog' },
  }),
  r('gcp:container/nodePool:NodePool', 'pool-embedder', {
    cluster: 'batch-embeddings-prod',
    nodeConfig: { machineType: 'ct5lp-hightpu-4t', labels: { 'inferstack.dev/pool': 'embedder' }, taints: [{ key: 'inferstack.dev/pool', value: 'embedder', effect: 'NO_SCHEDULE' }] },
  }),
  r('gcp:pubsub/topic:Topic', 'requests', { name: 'batch-embeddings-prod-requests' }),
  r('gcp:pubsub/subscription:Subscription', 'requests-sub', {
    name: 'batch-embeddings-prod-requests',
    topic: 'batch-embeddings-prod-requests',
    ackDeadlineSeconds: 600,
    deadLetterPolicy: { deadLetterTopic: 'projects/acme-search/topics/batch-embeddings-prod-requests-dlq', maxDeliveryAttempts: 5 },
  }),
  r('gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember', 'consumer-subscriber', { subscription: 'batch-embeddings-prod-requests', role: 'roles/pubsub.subscriber', member: 'serviceAccount:consumer@acme-search.iam.gserviceaccount.com' }),
  // The scaler reads Cloud Monitoring: a project role, but not a data role.
  r('gcp:projects/iAMMember:IAMMember', 'scaler-monitoring', { project: 'acme-search', role: 'roles/monitoring.viewer', member: 'serviceAccount:keda@acme-search.iam.gserviceaccount.com' }),
];

const AZURE: GraphResource[] = [
  r('azure-native:containerservice:ManagedCluster', 'cluster', {
    resourceGroupName: 'batch-embeddings-prod',
    apiServerAccessProfile: { enablePrivateCluster: true },
    networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataplane: 'cilium', networkPolicy: 'cilium' },
    oidcIssuerProfile: { enabled: true },
  }),
  r('azure-native:containerservice:AgentPool', 'pool-embedder', {
    agentPoolName: 'embedder',
    vmSize: 'Standard_NC24ads_A100_v4',
    nodeLabels: { 'inferstack.dev/pool': 'embedder' },
    nodeTaints: ['inferstack.dev/pool=embedder:NoSchedule'],
  }),
  r('azure-native:servicebus:Namespace', 'bus', { resourceGroupName: 'batch-embeddings-prod', sku: { name: 'Standard' } }),
  r('azure-native:servicebus:Queue', 'requests', { queueName: 'batch-embeddings-prod-requests', maxDeliveryCount: 5, deadLetteringOnMessageExpiration: true, lockDuration: 'PT5M' }),
  r('azure-native:authorization:RoleAssignment', 'consumer-receiver', {
    principalId: '11111111-1111-1111-1111-111111111111',
    principalType: 'ServicePrincipal',
    roleDefinitionId: role('4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'),
    scope: `${RG}/providers/Microsoft.ServiceBus/namespaces/bus/queues/batch-embeddings-prod-requests`,
  }),
];

const graphOf = (cloud: 'gcp' | 'azure', resources: GraphResource[]): ResourceGraph => ({ apiVersion: RESOURCE_GRAPH_API_VERSION, cloud, resources });
const inputs = (cloud: 'gcp' | 'azure', resources: GraphResource[]): PolicyInputs => {
  const c = caseOf('batch-embeddings', cloud);
  return { plan: c.plan, kubernetes: [...c.rendered.objects, ...c.rendered.crdObjects], graph: graphOf(cloud, resources) };
};
const findings = (i: PolicyInputs) => checkPolicies(i).findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule} ${f.resource}: ${f.message}`);
/** The fixture with one resource's inputs changed (deep merge of plain objects, `undefined` removes). */
function variant(base: GraphResource[], name: string, change: Record<string, unknown>, extra: GraphResource[] = []): GraphResource[] {
  return [...base.map((x) => (x.name === name ? { ...x, inputs: Object.fromEntries(Object.entries({ ...x.inputs, ...change }).filter(([, v]) => v !== undefined)) } : x)), ...extra];
}

test.each([['gcp', GCP], ['azure', AZURE]] as const)('%s: the well-formed graph passes every rule', (cloud, graph) => {
  const check = checkPolicies(inputs(cloud, graph));
  expect(check.checked).toEqual(['plan', 'kubernetes', 'pulumi']);
  expect(findings(inputs(cloud, graph))).toEqual([]);
});

const GCP_CASES: [string, GraphResource[], string[]][] = [
  ['an owner role', variant(GCP, 'scaler-monitoring', { role: 'roles/owner' }), ['error gcp-iam-no-primitive-roles gcp:projects/iAMMember:IAMMember scaler-monitoring: grants roles/owner']],
  [
    'a subscriber role on the whole project',
    [...GCP, r('gcp:projects/iAMMember:IAMMember', 'consumer-project', { project: 'acme-search', role: 'roles/pubsub.subscriber', member: 'serviceAccount:consumer@acme-search.iam.gserviceaccount.com' })],
    ['error gcp-iam-no-project-wide-data-roles gcp:projects/iAMMember:IAMMember consumer-project: grants roles/pubsub.subscriber on acme-search'],
  ],
  ['an editor binding', [...GCP, r('gcp:projects/iAMBinding:IAMBinding', 'editors', { project: 'acme-search', role: 'roles/editor', members: ['group:ml@example.com'] })], ['error gcp-iam-no-primitive-roles gcp:projects/iAMBinding:IAMBinding editors: grants roles/editor']],
  ['a public control plane', variant(GCP, 'cluster', { privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false } }), ['error cluster-api-private gcp:container/cluster:Cluster cluster: public API endpoint open to the internet']],
  [
    'a public control plane restricted to one network',
    variant(GCP, 'cluster', { privateClusterConfig: undefined, masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '203.0.113.0/24', displayName: 'office' }] } }),
    ['warning cluster-api-private gcp:container/cluster:Cluster cluster: public API endpoint restricted to 203.0.113.0/24 (master authorized networks)'],
  ],
  ['no network policy enforcement', variant(GCP, 'cluster', { datapathProvider: undefined }), ['error network-policy-enforced gcp:container/cluster:Cluster cluster: neither Dataplane V2 (datapathProvider: ADVANCED_DATAPATH) nor networkPolicy.enabled']],
  ['a subscription without a dead-letter topic', variant(GCP, 'requests-sub', { deadLetterPolicy: undefined }), ['error queue-dead-letter gcp:pubsub/subscription:Subscription requests-sub: no deadLetterPolicy.deadLetterTopic']],
  ['an untainted accelerator node pool', variant(GCP, 'pool-embedder', { nodeConfig: { machineType: 'ct5lp-hightpu-4t', labels: { 'inferstack.dev/pool': 'embedder' } } }), ['error accelerator-pool-tainted gcp:container/nodePool:NodePool pool-embedder: nodeConfig.taints lacks inferstack.dev/pool=embedder:NO_SCHEDULE']],
];

const AZURE_CASES: [string, GraphResource[], string[]][] = [
  [
    'Contributor on the resource group',
    [...AZURE, r('azure-native:authorization:RoleAssignment', 'ci-contributor', { principalId: '2', roleDefinitionId: role('b24988ac-6180-42a0-ab88-20f7382dd24c'), scope: RG })],
    [`error azure-rbac-no-owner-contributor azure-native:authorization:RoleAssignment ci-contributor: assigns Contributor on ${RG}`],
  ],
  ['Owner by bare GUID', [...AZURE, r('azure-native:authorization:RoleAssignment', 'owner', { principalId: '3', roleDefinitionId: '8E3AF657-A8FF-443C-A75C-2FE8C4BCB635', scope: SUB })], [`error azure-rbac-no-owner-contributor azure-native:authorization:RoleAssignment owner: assigns Owner on ${SUB}`]],
  ['a data role on the resource group', variant(AZURE, 'consumer-receiver', { scope: RG }), [`error azure-rbac-no-broad-data-roles azure-native:authorization:RoleAssignment consumer-receiver: assigns Azure Service Bus Data Receiver on ${RG}`]],
  ['an API server open to the internet', variant(AZURE, 'cluster', { apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ['0.0.0.0/0'] } }), ['error cluster-api-private azure-native:containerservice:ManagedCluster cluster: public API endpoint open to 0.0.0.0/0']],
  ['no network policy', variant(AZURE, 'cluster', { networkProfile: { networkPlugin: 'azure' } }), ['error network-policy-enforced azure-native:containerservice:ManagedCluster cluster: networkProfile.networkPolicy is not set (azure, calico or cilium)']],
  ['a queue without a delivery limit', variant(AZURE, 'requests', { maxDeliveryCount: undefined }), ['error queue-dead-letter azure-native:servicebus:Queue requests: no maxDeliveryCount']],
  ['an untainted agent pool', variant(AZURE, 'pool-embedder', { nodeTaints: [] }), ['error accelerator-pool-tainted azure-native:containerservice:AgentPool pool-embedder: nodeTaints lacks inferstack.dev/pool=embedder:NoSchedule']],
];

test.each(GCP_CASES)('gcp: %s', (_name, graph, expected) => expect(findings(inputs('gcp', graph))).toEqual(expected));
test.each(AZURE_CASES)('azure: %s', (_name, graph, expected) => expect(findings(inputs('azure', graph))).toEqual(expected));
