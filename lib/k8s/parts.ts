/**
 * A rendered workload split into the units a renderer applies separately, so that a change to
 * one model rewrites only that model's unit: the shared objects (namespace, service accounts,
 * NetworkPolicies), the router, the shared autoscaling objects, and one unit per pool.
 */
import { POOL_LABEL } from './meta';
import { KubernetesObject, RenderedWorkload } from './types';

/** One pool's objects: Deployment, Service, PodDisruptionBudget (`objects`) and its ScaledObject (`crdObjects`). */
export interface PoolPart {
  readonly objects: readonly KubernetesObject[];
  readonly crdObjects: readonly KubernetesObject[];
}

/** The units of a rendered workload, each in apply order. */
export interface WorkloadParts {
  /** Namespace, service accounts and NetworkPolicies: apply first. */
  readonly shared: readonly KubernetesObject[];
  /** The router's ConfigMap, Deployment, Service and PodDisruptionBudget (changes with the routing). */
  readonly router: readonly KubernetesObject[];
  /** TriggerAuthentication and the router's ScaledObject: after the charts. */
  readonly sharedCrdObjects: readonly KubernetesObject[];
  /** Per pool name, in plan order. */
  readonly pools: Readonly<Record<string, PoolPart>>;
}

const poolOf = (o: KubernetesObject): string | undefined => o.metadata.labels?.[POOL_LABEL];
const isRouter = (o: KubernetesObject) => o.metadata.labels?.['app.kubernetes.io/component'] === 'router';

/** Split a rendered workload by owner: every object lands in exactly one unit. */
export function workloadParts(rendered: RenderedWorkload): WorkloadParts {
  const pools: Record<string, { objects: KubernetesObject[]; crdObjects: KubernetesObject[] }> = {};
  const part = (name: string) => (pools[name] ??= { objects: [], crdObjects: [] });
  const shared: KubernetesObject[] = [];
  const router: KubernetesObject[] = [];
  const sharedCrdObjects: KubernetesObject[] = [];
  for (const o of rendered.objects) {
    const pool = poolOf(o);
    if (pool !== undefined) part(pool).objects.push(o);
    else if (isRouter(o) && o.kind !== 'ServiceAccount' && o.kind !== 'NetworkPolicy') router.push(o);
    else shared.push(o);
  }
  for (const o of rendered.crdObjects) {
    const pool = poolOf(o);
    if (pool !== undefined) part(pool).crdObjects.push(o);
    else sharedCrdObjects.push(o);
  }
  return { shared, router, sharedCrdObjects, pools };
}
