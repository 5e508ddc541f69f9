/**
 * The Azure resource graph `inferstack synth --cloud azure` writes and `pulumi up` would create,
 * per example and per hidden-style spec: a snapshot to read, and the properties a platform
 * engineer checks before deploying.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AKS_TIER_OF_FEE, SYSTEM_POOL_TAINT } from '../../lib/azure/cluster';
import { BUILT_IN_ROLES } from '../../lib/azure/roles';
import { SERVICE_BUS_SKU_OF_PRICE } from '../../lib/azure/queue';
import { offlineUuid } from '../../lib/azure/offline';
import { costReport } from '../../lib/cost';
import { checkPolicies } from '../../lib/policy';
import { HOURS_PER_MONTH } from '../../lib/cost/model';
import { workloadNames } from '../../lib/k8s/meta';
import { CAPABILITIES } from '../../lib/plan/capabilities';
import { GraphResource, ResourceGraph } from '../../lib/util/resource-graph';
import { OfflineRunError } from '../../lib/pulumi/offline';
import { synthPulumiGraph } from '../../stacks/pulumi/program';
import { AGENT_POOL, azureCase, CLUSTER, FEDERATED_CREDENTIAL, IDENTITY, inputs, k8sObjects, ofType, ROLE_ASSIGNMENT, SPECS } from './support';

const NAMES = Object.keys(SPECS);

/** The graph with Kubernetes objects of lib/k8s reduced to their identity (test/k8s snapshots their manifests). */
function condensed(g: ResourceGraph): unknown {
  const azureSpecific = /Patch$|:Release$/;
  return {
    ...g,
    resources: g.resources.map((r) =>
      r.type.startsWith('kubernetes:') && !azureSpecific.test(r.type) && !(inputs(r).metadata?.namespace === 'kube-system')
        ? { ...r, inputs: { apiVersion: inputs(r).apiVersion, kind: inputs(r).kind, metadata: { name: inputs(r).metadata.name, ...(inputs(r).metadata.namespace ? { namespace: inputs(r).metadata.namespace } : {}) } } }
        : r,
    ),
  };
}

const taintOf = (t: { key: string; value?: string; effect?: string }) => `${t.key}=${t.value}:${t.effect}`;
const pools = (g: ResourceGraph) => ofType(g, AGENT_POOL).filter((r) => r.parent?.endsWith('-accelerators'));

describe.each(NAMES)('%s', (name) => {
  test('snapshot of the recorded graph', async () => {
    const { graph } = await azureCase(name);
    expect(condensed(graph)).toMatchSnapshot();
  });

  test('every node group of the plan is one agent pool with the plan\'s VM size and node bounds', async () => {
    const { plan, graph } = await azureCase(name);
    const byName = Object.fromEntries(pools(graph).map((r) => [inputs(r).agentPoolName, inputs(r)]));
    const groups = plan.pools.flatMap((p) => p.nodeGroups.map((g) => ({ p, g })));
    expect(Object.keys(byName).sort()).toEqual(groups.map(({ g }) => g.name).sort());
    for (const { p, g } of groups) {
      expect(byName[g.name]).toMatchObject({
        mode: 'User',
        vmSize: p.machine.instanceType,
        enableAutoScaling: true,
        minCount: g.minNodes,
        maxCount: g.maxNodes,
        count: g.minNodes,
        osSKU: 'Ubuntu',
        gpuProfile: { driver: 'Install' },
      });
    }
  });

  test('spot groups are Spot with eviction Delete at up to the on-demand price; the on-demand floor is Regular', async () => {
    const { plan, graph } = await azureCase(name);
    const byName = Object.fromEntries(pools(graph).map((r) => [inputs(r).agentPoolName, inputs(r)]));
    for (const g of plan.pools.flatMap((p) => p.nodeGroups)) {
      if (g.capacityType === 'spot') expect(byName[g.name]).toMatchObject({ scaleSetPriority: 'Spot', scaleSetEvictionPolicy: 'Delete', spotMaxPrice: -1 });
      else {
        expect(byName[g.name].scaleSetPriority).toBe('Regular');
        expect(byName[g.name]).not.toHaveProperty('spotMaxPrice');
        expect(byName[g.name]).not.toHaveProperty('scaleSetEvictionPolicy');
      }
    }
    // The floor holds onDemandBase replicas: min(min, base)..base on Regular nodes.
    for (const p of plan.pools.filter((x) => x.capacity.spot && x.capacity.onDemandBase > 0)) {
      const od = p.nodeGroups.find((g) => g.capacityType === 'on-demand')!;
      expect(byName[od.name]).toMatchObject({ scaleSetPriority: 'Regular', maxCount: Math.ceil(p.capacity.onDemandBase / p.machine.replicasPerNode) });
    }
  });

  test("each pool's taints are exactly what its pods tolerate and its labels what they select", async () => {
    const { plan, graph } = await azureCase(name);
    const deployments = Object.fromEntries(k8sObjects(graph, 'Deployment').map((d) => [d.metadata.name, d.spec.template.spec]));
    const byName = Object.fromEntries(pools(graph).map((r) => [inputs(r).agentPoolName, inputs(r)]));
    for (const p of plan.pools) {
      const pod = deployments[p.resourceName];
      const tolerated = (taint: string) =>
        pod.tolerations.some((t: any) => (t.operator === 'Exists' ? taint.startsWith(`${t.key}=`) && taint.endsWith(`:${t.effect}`) : taint === taintOf(t)));
      const all = new Set<string>();
      for (const g of p.nodeGroups) {
        const pool = byName[g.name];
        for (const taint of pool.nodeTaints) expect(tolerated(taint) ? taint : `${taint} is not tolerated by ${p.resourceName}`).toBe(taint);
        pool.nodeTaints.forEach((t: string) => all.add(t));
        for (const [k, v] of Object.entries(pod.nodeSelector)) expect(pool.nodeLabels[k]).toBe(v);
      }
      // Identical: the pools of a model carry every taint its pods tolerate, no more.
      const tolerations = pod.tolerations.map((t: any) => (t.operator === 'Exists' ? `${t.key}=present:${t.effect}` : taintOf(t))).sort();
      expect([...all].sort()).toEqual(tolerations);
      // The spot group carries the taint and label AKS puts on spot nodes itself, as the plan says.
      const spot = p.nodeGroups.find((g) => g.capacityType === 'spot');
      if (spot) {
        expect(byName[spot.name].nodeTaints).toContain(taintOf(CAPABILITIES.azure.spotTaint!));
        expect(byName[spot.name].nodeLabels[CAPABILITIES.azure.spotNodeLabel.key]).toBe(CAPABILITIES.azure.spotNodeLabel.value);
      }
    }
  });

  test('agent pool names are unique, at most 12 lowercase alphanumerics, and never the system pool\'s', async () => {
    const { graph } = await azureCase(name);
    const cluster = inputs(ofType(graph, CLUSTER)[0]);
    const all = [...cluster.agentPoolProfiles.map((p: any) => p.name), ...ofType(graph, AGENT_POOL).map((r) => inputs(r).agentPoolName)];
    expect(new Set(all).size).toBe(all.length);
    for (const n of all) expect(n).toMatch(/^[a-z][a-z0-9]{0,11}$/);
  });

  test('the cluster: Entra ID with Azure RBAC and no local accounts, workload identity, KEDA, CNI overlay with Cilium, upgrades, a tagged node resource group', async () => {
    const { plan, graph } = await azureCase(name);
    const c = inputs(ofType(graph, CLUSTER)[0]);
    expect(c).toMatchObject({
      aadProfile: { managed: true, enableAzureRBAC: true },
      disableLocalAccounts: true,
      oidcIssuerProfile: { enabled: true },
      securityProfile: { workloadIdentity: { enabled: true } },
      workloadAutoScalerProfile: { keda: { enabled: true } },
      networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataplane: 'cilium', networkPolicy: 'cilium' },
      autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
      location: plan.region,
      tags: plan.tags,
    });
    expect(c.nodeResourceGroup).toMatch(/-aks-nodes$/);
    // System pool inline only: mode System, at least two nodes, critical add-ons only.
    expect(c.agentPoolProfiles).toHaveLength(1);
    expect(c.agentPoolProfiles[0]).toMatchObject({ name: 'system', mode: 'System', nodeTaints: [SYSTEM_POOL_TAINT] });
    expect(c.agentPoolProfiles[0].count).toBeGreaterThanOrEqual(2);
  });

  test("the autoscaler waits the longest scale-down delay of the plan, and grows on-demand floors before spot", async () => {
    const { plan, graph } = await azureCase(name);
    const profile = inputs(ofType(graph, CLUSTER)[0]).autoScalerProfile;
    const delay = Math.max(...plan.pools.map((p) => p.scaling.scaleDownDelaySeconds));
    expect(profile.scaleDownUnneededTime).toBe(`${Math.ceil(delay / 60)}m`);
    expect(profile.scaleDownDelayAfterAdd).toBe(`${Math.ceil(delay / 60)}m`);
    const grace = Math.max(...k8sObjects(graph, 'Deployment').map((d) => d.spec.template.spec.terminationGracePeriodSeconds ?? 30));
    expect(Number(profile.maxGracefulTerminationSec)).toBeGreaterThanOrEqual(grace);
    const mixed = plan.pools.some((p) => p.nodeGroups.length > 1);
    expect(profile.expander).toBe(mixed ? 'priority' : 'least-waste');
    const priorities = k8sObjects(graph, 'ConfigMap').find((o) => o.metadata.name === 'cluster-autoscaler-priority-expander');
    expect(!!priorities).toBe(mixed);
    if (priorities) {
      const text: string = priorities.data.priorities;
      for (const g of plan.pools.flatMap((p) => p.nodeGroups)) {
        const level = g.capacityType === 'on-demand' ? '50' : '10';
        expect(text.split(/\n(?=\d+:)/).find((b) => b.startsWith(`${level}:`))).toContain(`.*-${g.name}-.*`);
      }
    }
  });

  test('tags on every resource that takes tags, agent pools and the system pool included (Azure nodes carry every cost tag: plan.costAllocation)', async () => {
    const { plan, graph } = await azureCase(name);
    expect(plan.costAllocation.nodeTagging).toBe('all-tags');
    const taggable = (type: string): boolean => {
      const [, module, resource] = type.split(':');
      const file = join(__dirname, '..', '..', 'node_modules', '@pulumi', 'azure-native', module, `${resource[0].toLowerCase()}${resource.slice(1)}.d.ts`);
      const args = readFileSync(file, 'utf8').split(`export interface ${resource}Args`)[1] ?? '';
      return /\n\s+tags\?:/.test(args);
    };
    const azure = graph.resources.filter((r) => r.type.startsWith('azure-native:'));
    const tagged = azure.filter((r) => taggable(r.type));
    expect(tagged.length).toBeGreaterThan(0);
    for (const r of tagged) expect([r.name, inputs(r).tags]).toEqual([r.name, plan.tags]);
    for (const p of inputs(ofType(graph, CLUSTER)[0]).agentPoolProfiles) expect(p.tags).toEqual(plan.tags);
    // What takes no tags per the SDK's own args is only what Azure cannot tag.
    const untaggable = ['azure-native:servicebus:Queue', 'azure-native:managedidentity:FederatedIdentityCredential', 'azure-native:authorization:RoleAssignment', 'azure-native:consumption:Budget'];
    for (const r of azure.filter((x) => !taggable(x.type))) expect(untaggable).toContain(r.type);
  });

  test('every resource below the deployment has a parent that is in the graph', async () => {
    const { graph } = await azureCase(name);
    const names = new Set(graph.resources.map((r) => r.name));
    const roots = graph.resources.filter((r) => r.parent === null);
    expect(roots.map((r) => r.type)).toEqual(['inferstack:azure:InferenceDeployment']);
    for (const r of graph.resources.filter((x) => x.parent !== null)) expect(names.has(r.parent!) ? r.parent : `${r.name} has parent ${r.parent}`).toBe(r.parent);
    for (const r of graph.resources.filter((x) => x.type.startsWith('kubernetes:'))) expect(r.provider).toMatch(/-workload-provider$/);
  });

  test("inferstack's policy rules find nothing over the plan, the applied Kubernetes objects and the graph", async () => {
    const { plan, graph } = await azureCase(name);
    const kubernetes = graph.resources.filter((r) => r.type.startsWith('kubernetes:') && !/Patch$|:Release$/.test(r.type)).map(inputs);
    const check = checkPolicies({ plan, kubernetes, graph });
    expect(check.checked).toEqual(['plan', 'kubernetes', 'pulumi']);
    expect(check.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}: ${f.resource}: ${f.message}`)).toEqual([]);
  });

  test('no placeholder survives and no secret is written in clear', async () => {
    const { graph } = await azureCase(name);
    const text = JSON.stringify(graph);
    expect(text).not.toContain('inferstack-unbound');
    expect(text).not.toContain('certificate-authority-data');
    expect(graph.outputs!.kubeconfig).toBe('[secret]');
  });

  test('the cost report prices exactly the agent pools the graph creates, and the tier and queue tier the graph sets', async () => {
    const { spec, plan, graph } = await azureCase(name);
    const cost = costReport(spec, [plan], { simulatedHours: 168 }).clouds.azure!;
    const accelerator = cost.lineItems.filter((i) => i.item === 'accelerator-nodes');
    const agentPools = pools(graph).map(inputs);
    const groupsOf = (pool: string, capacity: string) => {
      const names = plan.pools.find((p) => p.name === pool)!.nodeGroups.filter((g) => g.capacityType === capacity).map((g) => g.name);
      return agentPools.filter((a) => names.includes(a.agentPoolName));
    };
    // One priced line per pool and capacity, and one or more agent pools behind each, nothing unpriced.
    expect(accelerator.length).toBe(new Set(agentPools.map((a) => `${a.nodeLabels['inferstack.dev/pool']}/${a.scaleSetPriority}`)).size);
    for (const item of accelerator) {
      const backing = groupsOf(item.pool!, item.capacity!);
      expect(backing.length).toBeGreaterThan(0);
      for (const a of backing) {
        expect(a.vmSize).toBe(item.instanceType);
        expect(a.scaleSetPriority).toBe(item.capacity === 'spot' ? 'Spot' : 'Regular');
      }
      expect(item.floor.hours).toBe(backing.reduce((s, a) => s + a.minCount, 0) * HOURS_PER_MONTH);
      expect(item.ceiling.hours).toBe(backing.reduce((s, a) => s + a.maxCount, 0) * HOURS_PER_MONTH);
    }
    // The CPU nodes the report prices are the system, router and metrics pools.
    const cluster = inputs(ofType(graph, CLUSTER)[0]);
    const cpu = Object.fromEntries(ofType(graph, AGENT_POOL).filter((r) => r.parent?.endsWith('-cluster')).map((r) => [inputs(r).agentPoolName, inputs(r)]));
    const priced = (item: string) => cost.lineItems.find((i) => i.item === item);
    const system = cluster.agentPoolProfiles[0];
    expect([priced('system-nodes')!.instanceType, priced('system-nodes')!.floor.hours]).toEqual([system.vmSize, system.count * HOURS_PER_MONTH]);
    expect([priced('prometheus')!.instanceType, priced('prometheus')!.floor.hours]).toEqual([cpu.metrics.vmSize, cpu.metrics.count * HOURS_PER_MONTH]);
    if (plan.router) expect([priced('router')!.instanceType, priced('router')!.floor.hours]).toEqual([cpu.router.vmSize, cpu.router.count * HOURS_PER_MONTH]);
    else expect(cpu.router).toBeUndefined();
    // The control plane priced is the tier the cluster sets.
    const fee = CAPABILITIES.azure.controlPlaneFeeId;
    expect(priced('control-plane')!.basis).toContain(fee);
    expect(cluster.sku).toEqual({ name: 'Base', tier: AKS_TIER_OF_FEE[fee] });
    // And the queue priced is the Service Bus tier the namespace gets.
    const namespaces = ofType(graph, 'azure-native:servicebus:Namespace');
    expect(namespaces.length).toBe(plan.queue ? 1 : 0);
    if (plan.queue) expect(inputs(namespaces[0]).sku.name).toBe(SERVICE_BUS_SKU_OF_PRICE[CAPABILITIES.azure.queue.priceId]);
  });
});

const QUEUED = NAMES.filter((n) => SPECS[n]().queue && SPECS[n]().models.some((m) => m.serve === 'queue'));

describe.each(QUEUED)('%s queue', (name) => {
  const byName = (g: ResourceGraph) => Object.fromEntries(g.resources.map((r) => [r.name, r]));
  const queues = (g: ResourceGraph) => ofType(g, 'azure-native:servicebus:Queue').map(inputs);

  test('Service Bus: Entra ID only, TLS 1.2, the plan\'s deliveries, lock (at most 5 min), TTL, dead letters forwarded to their own queue', async () => {
    const { plan, graph } = await azureCase(name);
    const q = plan.queue!;
    expect(inputs(ofType(graph, 'azure-native:servicebus:Namespace')[0])).toMatchObject({ disableLocalAuth: true, minimumTlsVersion: '1.2', sku: { name: 'Standard', tier: 'Standard' } });
    const main = queues(graph).find((x) => x.queueName === q.name)!;
    const dlq = queues(graph).find((x) => x.queueName === q.deadLetterName)!;
    const lockMinutes = q.visibilityTimeoutSeconds / 60;
    expect(q.visibilityTimeoutSeconds).toBeLessThanOrEqual(300);
    expect(main).toMatchObject({
      maxDeliveryCount: q.maxDeliveryAttempts,
      deadLetteringOnMessageExpiration: true,
      forwardDeadLetteredMessagesTo: q.deadLetterName,
      lockDuration: Number.isInteger(lockMinutes) ? `PT${lockMinutes}M` : `PT${q.visibilityTimeoutSeconds}S`,
      requiresSession: false,
    });
    expect(main.defaultMessageTimeToLive).toBe(q.retentionSeconds % 86400 === 0 ? `P${q.retentionSeconds / 86400}D` : `PT${q.retentionSeconds / 3600}H`);
    expect(dlq).toMatchObject({ defaultMessageTimeToLive: 'P14D', deadLetteringOnMessageExpiration: false });
  });

  test('consumers are told when they must renew the lock', async () => {
    const { plan, graph } = await azureCase(name);
    const consumer = k8sObjects(graph, 'Deployment').find((d) => d.metadata.labels['app.kubernetes.io/component'] === 'queue-consumer');
    const env = Object.fromEntries(consumer.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env.INFERSTACK_LEASE_EXTENSION_REQUIRED).toBe(String(plan.queue!.requestedVisibilityTimeoutSeconds > 300));
    expect(env.INFERSTACK_VISIBILITY_TIMEOUT_SECONDS).toBe(String(plan.queue!.visibilityTimeoutSeconds));
    const namespace = inputs(ofType(graph, 'azure-native:servicebus:Namespace')[0]).namespaceName;
    expect(env.INFERSTACK_QUEUE_NAMESPACE).toBe(`${namespace}.servicebus.windows.net`);
    expect(env.INFERSTACK_QUEUE_NAME).toBe(plan.queue!.name);
  });

  test('federated credentials trust exactly the service accounts the workload runs as, bound to the identities\' client ids', async () => {
    const { plan, graph } = await azureCase(name);
    const r = byName(graph);
    const identities = ofType(graph, IDENTITY);
    const clientId = (suffix: string) => offlineUuid(`client/${identities.find((i) => i.name.endsWith(suffix))!.name}`);
    const subjects = Object.fromEntries(ofType(graph, FEDERATED_CREDENTIAL).map((f) => [f.name.replace(/^.*-identities-/, ''), inputs(f)]));
    const issuer = graph.outputs!.oidcIssuerUrl;
    for (const f of Object.values(subjects)) expect(f).toMatchObject({ issuer, audiences: ['api://AzureADTokenExchange'] });

    // Consumer: the service account the consumer Deployment runs as, annotated with the consumer's client id.
    const consumer = k8sObjects(graph, 'Deployment').find((d) => d.metadata.labels['app.kubernetes.io/component'] === 'queue-consumer');
    const saName = consumer.spec.template.spec.serviceAccountName;
    expect(saName).toBe(workloadNames(plan).consumerAccount);
    const sa = k8sObjects(graph, 'ServiceAccount').find((s) => s.metadata.name === saName);
    expect(subjects['consumer-federation'].subject).toBe(`system:serviceaccount:${sa.metadata.namespace}:${sa.metadata.name}`);
    expect(sa.metadata.annotations['azure.workload.identity/client-id']).toBe(clientId('-identities-consumer'));
    expect(consumer.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');

    // KEDA: the add-on's operator service account, patched with the scaler's client id; the TriggerAuthentication names the same id.
    const patch = inputs(Object.values(r).find((x) => x.type === 'kubernetes:core/v1:ServiceAccountPatch')!);
    expect(subjects['keda-federation'].subject).toBe(`system:serviceaccount:${patch.metadata.namespace}:${patch.metadata.name}`);
    expect(subjects['keda-federation'].subject).toBe('system:serviceaccount:kube-system:keda-operator');
    expect(patch.metadata.annotations['azure.workload.identity/client-id']).toBe(clientId('-identities-keda'));
    const auth = k8sObjects(graph, 'TriggerAuthentication')[0];
    expect(auth.spec.podIdentity).toEqual({ provider: 'azure-workload', identityId: clientId('-identities-keda') });
    const restart = inputs(Object.values(r).find((x) => x.type === 'kubernetes:apps/v1:DeploymentPatch')!);
    expect(restart.spec.template.metadata).toMatchObject({ labels: { 'azure.workload.identity/use': 'true' }, annotations: { 'inferstack.dev/scaler-client-id': clientId('-identities-keda') } });
    // The trigger reads this namespace and queue.
    const trigger = k8sObjects(graph, 'ScaledObject').flatMap((s) => s.spec.triggers).find((t: any) => t.type === 'azure-servicebus');
    expect(trigger.metadata).toMatchObject({ namespace: inputs(ofType(graph, 'azure-native:servicebus:Namespace')[0]).namespaceName, queueName: plan.queue!.name });
  });

  test('role assignments: one role each, on the queue only; no Owner, no Contributor, nothing at subscription or resource group scope', async () => {
    const { graph } = await azureCase(name);
    const queueId = graph.outputs!.queueId as string;
    const clusterId = ofType(graph, CLUSTER)[0].id!;
    const roles = ofType(graph, ROLE_ASSIGNMENT).map((r) => ({ name: r.name, ...inputs(r) }));
    const role = (suffix: string) => roles.find((x) => x.name.endsWith(suffix))!;
    const guid = (x: any) => x.roleDefinitionId.split('/').pop();
    expect(guid(role('-identities-consumer-role'))).toBe(BUILT_IN_ROLES.serviceBusDataReceiver.id);
    expect(guid(role('-identities-keda-role'))).toBe(BUILT_IN_ROLES.serviceBusDataOwner.id);
    expect(guid(role('-cluster-deployer-admin'))).toBe(BUILT_IN_ROLES.aksRbacClusterAdmin.id);
    expect(role('-identities-consumer-role').scope).toBe(queueId);
    expect(role('-identities-keda-role').scope).toBe(queueId);
    expect(role('-cluster-deployer-admin').scope).toBe(clusterId);
    expect(queueId).toMatch(/\/providers\/Microsoft\.ServiceBus\/namespaces\/[^/]+\/queues\/[^/]+$/);
    for (const x of roles) {
      expect(['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'b24988ac-6180-42a0-ab88-20f7382dd24c']).not.toContain(guid(x));
      expect(x.scope).not.toMatch(/^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?$/);
      expect(x.roleDefinitionId).toMatch(/^\/subscriptions\/[^/]+\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/);
    }
    for (const x of roles.filter((y) => y.name.includes('-identities-'))) expect(x.principalType).toBe('ServicePrincipal');
  });
});

describe('budgets', () => {
  test.each(NAMES.filter((n) => SPECS[n]().budget))('%s: the spec\'s thresholds as Actual notifications plus a Forecasted one, emailed, filtered by the deployment tag', async (name) => {
    const { plan, graph } = await azureCase(name);
    const b = inputs(ofType(graph, 'azure-native:consumption:Budget')[0]);
    const budget = plan.budget!;
    expect(b).toMatchObject({
      amount: budget.monthlyUsd,
      budgetName: budget.name,
      category: 'Cost',
      timeGrain: 'Monthly',
      timePeriod: { startDate: '2026-01-01T00:00:00Z' },
      filter: { tags: { name: 'inferstack-deployment', operator: 'In', values: [budget.filterTag.value] } },
      scope: ofType(graph, 'azure-native:resources:ResourceGroup')[0].id,
    });
    const actual = Object.values(b.notifications as Record<string, any>).filter((n) => n.thresholdType === 'Actual');
    const forecast = Object.values(b.notifications as Record<string, any>).filter((n) => n.thresholdType === 'Forecasted');
    expect(actual.map((n) => n.threshold).sort((x, y) => x - y)).toEqual([...budget.alertThresholdsPercent]);
    expect(forecast.map((n) => n.threshold)).toEqual(budget.forecastAlert ? [100] : []);
    for (const n of Object.values(b.notifications as Record<string, any>)) expect(n).toMatchObject({ enabled: true, contactEmails: [...budget.notifyEmails] });
    expect(Object.keys(b.notifications).length).toBeLessThanOrEqual(5);
  });

  test('a spec without a budget gets none', async () => {
    const { graph } = await azureCase('queue-only');
    expect(ofType(graph, 'azure-native:consumption:Budget')).toEqual([]);
  });
});

describe('the program', () => {
  test('an existing resource group is looked up, not created, and still scopes everything', async () => {
    const { graph } = await azureCase('queue-only');
    expect(ofType(graph, 'azure-native:resources:ResourceGroup')).toEqual([]);
    for (const r of graph.resources.filter((x) => x.type.startsWith('azure-native:') && 'resourceGroupName' in x.inputs)) expect(inputs(r).resourceGroupName).toBe('rg-media-transcribe');
  });

  test('an invoke without an offline answer fails the run (nothing reaches Azure)', async () => {
    const program = (await import('../../stacks/pulumi/azure')).AZURE_PROGRAM;
    const registry = { azure: () => ({ ...program, offline: { ...program.offline, invokes: {} } }) };
    const { spec, plan } = await azureCase('batch-embeddings');
    await expect(synthPulumiGraph(spec, plan, {}, registry)).rejects.toThrow(OfflineRunError);
    await expect(synthPulumiGraph(spec, plan, {}, registry)).rejects.toThrow(/azure-native:containerservice:listManagedClusterUserCredentials, which has no offline result/);
  });

  test('stack config reaches the components: authorized ranges, admin groups, Premium Service Bus, subscription budget, CI principal', async () => {
    const { spec, plan } = await azureCase('batch-embeddings');
    const graph = await synthPulumiGraph(spec, plan, {
      authorizedIpRanges: '["203.0.113.0/24", "198.51.100.7"]',
      adminGroupObjectIds: 'a1b2c3d4-0000-0000-0000-000000000001',
      serviceBusSku: 'Premium',
      budgetScope: 'subscription',
      budgetStartDate: '2026-10-01',
      deployerPrincipalType: 'ServicePrincipal',
      kubernetesVersion: '1.33',
    });
    const c = inputs(ofType(graph, CLUSTER)[0]);
    expect(c.apiServerAccessProfile).toEqual({ authorizedIPRanges: ['203.0.113.0/24', '198.51.100.7'] });
    expect(c.aadProfile.adminGroupObjectIDs).toEqual(['a1b2c3d4-0000-0000-0000-000000000001']);
    expect(c.kubernetesVersion).toBe('1.33');
    expect(inputs(ofType(graph, 'azure-native:servicebus:Namespace')[0]).sku).toEqual({ name: 'Premium', tier: 'Premium', capacity: 1 });
    expect(inputs(ofType(graph, 'azure-native:consumption:Budget')[0])).toMatchObject({ scope: '/subscriptions/00000000-0000-0000-0000-000000000000', timePeriod: { startDate: '2026-10-01T00:00:00Z' } });
    expect(inputs(ofType(graph, ROLE_ASSIGNMENT).find((r: GraphResource) => r.name.endsWith('-deployer-admin'))!).principalType).toBe('ServicePrincipal');
  });

  test('bad stack config fails with every key named', async () => {
    const { spec, plan } = await azureCase('batch-embeddings');
    await expect(synthPulumiGraph(spec, plan, { serviceBusSku: 'Basic', kubeloginMode: 'devicecode', budgetStartDate: '2026-10-15' })).rejects.toThrow(
      /inferstack:serviceBusSku: 'Basic' is not Standard or Premium[\s\S]*inferstack:kubeloginMode: 'devicecode'[\s\S]*inferstack:budgetStartDate: '2026-10-15' is not the first of a month/,
    );
  });
});
