/**
 * The Kubernetes workload of a plan, rendered once as plain objects: namespace, service
 * accounts, model servers, queue consumers, the router, KEDA autoscaling and the Helm releases
 * they need. Pure: the same plan and bindings always give the same objects; each cloud renderer
 * only applies them (DESIGN §3).
 */
import { SpecIssue, SpecValidationError } from '../spec/errors';
import { InferencePlan } from '../plan/types';
import { HelmRelease, KubernetesObject, RenderedWorkload, RenderOptions, SecretRequirement, WorkloadBindings } from './types';
import { labelsFor, Unbound, workloadNames, WorkloadNames } from './meta';
import {
  kedaOperatorIdentity,
  kedaRelease,
  onlinePoolScaledObject,
  queuePoolScaledObject,
  queueTriggerAuthentication,
  routerScaledObject,
} from './autoscaling';
import { prometheusRelease } from './metrics';
import { renderNetworkPolicies } from './network';
import { renderModelServer, renderQueueConsumer } from './pools';
import { queueCoordinates, queueTriggerProfile } from './queue-triggers';
import { renderRouter } from './router';
import { bindRendered, BoundWorkload, Interpolate, markerBindings } from './bind';

export * from './types';
export * from './pinned';
export { bindingMarker } from './bind';
export type { Bound, BoundObject, BoundWorkload, Interpolate } from './bind';
export { UNBOUND_PREFIX, WORKLOAD_LABEL, SCRAPE_LABEL, MODEL_SERVER_PORT, ROUTER_PORT, CONSUMER_HEALTH_PORT, workloadNames } from './meta';
export type { WorkloadNames } from './meta';
export { modelCacheGiB, podEphemeralStorageGiB, nodeDiskGiB, NODE_DISK_OVERHEAD_GIB, replicaSize, shutdownTiming, startupBudgetSeconds, NODE_OVERHEAD, POD_SCRATCH, MAX_REQUEST_SECONDS } from './resources';
export type { ReplicaSize, ShutdownTiming } from './resources';
export { tensorParallelSize, consumerDrainSeconds, MODEL_CACHE_PATH, POOL_HOME, VLLM_API_KEY_ENV, CUSTOM_API_KEY_ENV } from './pools';
export { renderNetworkPolicies, networkPeer, PROMETHEUS_PEER } from './network';
export {
  KEDA_NAMESPACE,
  KEDA_OPERATOR_ACCOUNT,
  WAITING_REQUESTS_METRIC,
  ROUTER_REQUESTS_METRIC,
  WAKE_ONLY_REQUESTS_PER_SECOND,
  ROUTER_REPLICAS,
  HPA_MAX_STABILIZATION_SECONDS,
} from './autoscaling';
export { PROMETHEUS_SERVER_ADDRESS, PROMETHEUS_RELEASE, SCRAPE_CONFIGS } from './metrics';
export { QUEUE_TRIGGERS, gmpServerAddress } from './queue-triggers';
export type { KedaTrigger, QueueTriggerProfile, QueueBindingKey } from './queue-triggers';
export { litellmConfig, routingData, contextWindowFallbacks, routerConfigFiles, ROUTER_CONFIG_DIR, ROUTER_UPSTREAM_KEY_ENV } from './router';
export type { RoutingData } from './router';
export { ROUTER_HOOK_MODULE, ROUTER_HOOK_SOURCE } from './router-hook';
export { toYaml, manifestFiles } from './yaml';
export { workloadParts } from './parts';
export type { PoolPart, WorkloadParts } from './parts';

/** Pod Security Admission: enforce baseline (vLLM images run as root), audit against restricted. */
const POD_SECURITY_LABELS = {
  'pod-security.kubernetes.io/enforce': 'baseline',
  'pod-security.kubernetes.io/audit': 'restricted',
} as const;

/** Kind order within `objects`: what others reference is applied first, and pods start behind their NetworkPolicies. */
const APPLY_ORDER = ['Namespace', 'ServiceAccount', 'NetworkPolicy', 'ConfigMap', 'Deployment', 'Service', 'PodDisruptionBudget'];

/**
 * Plans lib/k8s cannot run, as spec issues with their spec paths (the pool order is the spec's
 * model order): a queue pool without a consumer image, a multi-host TPU slice. Renderers that
 * create capacity before the workload (node pools) check these first.
 */
export function workloadIssues(plan: InferencePlan): SpecIssue[] {
  const issues: SpecIssue[] = [];
  plan.pools.forEach((pool, i) => {
    if (pool.serve === 'queue' && !pool.image) {
      issues.push({
        rule: 'k8s-queue-consumer-image',
        path: ['models', i, 'image'],
        message: `model '${pool.name}' has serve: queue but no image; a queue pool runs your consumer image (the vLLM server does not read a queue). Set engine: custom and image: <your consumer, pinned>`,
      });
    }
    if (pool.accelerator.tpu && pool.accelerator.tpu.hosts > 1) {
      issues.push({
        rule: 'k8s-tpu-multi-host',
        path: ['models', i, 'accelerator', 'topology'],
        message: `TPU topology ${pool.accelerator.tpu.topology} spans ${pool.accelerator.tpu.hosts} hosts; inferstack renders one pod per replica, so use a single-host topology (${pool.accelerator.tpu.chipsPerHost} chips or fewer per replica)`,
      });
    }
  });
  return issues;
}

function serviceAccount(plan: InferencePlan, name: string, component: string, annotations: Record<string, string> | undefined, automount: boolean): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace: plan.namespace, labels: labelsFor(plan, component, name), ...(annotations ? { annotations } : {}) },
    ...(automount ? {} : { automountServiceAccountToken: false }),
  };
}

function serviceAccounts(plan: InferencePlan, names: WorkloadNames, bindings: WorkloadBindings, unbound: Unbound): KubernetesObject[] {
  const wi = plan.capabilities.workloadIdentity;
  const out: KubernetesObject[] = [];
  if (plan.pools.some((p) => p.serve === 'online')) out.push(serviceAccount(plan, names.modelServerAccount, 'model-server', undefined, false));
  if (plan.pools.some((p) => p.serve === 'queue')) {
    const identity = unbound.value('identities.consumer', bindings.identities?.consumer);
    out.push(serviceAccount(plan, names.consumerAccount, 'queue-consumer', { [wi.serviceAccountAnnotation]: identity }, true));
  }
  if (plan.router) {
    const router = bindings.identities?.router;
    out.push(serviceAccount(plan, names.routerAccount, 'router', router ? { [wi.serviceAccountAnnotation]: router } : undefined, false));
  }
  return out;
}

function secretRequirements(plan: InferencePlan, names: WorkloadNames): SecretRequirement[] {
  const out: SecretRequirement[] = [];
  if (plan.pools.length) {
    out.push({ name: names.modelHubSecret, namespace: plan.namespace, key: 'token', required: false, purpose: 'Hugging Face token (HF_TOKEN) for gated models' });
  }
  if (plan.pools.some((p) => p.serve === 'online')) {
    out.push({
      name: names.modelApiKeySecret,
      namespace: plan.namespace,
      key: 'api-key',
      required: true,
      purpose: 'API key the model servers require (VLLM_API_KEY); only the router sends it, so no other pod can call a server directly',
    });
  }
  if (plan.router) {
    out.push({ name: names.routerSecret, namespace: plan.namespace, key: 'master-key', required: true, purpose: 'LiteLLM master key (LITELLM_MASTER_KEY); clients send it as their bearer token' });
  }
  return out;
}

/**
 * Helm releases the workload needs: KEDA unless the cluster has a managed KEDA add-on, then the
 * in-cluster Prometheus (same chart and values on every cloud).
 */
export function helmReleasesFor(plan: InferencePlan, options: { readonly kedaAddon: boolean }, bindings: WorkloadBindings = {}): HelmRelease[] {
  const identity = kedaOperatorIdentity(plan, bindings, new Unbound(), !options.kedaAddon);
  return [...(options.kedaAddon ? [] : [kedaRelease(identity)]), prometheusRelease()];
}

/**
 * Render the workload of a plan.
 *
 * @param plan - from `resolvePlan(spec, cloud)`
 * @param bindings - cloud values the renderer created (identities, queue coordinates)
 *   @default - none: deterministic `inferstack-unbound:<key>` placeholders, listed in `unbound`
 * @param options - see {@link RenderOptions}
 * @throws SpecValidationError when a pool cannot run as rendered (a queue pool without a consumer
 *   image, a multi-host TPU slice), listing every such pool with its spec path
 */
export function renderWorkload(plan: InferencePlan, bindings: WorkloadBindings = {}, options: RenderOptions = {}): RenderedWorkload {
  const issues = workloadIssues(plan);
  if (issues.length) throw new SpecValidationError(issues);
  const installKeda = options.installKeda ?? !plan.capabilities.kedaAddon;
  const unbound = new Unbound();
  const names = workloadNames(plan);
  const objects: KubernetesObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: plan.namespace,
        labels: { ...plan.labels, 'app.kubernetes.io/part-of': plan.name, 'app.kubernetes.io/managed-by': 'inferstack', ...POD_SECURITY_LABELS },
      },
    },
    ...serviceAccounts(plan, names, bindings, unbound),
    ...renderNetworkPolicies(plan, names),
  ];
  const crdObjects: KubernetesObject[] = [];

  const queuePools = plan.pools.filter((p) => p.serve === 'queue');
  if (queuePools.length) {
    const queue = plan.queue!;
    const profile = queueTriggerProfile(queue);
    const coords = queueCoordinates(plan, queue, bindings.queue, unbound);
    crdObjects.push(queueTriggerAuthentication(plan, names, bindings, unbound));
    for (const pool of queuePools) {
      objects.push(...renderQueueConsumer(plan, pool, names, profile.consumerEnv(coords)));
      crdObjects.push(queuePoolScaledObject(plan, pool, profile.trigger(coords, pool, names.queueAuth)));
    }
  }
  for (const pool of plan.pools.filter((p) => p.serve === 'online')) {
    objects.push(...renderModelServer(plan, pool, names));
    crdObjects.push(onlinePoolScaledObject(plan, pool));
  }
  if (plan.router) {
    objects.push(...renderRouter(plan, names));
    crdObjects.push(routerScaledObject(plan, plan.router.resourceName));
  }

  const identity = kedaOperatorIdentity(plan, bindings, unbound, installKeda);
  const rank = (o: KubernetesObject) => APPLY_ORDER.indexOf(o.kind);
  return {
    namespace: plan.namespace,
    helmReleases: [...(installKeda ? [kedaRelease(identity)] : []), prometheusRelease()],
    objects: objects.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i).map(({ o }) => o),
    crdObjects: [...crdObjects.filter((o) => o.kind === 'TriggerAuthentication'), ...crdObjects.filter((o) => o.kind !== 'TriggerAuthentication')],
    secrets: secretRequirements(plan, names),
    ...(identity ? { kedaOperatorIdentity: identity } : {}),
    unbound: unbound.list(),
  };
}

/**
 * Render the workload of a plan with cloud values that are not known yet (CDK tokens, Pulumi
 * Outputs), without waiting for them: every object is rendered up front with a marker where a
 * binding goes, then each marker is replaced by the renderer's value (see lib/k8s/bind.ts).
 * Both renderers call it the same way:
 *
 *     renderWorkloadWith(plan, bindings, (parts) => parts.join(''))          // CDK: tokens are strings
 *     renderWorkloadWith(plan, bindings, (parts) => pulumi.concat(...parts)) // Pulumi Outputs
 *
 * @param plan - from `resolvePlan(spec, cloud)`
 * @param bindings - the renderer's values, in the shape of {@link WorkloadBindings}; unknown queue
 *   keys are rejected as in `renderWorkload`
 * @param interpolate - joins literal text and values where a value sits inside a longer string
 *   (a Pub/Sub subscription path, a PromQL query); a string that is exactly one value becomes
 *   that value
 * @param options - see {@link RenderOptions}
 * @returns the rendered workload; bindings not given stay placeholders, listed in `unbound`
 */
export function renderWorkloadWith<V>(plan: InferencePlan, bindings: WorkloadBindings<V>, interpolate: Interpolate<V>, options: RenderOptions = {}): BoundWorkload<V> {
  return bindRendered(renderWorkload(plan, markerBindings(bindings), options), bindings, interpolate);
}
