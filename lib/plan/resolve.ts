/** resolvePlan(spec, cloud): exactly what will exist on one cloud, as frozen data. */
import { Catalog, CloudId, Offer } from '../catalog';
import { SpecValidationError } from '../spec/errors';
import type { InferenceSpec, ModelSpec } from '../spec/types';
import { CAPABILITIES, K8S_LABEL_RULES } from './capabilities';
import { catalogWarnings, runCatalogRules } from './checks';
import { acceleratorCount, chooseMachine, effectiveAccelerator, hourlyUsdPerReplica } from './machine';
import { MEMORY_MODEL, requiredGiB, usableGiB } from './memory';
import { queueConsumers, routerRouting } from './routing';
import { budgetName, nodeGroupName, poolClusterScopedName, poolResourceName, queueNames, routerResourceName, stackNamespace } from './names';
import { DEPLOYMENT_TAG_KEY, identityTags, stackTags } from './tags-default';
import { normaliseTags } from './tags';
import { CostAllocationPlan, InferencePlan, NetworkPlan, NodeGroupPlan, PLAN_API_VERSION, PoolPlan, QueuePlan, Taint } from './types';

/** Label and taint key that binds a model's pods to its own nodes. */
export const POOL_LABEL = 'inferstack.dev/pool';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** `a3-highgpu-8g at $88.25/h ($44.13/h per replica)`: the runner-up of a machine choice. */
function nextText(o: Offer, count: number, maxReplicas: number): string {
  const usd = o.price.onDemandHourlyUsd;
  if (usd === null) return `${o.machine.instanceType} at unknown`;
  const per = hourlyUsdPerReplica(o, count, maxReplicas, 'onDemandHourlyUsd')!;
  return `${o.machine.instanceType} at $${usd}/h${per !== usd ? ` ($${round(per, 4)}/h per replica)` : ''}`;
}

function resolvePool(spec: InferenceSpec, m: ModelSpec, cloud: CloudId, region: string, catalog: Catalog): PoolPlan {
  const cap = CAPABILITIES[cloud];
  const { request } = effectiveAccelerator(m, cloud);
  const acc = catalog.accelerator(request.type)!;
  const choice = chooseMachine(catalog, cloud, region, acc, request, m.replicas.max)!;
  const { machine, price } = choice.offer;
  const count = acceleratorCount(request);
  const { name: stack, environment } = spec.metadata;
  const resourceName = poolResourceName(stack, m.name);
  const poolTaint: Taint = { key: POOL_LABEL, value: m.name, effect: 'NoSchedule' };
  const nodeLabels = { [POOL_LABEL]: m.name };
  const npr = choice.nodesPerReplica;
  const rpn = choice.replicasPerNode;
  const nodesFor = (replicas: number) => Math.ceil(replicas / rpn) * npr;
  const { min, max } = m.replicas;
  const base = m.capacity.spot ? Math.min(m.capacity.onDemandBase, max) : max;
  const groups: NodeGroupPlan[] = [];
  const group = (capacityType: 'spot' | 'on-demand', minReplicas: number, maxReplicas: number): NodeGroupPlan => ({
    name: nodeGroupName(cap, stack, environment, m.name, capacityType),
    capacityType,
    minNodes: nodesFor(minReplicas),
    maxNodes: nodesFor(maxReplicas),
    minReplicas,
    maxReplicas,
    hourlyUsd: capacityType === 'spot' ? price.spotHourlyUsd : price.onDemandHourlyUsd,
    labels: { ...nodeLabels, ...(capacityType === 'spot' ? { [cap.spotNodeLabel.key]: cap.spotNodeLabel.value } : {}) },
    taints: [poolTaint, ...(capacityType === 'spot' && cap.spotTaint ? [cap.spotTaint] : [])],
  });
  if (base > 0) groups.push(group('on-demand', Math.min(min, base), base));
  if (m.capacity.spot && max - base > 0) groups.push(group('spot', Math.max(0, min - base), max - base));
  const alternatives = choice.candidates.slice(1, 4).map((o) => ({ instanceType: o.machine.instanceType, onDemandHourlyUsd: o.price.onDemandHourlyUsd }));
  const priceText = price.onDemandHourlyUsd === null ? 'on-demand price unknown' : `$${price.onDemandHourlyUsd}/h on-demand`;
  const tpu = acc.tpu && request.topology
    ? { topology: request.topology, gkeAcceleratorLabel: acc.tpu.gkeAcceleratorLabel, hosts: npr, chipsPerHost: machine.acceleratorCount }
    : undefined;
  const reason = tpu
    ? `${acc.id} ${tpu.topology} slice: ${npr} x ${machine.instanceType} (${machine.acceleratorCount} chips each), ${priceText} per VM in ${region}`
    : `cheapest machine per replica in ${region} that carries ${count} x ${acc.id} (${priceText}` +
      (rpn > 1 ? `, ${Math.min(rpn, Math.max(1, m.replicas.max))} of its ${rpn} replica slots usable at replicas.max ${m.replicas.max}` : '') +
      (choice.candidates.length > 1 ? `; next: ${nextText(choice.candidates[1], count, m.replicas.max)})` : ')');
  const need = requiredGiB(m.parametersBillion, m.precision, m.maxContextTokens);
  return {
    name: m.name,
    resourceName,
    clusterScopedName: poolClusterScopedName(stack, environment, m.name),
    serve: m.serve,
    engine: m.engine,
    ...(m.image ? { image: m.image } : {}),
    model: m.model,
    parametersBillion: m.parametersBillion,
    precision: m.precision,
    ...(m.maxContextTokens ? { maxContextTokens: m.maxContextTokens } : {}),
    accelerator: {
      type: acc.id,
      kind: acc.kind,
      displayName: acc.displayName,
      count,
      memoryGiB: acc.memoryGiB,
      memoryBandwidthGBps: acc.memoryBandwidthGBps,
      denseBf16Tflops: acc.denseBf16Tflops,
      ...(tpu ? { tpu } : {}),
    },
    machine: {
      instanceType: machine.instanceType,
      family: machine.family,
      acceleratorsPerNode: machine.acceleratorCount,
      vcpus: machine.vcpus,
      memoryGiB: machine.memoryGiB,
      replicasPerNode: rpn,
      nodesPerReplica: npr,
      onDemandHourlyUsd: price.onDemandHourlyUsd,
      spotHourlyUsd: price.spotHourlyUsd,
      priceSource: price.source,
      priceAsOf: price.asOf,
      reason,
      alternatives,
    },
    replicas: { min, max },
    capacity: { spot: m.capacity.spot, onDemandBase: m.capacity.spot ? base : max },
    nodeGroups: groups,
    nodes: { min: groups.reduce((s, g) => s + g.minNodes, 0), max: groups.reduce((s, g) => s + g.maxNodes, 0) },
    taints: [poolTaint],
    nodeSelector: {
      [POOL_LABEL]: m.name,
      ...(tpu && cap.tpuNodeSelector ? { [cap.tpuNodeSelector.acceleratorLabel]: tpu.gkeAcceleratorLabel, [cap.tpuNodeSelector.topologyLabel]: tpu.topology } : {}),
    },
    tolerations: [poolTaint, ...(m.capacity.spot && cap.spotTaint ? [cap.spotTaint] : [])],
    scaling:
      m.serve === 'queue'
        ? { trigger: 'queue', target: m.scaling.targetQueueMessages, activationThreshold: 0, scaleDownDelaySeconds: m.scaling.scaleDownDelaySeconds }
        : { trigger: 'waiting-requests', target: m.scaling.targetWaitingRequests, activationThreshold: 0, scaleDownDelaySeconds: m.scaling.scaleDownDelaySeconds },
    memoryFit: {
      requiredGiB: round(need, 1),
      availableGiB: round(usableGiB(count, acc.memoryGiB), 1),
      note: `${m.parametersBillion}B parameters at ${m.precision} plus KV cache and activations, in ${MEMORY_MODEL.memoryUtilization * 100}% of ${count} x ${acc.memoryGiB} GiB`,
    },
    ...measuredThroughput(m, cloud),
  };
}

/** The measured throughput a pool runs with on a cloud: the cloud's own, else the model's. */
function measuredThroughput(m: ModelSpec, cloud: CloudId): Pick<PoolPlan, 'throughput'> {
  const own = m.overrides?.[cloud]?.throughput;
  const [measured, on] = own ? [own, effectiveAccelerator(m, cloud).request] : [m.throughput, m.accelerator];
  return measured ? { throughput: { ...measured, measuredOn: { type: on.type, count: acceleratorCount(on) } } } : {};
}

/** Every namespace of the cluster: the router still asks clients for the master key. */
const ALL_NAMESPACES: NetworkPlan['routerClients'] = [{ namespaceLabels: {} }];

/**
 * Node tagging for cost allocation: where a tag edit would replace nodes, nodes carry only the
 * identity tags and the other cost tags reach node costs through the deployment tag.
 */
function costAllocation(spec: InferenceSpec, cloud: CloudId, tags: Readonly<Record<string, string>>): CostAllocationPlan {
  const cap = CAPABILITIES[cloud];
  const identity = normaliseTags(identityTags(spec), cap.tags).tags;
  const joinTag = { key: DEPLOYMENT_TAG_KEY, value: identity[DEPLOYMENT_TAG_KEY] };
  if (!cap.nodeTagEditsReplaceNodes.value) {
    return { nodeTagging: 'all-tags', reason: `${cap.displayName} updates node pool tags in place, so nodes carry every cost tag.`, nodeTags: { ...tags }, joinTag, mappedTags: {} };
  }
  const mappedTags = Object.fromEntries(Object.entries(tags).filter(([k, v]) => identity[k] !== v));
  return {
    nodeTagging: 'stable-node-tags',
    reason: `On ${cap.displayName} a node pool tag edit replaces its nodes, so nodes carry only the identity tags; the other cost tags reach node costs through ${joinTag.key}=${joinTag.value} (docs/cost.md).`,
    nodeTags: identity,
    joinTag,
    mappedTags,
  };
}

/**
 * Resolve the spec for one cloud. The spec must be structurally valid (see `validateSpec`);
 * catalog problems (unknown accelerator, not offered in the region, memory) throw
 * SpecValidationError listing every issue. The result is deeply frozen.
 */
export function resolvePlan(spec: InferenceSpec, cloud: CloudId, catalog: Catalog = Catalog.DEFAULT): InferencePlan {
  const cap = CAPABILITIES[cloud];
  const target = spec.targets[cloud] as Record<string, string> | undefined;
  if (!target) {
    throw new SpecValidationError([{ rule: 'targets-present', path: ['targets', cloud], message: `the spec has no ${cloud} target; add targets.${cloud} or plan for ${Object.keys(spec.targets).join(', ')}` }]);
  }
  const issues = runCatalogRules(spec, catalog);
  if (issues.length) throw new SpecValidationError(issues);
  const region = target[cap.locationField];
  const all = stackTags(spec);
  const tags = normaliseTags(all, cap.tags).tags;
  const labels = normaliseTags(all, K8S_LABEL_RULES).tags;
  const notes: string[] = [];
  const pools = spec.models.map((m) => resolvePool(spec, m, cloud, region, catalog));
  let queue: QueuePlan | undefined;
  const consumers = queueConsumers(spec);
  if (spec.queue && consumers.length) {
    const q = spec.queue;
    const clamped = Math.min(q.visibilityTimeoutSeconds, cap.queue.maxVisibilityTimeoutSeconds);
    if (clamped < q.visibilityTimeoutSeconds) {
      notes.push(`${cap.queue.service} allows at most ${cap.queue.maxVisibilityTimeoutSeconds}s for its ${cap.queue.visibilityTimeoutName}; set to ${clamped}s and consumers extend it while an inference runs (requested ${q.visibilityTimeoutSeconds}s).`);
    }
    queue = {
      service: cap.queue.service,
      // The environment is part of the name: two environments of one spec may share an account/project.
      ...queueNames(spec.metadata.name, spec.metadata.environment),
      maxDeliveryAttempts: q.maxDeliveryAttempts,
      requestedVisibilityTimeoutSeconds: q.visibilityTimeoutSeconds,
      visibilityTimeoutSeconds: clamped,
      leaseExtensionRequired: clamped < q.visibilityTimeoutSeconds,
      retentionSeconds: Math.round(q.retentionHours * 3600),
      encrypted: true,
      kedaTrigger: cap.queue.kedaTrigger,
      consumers,
    };
  }
  // Fallback traffic is counted for the pool the rules chose, so it never wakes a pool at zero.
  const coldFallbacks = [...new Set(Object.values(spec.routing?.fallbacks ?? {}).flat())].filter((name) => spec.models.find((m) => m.name === name)?.replicas.min === 0);
  for (const name of coldFallbacks) {
    notes.push(`${name} is a routing fallback with replicas.min 0: fallback requests do not wake it, so they fail over only while its own traffic keeps it running; set replicas.min: 1 to make the fallback always available.`);
  }
  const routing = routerRouting(spec);
  const plan: InferencePlan = {
    apiVersion: PLAN_API_VERSION,
    cloud,
    name: spec.metadata.name,
    environment: spec.metadata.environment,
    region,
    ...(target.project ? { project: target.project } : {}),
    ...(target.account ? { account: target.account } : {}),
    ...(target.resourceGroupName ? { resourceGroupName: target.resourceGroupName } : {}),
    namespace: stackNamespace(spec.metadata.name, spec.metadata.environment),
    capabilities: { displayName: cap.displayName, acceleratorKinds: cap.acceleratorKinds, nodePoolLabel: cap.nodePoolLabel, workloadIdentity: cap.workloadIdentity, kedaAddon: cap.kedaAddon, networkPolicy: cap.networkPolicy, queueService: cap.queue.service },
    tags,
    labels,
    pools,
    ...(queue ? { queue } : {}),
    ...(routing ? { router: { resourceName: routerResourceName(spec.metadata.name), ...routing } } : {}),
    ...(spec.budget
      ? {
          budget: {
            name: budgetName(spec.metadata.name, spec.metadata.environment),
            monthlyUsd: spec.budget.monthlyUsd,
            alertThresholdsPercent: spec.budget.alertThresholdsPercent,
            forecastAlert: spec.budget.forecastAlert,
            notifyEmails: spec.budget.notifyEmails,
            onExceed: spec.budget.onExceed,
            // 'inferstack-deployment' is legal unchanged on every cloud's tag rules.
            filterTag: { key: DEPLOYMENT_TAG_KEY, value: tags[DEPLOYMENT_TAG_KEY] },
          },
        }
      : {}),
    network: { routerClients: spec.network?.routerClients ?? ALL_NAMESPACES },
    costAllocation: costAllocation(spec, cloud, tags),
    ...(spec.traffic ? { traffic: spec.traffic } : {}),
    ...(spec.onPrem ? { onPrem: spec.onPrem } : {}),
    notes,
    warnings: catalogWarnings(spec, catalog, [cloud]).map((w) => ({
      rule: w.rule,
      path: w.path,
      message: w.message,
      ...(w.path[0] === 'models' && typeof w.path[1] === 'number' ? { pool: spec.models[w.path[1]].name } : {}),
    })),
  };
  return deepFreeze(JSON.parse(JSON.stringify(plan)) as InferencePlan);
}
