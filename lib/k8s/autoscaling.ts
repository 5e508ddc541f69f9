/**
 * KEDA objects: a ScaledObject per pool and for the router, the TriggerAuthentication of the
 * queue trigger (workload identity, never keys), and the KEDA Helm release where the cluster has
 * no KEDA add-on.
 */
import { InferencePlan, PoolPlan } from '../plan/types';
import { WorkloadIdentityCapability } from '../plan/capabilities';
import { HelmRelease, KedaOperatorIdentity, KubernetesObject, WorkloadBindings } from './types';
import { KEDA_CHART } from './pinned';
import { labelsFor, poolLabels, Unbound, WorkloadNames } from './meta';
import { PROMETHEUS_SERVER_ADDRESS } from './metrics';
import { KedaTrigger } from './queue-triggers';

/** Namespace the KEDA chart is installed in. */
export const KEDA_NAMESPACE = 'keda';
/** The KEDA operator's service account (chart default), which carries the scaler identity. */
export const KEDA_OPERATOR_ACCOUNT = 'keda-operator';

/** vLLM's gauge of requests queued in the engine (docs.vllm.ai usage/metrics). */
export const WAITING_REQUESTS_METRIC = 'vllm:num_requests_waiting';
/** The router hook's counter of requests sent to each pool (see router-hook.ts). */
export const ROUTER_REQUESTS_METRIC = 'inferstack_router_requests_total';

/** autoscaling/v2 caps `behavior.*.stabilizationWindowSeconds` at one hour. */
export const HPA_MAX_STABILIZATION_SECONDS = 3600;

/**
 * Requests/s per replica assumed by the router trigger when the spec gives no measured
 * throughput: no replica reaches it, so that trigger only holds the pool at one replica while
 * requests arrive and the waiting-requests trigger does the scaling.
 */
export const WAKE_ONLY_REQUESTS_PER_SECOND = 1000;

/** Router replicas: two for availability, scaled on CPU. */
export const ROUTER_REPLICAS = { min: 2, max: 10, cpuUtilizationPercent: 70 } as const;

interface ScaledObjectProps {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly min: number;
  readonly max: number;
  readonly pollingIntervalSeconds: number;
  readonly scaleDownDelaySeconds: number;
  readonly triggers: readonly KedaTrigger[];
}

function scaledObject(plan: InferencePlan, p: ScaledObjectProps): KubernetesObject {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: p.name, namespace: plan.namespace, labels: p.labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: p.name },
      minReplicaCount: p.min,
      maxReplicaCount: p.max,
      pollingInterval: p.pollingIntervalSeconds,
      // cooldownPeriod governs the last replica (1 -> 0); the HPA window governs N -> M.
      cooldownPeriod: p.scaleDownDelaySeconds,
      advanced: {
        horizontalPodAutoscalerConfig: {
          behavior: {
            scaleDown: { stabilizationWindowSeconds: Math.min(p.scaleDownDelaySeconds, HPA_MAX_STABILIZATION_SECONDS) },
          },
        },
      },
      triggers: p.triggers,
    },
  };
}

const promQuote = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * An online pool: scale on the server's waiting requests per replica; wake from zero on the
 * router's request counter, because the server's own metrics do not exist at zero replicas.
 */
export function onlinePoolScaledObject(plan: InferencePlan, pool: PoolPlan): KubernetesObject {
  const selector = `namespace="${promQuote(plan.namespace)}"`;
  const triggers: KedaTrigger[] = [
    {
      type: 'prometheus',
      name: 'waiting-requests',
      metadata: {
        serverAddress: PROMETHEUS_SERVER_ADDRESS,
        query: `sum(${WAITING_REQUESTS_METRIC}{${selector},inferstack_pool="${promQuote(pool.name)}"})`,
        threshold: String(pool.scaling.target),
        activationThreshold: String(pool.scaling.activationThreshold),
        // No series at zero replicas is 0, not an error.
        ignoreNullValues: 'true',
      },
    },
  ];
  if (plan.router?.models.includes(pool.name)) {
    triggers.push({
      type: 'prometheus',
      name: 'router-requests',
      metadata: {
        serverAddress: PROMETHEUS_SERVER_ADDRESS,
        query: `sum(rate(${ROUTER_REQUESTS_METRIC}{${selector},pool="${promQuote(pool.name)}"}[2m]))`,
        threshold: String(pool.throughput?.requestsPerSecondPerReplica ?? WAKE_ONLY_REQUESTS_PER_SECOND),
        activationThreshold: '0',
        ignoreNullValues: 'true',
      },
    });
  }
  return scaledObject(plan, {
    name: pool.resourceName,
    labels: poolLabels(plan, pool, 'model-server'),
    min: pool.replicas.min,
    max: pool.replicas.max,
    pollingIntervalSeconds: 15,
    scaleDownDelaySeconds: pool.scaling.scaleDownDelaySeconds,
    triggers,
  });
}

/** A queue pool: the queue service's trigger from the table, active from the first message. */
export function queuePoolScaledObject(plan: InferencePlan, pool: PoolPlan, trigger: KedaTrigger): KubernetesObject {
  return scaledObject(plan, {
    name: pool.resourceName,
    labels: poolLabels(plan, pool, 'queue-consumer'),
    min: pool.replicas.min,
    max: pool.replicas.max,
    pollingIntervalSeconds: 30,
    scaleDownDelaySeconds: pool.scaling.scaleDownDelaySeconds,
    triggers: [trigger],
  });
}

/** The router: CPU utilisation (KEDA's cpu scaler needs the container's CPU request, which it has). */
export function routerScaledObject(plan: InferencePlan, name: string): KubernetesObject {
  return scaledObject(plan, {
    name,
    labels: labelsFor(plan, 'router', name),
    min: ROUTER_REPLICAS.min,
    max: ROUTER_REPLICAS.max,
    pollingIntervalSeconds: 30,
    scaleDownDelaySeconds: 300,
    triggers: [{ type: 'cpu', name: 'cpu', metricType: 'Utilization', metadata: { value: String(ROUTER_REPLICAS.cpuUtilizationPercent) } }],
  });
}

/**
 * `spec.podIdentity` fields per KEDA provider (keda-docs authentication-providers): AWS takes
 * `identityOwner` (keda: the operator's IRSA role; workload: the scaled workload's); GCP takes
 * neither. Azure Workload ID takes the client id of the scaler identity as `identityId`, always:
 * the AKS KEDA add-on owns its `keda-operator` service account, so an annotation there is not a
 * dependable default (AKS keda-workload-identity walkthrough: federate the identity with
 * `kube-system/keda-operator` and name it in the TriggerAuthentication).
 */
const POD_IDENTITY_FIELDS: Readonly<Record<WorkloadIdentityCapability['kedaPodIdentityProvider'], (wi: WorkloadIdentityCapability, scaler: () => string) => Record<string, string>>> = {
  aws: (wi) => ({ identityOwner: wi.kedaIdentityOwner }),
  gcp: () => ({}),
  'azure-workload': (_wi, scaler) => ({ identityId: scaler() }),
};

/**
 * Per KEDA pod-identity provider: can its scaler use the scaled workload's identity instead of
 * the operator's (`identityOwner: workload`)? Only KEDA's `aws` provider has that setting.
 */
const SUPPORTS_WORKLOAD_OWNER: Readonly<Record<WorkloadIdentityCapability['kedaPodIdentityProvider'], boolean>> = {
  aws: true,
  gcp: false,
  'azure-workload': false,
};

/**
 * The TriggerAuthentication every queue trigger of the stack references.
 * @param unbound - records `identities.scaler` when a provider needs it and it is not bound
 */
export function queueTriggerAuthentication(plan: InferencePlan, names: WorkloadNames, bindings: WorkloadBindings, unbound: Unbound): KubernetesObject {
  const wi = plan.capabilities.workloadIdentity;
  if (wi.kedaIdentityOwner === 'workload' && !SUPPORTS_WORKLOAD_OWNER[wi.kedaPodIdentityProvider]) {
    throw new Error(`KEDA provider '${wi.kedaPodIdentityProvider}' cannot use the workload's identity; set kedaIdentityOwner: keda in the capability table`);
  }
  const scaler = () => unbound.value('identities.scaler', bindings.identities?.scaler);
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    metadata: { name: names.queueAuth, namespace: plan.namespace, labels: labelsFor(plan, 'queue-scaler', names.queueAuth) },
    spec: {
      podIdentity: { provider: wi.kedaPodIdentityProvider, ...POD_IDENTITY_FIELDS[wi.kedaPodIdentityProvider](wi, scaler) },
    },
  };
}

/** The KEDA operator's service account settings when it reads the queue with its own identity. */
export function kedaOperatorIdentity(plan: InferencePlan, bindings: WorkloadBindings, unbound: Unbound, installKeda: boolean): KedaOperatorIdentity | undefined {
  const wi = plan.capabilities.workloadIdentity;
  const hasQueuePools = plan.pools.some((p) => p.serve === 'queue');
  if (!hasQueuePools || wi.kedaIdentityOwner !== 'keda') return undefined;
  return {
    ...(installKeda ? { namespace: KEDA_NAMESPACE } : {}),
    serviceAccountName: KEDA_OPERATOR_ACCOUNT,
    annotations: { [wi.serviceAccountAnnotation]: unbound.value('identities.scaler', bindings.identities?.scaler) },
    podLabels: { ...wi.podLabels },
  };
}

/** The KEDA release, with the operator identity when queue triggers need it. */
export function kedaRelease(identity: KedaOperatorIdentity | undefined): HelmRelease {
  return {
    name: 'keda',
    repository: KEDA_CHART.repository,
    chart: KEDA_CHART.chart,
    version: KEDA_CHART.version,
    namespace: KEDA_NAMESPACE,
    createNamespace: true,
    purpose: 'Event-driven autoscaling: ScaledObjects on queue depth and on Prometheus metrics, scale to zero.',
    values: identity
      ? {
          // kedacore/charts keda/README: serviceAccount.operator.annotations, podLabels.keda.
          serviceAccount: { operator: { name: KEDA_OPERATOR_ACCOUNT, annotations: identity.annotations } },
          ...(Object.keys(identity.podLabels).length ? { podLabels: { keda: identity.podLabels } } : {}),
        }
      : {},
  };
}
