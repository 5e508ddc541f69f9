/**
 * The render seam between lib/k8s and the cloud renderers. Cloud values such as an IAM role ARN
 * (a CDK token) or a Google service account email (a Pulumi `Output<string>`) are not known when
 * the workload is rendered. `renderWorkloadWith` renders every object up front with a marker in
 * each place a binding goes, then replaces the markers with the renderer's own values: a CDK token
 * string, or a Pulumi Output built with `pulumi.concat`. No object is rendered inside a callback
 * that waits for a value, so a CDK synth and a Pulumi preview both see every object in full.
 *
 * Both renderers use it the same way:
 *   CDK:    renderWorkloadWith(plan, bindings, (parts) => parts.join(''))     // tokens are strings
 *   Pulumi: renderWorkloadWith(plan, bindings, (parts) => pulumi.concat(...parts))
 */
import { UNBOUND_PREFIX } from './meta';
import { HelmRelease, KedaOperatorIdentity, KubernetesObject, RenderedWorkload, WorkloadBindings } from './types';

/**
 * A value tree whose strings may have become bound values: every string leaf of `T` may be
 * `V` (or `string`) instead. Object names, kinds and namespaces never carry bindings.
 */
export type Bound<T, V> = T extends string
  ? string | V
  : T extends readonly (infer U)[]
    ? readonly Bound<U, V>[]
    : T extends object
      ? { readonly [K in keyof T]: Bound<T[K], V> }
      : T;

/** A Kubernetes object after binding: identity fields plain, everything else possibly bound. */
export interface BoundObject<V> {
  /** API group and version, never bound. */
  readonly apiVersion: string;
  /** Object kind, never bound. */
  readonly kind: string;
  /** Name and namespace never bound; annotation values may be (the workload identity annotation). */
  readonly metadata: {
    /** Object name. */
    readonly name: string;
    /** Namespace; absent for cluster-scoped objects. */
    readonly namespace?: string;
    /** Labels; absent when there are none. */
    readonly labels?: Readonly<Record<string, string>>;
    /** Annotations; absent when there are none. */
    readonly annotations?: Readonly<Record<string, string | V>>;
  };
  /** The kind's other top-level fields, whose strings may hold bound values. */
  readonly [field: string]: unknown;
}

/** A rendered workload whose bindings hold the renderer's values. */
export interface BoundWorkload<V> extends Omit<RenderedWorkload, 'objects' | 'crdObjects' | 'helmReleases' | 'kedaOperatorIdentity'> {
  /** `RenderedWorkload.helmReleases`, their values bound (the KEDA operator's identity annotation). */
  readonly helmReleases: readonly (Omit<HelmRelease, 'values'> & { readonly values: Readonly<Record<string, unknown>> })[];
  /** `RenderedWorkload.objects`, bound. */
  readonly objects: readonly BoundObject<V>[];
  /** `RenderedWorkload.crdObjects`, bound (queue coordinates in triggers, identities in TriggerAuthentications). */
  readonly crdObjects: readonly BoundObject<V>[];
  /** `RenderedWorkload.kedaOperatorIdentity`, its annotation bound; absent when no queue trigger needs it. */
  readonly kedaOperatorIdentity?: Omit<KedaOperatorIdentity, 'annotations'> & { readonly annotations: Readonly<Record<string, string | V>> };
}

/**
 * Builds one value from literal text and bound values in order, e.g. `pulumi.concat(...parts)`
 * or, for CDK tokens, `parts.join('')`. Called only for strings that mix text and values.
 */
export type Interpolate<V> = (parts: readonly (string | V)[]) => V;

/** A marker: the placeholder prefix and a binding key (`identities.scaler`, `queue.queueUrl`). */
const MARKER = new RegExp(`${UNBOUND_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}((?:identities|queue)\\.[A-Za-z]+)`, 'g');

/** The marker that stands for a binding key while the workload is rendered. */
export const bindingMarker = (key: string): string => `${UNBOUND_PREFIX}${key}`;

/** Every binding key present in `bindings`, flattened (`identities.scaler`, `queue.namespace`). */
function bindingEntries<V>(bindings: WorkloadBindings<V>): [string, V][] {
  return [
    ...Object.entries(bindings.identities ?? {}).map(([k, v]): [string, V] => [`identities.${k}`, v as V]),
    ...Object.entries(bindings.queue ?? {}).map(([k, v]): [string, V] => [`queue.${k}`, v as V]),
  ].filter(([, v]) => v !== undefined && v !== null);
}

/**
 * The same bindings with every value replaced by its marker, so lib/k8s renders markers there.
 * @internal - use `renderWorkloadWith`
 */
export function markerBindings<V>(bindings: WorkloadBindings<V>): WorkloadBindings {
  const mark = (group: string, o: Readonly<Record<string, V | undefined>> | undefined) =>
    o ? Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null).map(([k]) => [k, bindingMarker(`${group}.${k}`)])) : undefined;
  const identities = mark('identities', bindings.identities);
  const queue = mark('queue', bindings.queue);
  return { ...(identities ? { identities } : {}), ...(queue ? { queue } : {}) };
}

/** Replace markers in one string: the bound value itself when the string is one marker, else interpolated. */
function bindString<V>(s: string, values: ReadonlyMap<string, V>, interpolate: Interpolate<V>): string | V {
  const parts: (string | V)[] = [];
  let last = 0;
  for (const m of s.matchAll(MARKER)) {
    if (!values.has(m[1])) continue;
    if (m.index > last) parts.push(s.slice(last, m.index));
    parts.push(values.get(m[1]) as V);
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return s;
  if (last < s.length) parts.push(s.slice(last));
  return parts.length === 1 ? parts[0] : interpolate(parts);
}

function bindTree<V>(value: unknown, values: ReadonlyMap<string, V>, interpolate: Interpolate<V>): unknown {
  if (typeof value === 'string') return bindString(value, values, interpolate);
  if (Array.isArray(value)) return value.map((v) => bindTree(v, values, interpolate));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bindTree(v, values, interpolate)]));
  }
  return value;
}

/** Names, kinds and namespaces are resource identities: a binding there would make them unstable. */
function assertPlainIdentity(o: KubernetesObject): void {
  for (const field of [o.apiVersion, o.kind, o.metadata.name, o.metadata.namespace ?? '']) {
    if (field.includes(UNBOUND_PREFIX)) throw new Error(`lib/k8s rendered a binding into the identity of ${o.kind} ${o.metadata.name}`);
  }
}

/**
 * Replace the markers of the given bindings in a workload rendered with `markerBindings(bindings)`.
 * @internal - use `renderWorkloadWith`
 */
export function bindRendered<V>(rendered: RenderedWorkload, bindings: WorkloadBindings<V>, interpolate: Interpolate<V>): BoundWorkload<V> {
  const values = new Map(bindingEntries(bindings));
  for (const o of [...rendered.objects, ...rendered.crdObjects]) assertPlainIdentity(o);
  const bind = <T>(x: T) => bindTree(x, values, interpolate) as T;
  return {
    ...rendered,
    helmReleases: rendered.helmReleases.map((r) => ({ ...r, values: bind(r.values) })),
    objects: rendered.objects.map((o) => bind(o) as unknown as BoundObject<V>),
    crdObjects: rendered.crdObjects.map((o) => bind(o) as unknown as BoundObject<V>),
    ...(rendered.kedaOperatorIdentity ? { kedaOperatorIdentity: bind(rendered.kedaOperatorIdentity) as BoundWorkload<V>['kedaOperatorIdentity'] } : {}),
  };
}
