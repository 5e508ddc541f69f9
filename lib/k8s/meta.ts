/** Names, labels and placeholders shared by every rendered object. Names are stable: changing one replaces the object. */
import { InferencePlan, PoolPlan } from '../plan/types';
import { stableName, WORKLOAD_NAME_SUFFIXES as SUFFIX } from '../plan/names';
import { POOL_LABEL } from '../plan/resolve';
import { DEPLOYMENT_TAG_KEY, ENVIRONMENT_TAG_KEY, STACK_TAG_KEY } from '../plan/tags-default';

/** Prefix of every placeholder rendered for a missing binding; grep for it before deploying. */
export const UNBOUND_PREFIX = 'inferstack-unbound:';

/** Label whose value selects one workload's pods; part of every selector, so never changes. */
export const WORKLOAD_LABEL = 'inferstack.dev/workload';
/** Label that opts a pod into the in-cluster Prometheus scrape. */
export const SCRAPE_LABEL = 'inferstack.dev/scrape';
/** Pod annotation the scrape job reads for the metrics port. */
export const SCRAPE_PORT_ANNOTATION = 'prometheus.io/port';
/** Pod annotation the scrape job reads for the metrics path. */
export const SCRAPE_PATH_ANNOTATION = 'prometheus.io/path';

export { POOL_LABEL };

/** Port of every vLLM server (OpenAI API, /health and /metrics). */
export const MODEL_SERVER_PORT = 8000;
/** Port of the router (LiteLLM). */
export const ROUTER_PORT = 4000;
/** Port queue consumers answer `GET /healthz` on (their contract, see docs/k8s.md). */
export const CONSUMER_HEALTH_PORT = 8080;

/** Records which bindings fell back to placeholders. */
export class Unbound {
  private readonly keys = new Set<string>();
  /** The bound value, or a placeholder naming the missing binding. */
  value(key: string, bound: string | undefined): string {
    if (bound !== undefined && bound !== '') return bound;
    this.keys.add(key);
    return `${UNBOUND_PREFIX}${key}`;
  }
  list(): string[] {
    return [...this.keys].sort();
  }
}

/** Object names of one plan's workload. */
export interface WorkloadNames {
  readonly modelServerAccount: string;
  readonly consumerAccount: string;
  readonly routerAccount: string;
  readonly routerConfig: string;
  readonly queueAuth: string;
  readonly modelHubSecret: string;
  readonly routerSecret: string;
  /** Secret with the API key the model servers require and only the router sends. */
  readonly modelApiKeySecret: string;
  /** NetworkPolicy that denies all ingress not allowed by another policy of the namespace. */
  readonly defaultDenyPolicy: string;
  /** NetworkPolicy admitting the router and Prometheus to the model servers. */
  readonly modelServerPolicy: string;
  /** NetworkPolicy admitting the router's clients and Prometheus to the router. */
  readonly routerPolicy: string;
}

/** Stable names derived from the stack name. */
export function workloadNames(plan: InferencePlan): WorkloadNames {
  const n = (...parts: string[]) => stableName([plan.name, ...parts], 63);
  // Suffixes come from lib/plan/names.ts, whose names-unique rule refuses model names that match them.
  const router = plan.router?.resourceName ?? n(SUFFIX.router);
  return {
    modelServerAccount: n(SUFFIX.modelServerAccount),
    consumerAccount: n(SUFFIX.consumerAccount),
    routerAccount: router,
    routerConfig: n(SUFFIX.routerConfig),
    queueAuth: n(SUFFIX.queueAuth),
    modelHubSecret: n(SUFFIX.modelHubSecret),
    routerSecret: router,
    modelApiKeySecret: n('model-api-key'),
    // NetworkPolicy names only need to be unique among the namespace's NetworkPolicies.
    defaultDenyPolicy: n('default-deny'),
    modelServerPolicy: n('model-servers'),
    routerPolicy: router,
  };
}

/** The recommended app labels of one component, and the workload label its selectors use. */
function appLabels(plan: InferencePlan, component: string, instance: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': component,
    'app.kubernetes.io/instance': instance,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': plan.name,
    'app.kubernetes.io/managed-by': 'inferstack',
    [WORKLOAD_LABEL]: instance,
  };
}

/** Cost labels plus the recommended app labels for one component. */
export function labelsFor(plan: InferencePlan, component: string, instance: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...plan.labels, ...appLabels(plan, component, instance), ...extra };
}

/**
 * Labels of a pod template: identity only (stack, environment, deployment, component, workload,
 * plus `extra` such as the pool). Cost tags stay off pod templates: a tag edit must not roll every
 * model server. The identity values follow from the plan's name and environment alone.
 */
export function podLabelsFor(plan: InferencePlan, component: string, instance: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [STACK_TAG_KEY]: plan.name,
    [ENVIRONMENT_TAG_KEY]: plan.environment,
    [DEPLOYMENT_TAG_KEY]: `${plan.name}-${plan.environment}`,
    ...appLabels(plan, component, instance),
    ...extra,
  };
}

/** Pod-template labels of a pool's pods. */
export function poolPodLabels(plan: InferencePlan, pool: PoolPlan, component: string): Record<string, string> {
  return podLabelsFor(plan, component, pool.resourceName, { [POOL_LABEL]: pool.name });
}

/** The selector of one workload: one immutable label. */
export function selectorFor(instance: string): Record<string, string> {
  return { [WORKLOAD_LABEL]: instance };
}

/** Labels of a pool's objects. */
export function poolLabels(plan: InferencePlan, pool: PoolPlan, component: string): Record<string, string> {
  return labelsFor(plan, component, pool.resourceName, { [POOL_LABEL]: pool.name });
}

/** In-cluster DNS name of a Service. */
export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}
