/**
 * Applies the Kubernetes workload lib/k8s rendered through a `@pulumi/kubernetes` Provider: the
 * same code for every Pulumi cloud (GCP, Azure). Each object becomes its own Pulumi resource with
 * its full manifest as inputs (so `pulumi preview` and `inferstack synth` show every one), Helm
 * releases become `helm.v3.Release`s, and the order works on a fresh cluster: the namespace
 * first, then the plain objects, the charts, and the objects whose CRDs the charts install.
 */
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { BoundObject, BoundWorkload, Interpolate, renderWorkloadWith } from '../k8s';
import { RenderOptions, WorkloadBindings } from '../k8s/types';
import { InferencePlan } from '../plan/types';

/** A binding value a Pulumi renderer passes: a string or an Output of one. */
export type PulumiBinding = pulumi.Input<string>;

/** Joins text and Outputs into one Output, as lib/k8s's render seam asks. */
export const pulumiInterpolate: Interpolate<PulumiBinding> = (parts) => pulumi.concat(...parts);

/**
 * The plan's workload with Pulumi values (Outputs) where the bindings go, rendered up front.
 * @see renderWorkloadWith
 */
export function renderPulumiWorkload(plan: InferencePlan, bindings: WorkloadBindings<PulumiBinding>, options: RenderOptions = {}): BoundWorkload<PulumiBinding> {
  return renderWorkloadWith(plan, bindings, pulumiInterpolate, options);
}

type ObjectResource = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/**
 * Typed `@pulumi/kubernetes` classes of the built-in kinds lib/k8s renders, by `apiVersion/kind`.
 * Kinds of API groups a chart installs (KEDA's `keda.sh`) are applied as CustomResources.
 */
const BUILT_IN: Readonly<Record<string, ObjectResource>> = {
  'v1/Namespace': k8s.core.v1.Namespace as unknown as ObjectResource,
  'v1/ServiceAccount': k8s.core.v1.ServiceAccount as unknown as ObjectResource,
  'v1/ConfigMap': k8s.core.v1.ConfigMap as unknown as ObjectResource,
  'v1/Secret': k8s.core.v1.Secret as unknown as ObjectResource,
  'v1/Service': k8s.core.v1.Service as unknown as ObjectResource,
  'apps/v1/Deployment': k8s.apps.v1.Deployment as unknown as ObjectResource,
  'policy/v1/PodDisruptionBudget': k8s.policy.v1.PodDisruptionBudget as unknown as ObjectResource,
  'networking.k8s.io/v1/NetworkPolicy': k8s.networking.v1.NetworkPolicy as unknown as ObjectResource,
  'rbac.authorization.k8s.io/v1/Role': k8s.rbac.v1.Role as unknown as ObjectResource,
  'rbac.authorization.k8s.io/v1/RoleBinding': k8s.rbac.v1.RoleBinding as unknown as ObjectResource,
  'autoscaling/v2/HorizontalPodAutoscaler': k8s.autoscaling.v2.HorizontalPodAutoscaler as unknown as ObjectResource,
};

/**
 * Kinds whose readiness depends on capacity that may not exist yet: a Deployment without
 * `replicas` starts one pod that waits for an accelerator node (minutes to provision, more to
 * load a model) or for a Secret the user creates after the first `pulumi up`; a Service waits for
 * ready endpoints of those pods. `@pulumi/kubernetes` would wait up to 10 minutes for each and
 * then fail the update (Service and Deployment await logic, pulumi-kubernetes PR #417 for the
 * `pulumi.com/skipAwait` annotation).
 */
const SKIP_AWAIT_KINDS = new Set(['Deployment', 'Service']);

/** The annotation that turns off `@pulumi/kubernetes`'s readiness wait for one object. */
export const SKIP_AWAIT_ANNOTATION = 'pulumi.com/skipAwait';

/** Built-in API groups: a kind there missing from {@link BUILT_IN} is a bug, not a custom resource. */
const BUILT_IN_GROUP = /^(v1|[a-z0-9.]*k8s\.io\/[a-z0-9]+|apps\/v1|batch\/v1|policy\/v1|autoscaling\/v[0-9]+)$/;

/** Options of {@link applyWorkload}. */
export interface ApplyWorkloadOptions {
  /** Parent of every resource created (the renderer's InferenceWorkload component). */
  readonly parent: pulumi.Resource;
  /** Provider of the cluster the workload runs on. */
  readonly provider: k8s.Provider;
  /** Prefix of every resource name, unique in the program (usually the component's name). */
  readonly prefix: string;
  /**
   * Applied before anything of the workload (node pools, identities, the cluster add-ons).
   * @default - nothing
   */
  readonly dependsOn?: readonly pulumi.Resource[];
  /**
   * How long Helm may wait for a release to become ready, in seconds.
   * @default 600
   */
  readonly helmTimeoutSeconds?: number;
  /**
   * Wait for Deployments and Services to become ready before `pulumi up` continues.
   * @default false - they carry `pulumi.com/skipAwait: "true"`: model servers scale from zero
   * on accelerator nodes and the router waits for a Secret you create, so waiting would time out
   * the update; KEDA and Prometheus (Helm, `atomic`) are still waited for
   */
  readonly awaitReadiness?: boolean;
}

/** What {@link applyWorkload} created, by name. */
export interface AppliedWorkload {
  /** One Pulumi resource per Kubernetes object, by its Pulumi name (`<prefix>-<kind>-<name>`). */
  readonly objects: Readonly<Record<string, pulumi.CustomResource>>;
  /** The Helm releases (KEDA where no add-on runs it, Prometheus), by release name. */
  readonly helmReleases: Readonly<Record<string, k8s.helm.v3.Release>>;
}

/** Stable Pulumi name of one object: prefix, kind, namespace when not the workload's, name. */
function objectName(prefix: string, o: BoundObject<unknown>, namespace: string): string {
  const ns = o.metadata.namespace && o.metadata.namespace !== namespace ? `${o.metadata.namespace}-` : '';
  return `${prefix}-${o.kind.toLowerCase()}-${ns}${o.metadata.name}`;
}

function resourceFor(o: BoundObject<unknown>): ObjectResource {
  const key = `${o.apiVersion}/${o.kind}`;
  const typed = BUILT_IN[key];
  if (typed) return typed;
  if (BUILT_IN_GROUP.test(o.apiVersion)) throw new Error(`lib/pulumi has no resource class for built-in kind ${key}; add it to BUILT_IN`);
  return k8s.apiextensions.CustomResource as unknown as ObjectResource;
}

/**
 * Create the workload's resources under `options.parent`.
 *
 * Order: the Namespace; every other plain object after it; each Helm release after the plain
 * objects (its values may name their service accounts) and `dependsOn`; the CRD objects
 * (ScaledObjects, TriggerAuthentications) after every release, so KEDA's CRDs and webhook exist.
 */
export function applyWorkload(workload: BoundWorkload<PulumiBinding>, options: ApplyWorkloadOptions): AppliedWorkload {
  const { parent, provider, prefix } = options;
  const before = [...(options.dependsOn ?? [])];
  const objects: Record<string, pulumi.CustomResource> = {};
  const skipAwait = !(options.awaitReadiness ?? false);
  const create = (o: BoundObject<PulumiBinding>, dependsOn: pulumi.Resource[]) => {
    const name = objectName(prefix, o, workload.namespace);
    const Resource = resourceFor(o);
    const manifest = skipAwait && SKIP_AWAIT_KINDS.has(o.kind) ? { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [SKIP_AWAIT_ANNOTATION]: 'true' } } } : { ...o };
    objects[name] = new Resource(name, manifest, { parent, provider, dependsOn });
    return objects[name];
  };
  const namespaces = workload.objects.filter((o) => o.kind === 'Namespace').map((o) => create(o, before));
  const plain = workload.objects.filter((o) => o.kind !== 'Namespace').map((o) => create(o, [...before, ...namespaces]));

  const helmReleases: Record<string, k8s.helm.v3.Release> = {};
  for (const r of workload.helmReleases) {
    const name = `${prefix}-helm-${r.name}`;
    helmReleases[r.name] = new k8s.helm.v3.Release(
      name,
      {
        name: r.name,
        chart: r.chart,
        version: r.version,
        repositoryOpts: { repo: r.repository },
        namespace: r.namespace,
        createNamespace: r.createNamespace,
        values: r.values as pulumi.Input<Record<string, unknown>>,
        // Ready means CRDs registered and webhooks serving, so the CRD objects can follow.
        timeout: options.helmTimeoutSeconds ?? 600,
        atomic: true,
        cleanupOnFail: true,
      },
      { parent, provider, dependsOn: [...before, ...namespaces, ...plain] },
    );
  }
  for (const o of workload.crdObjects) create(o, [...before, ...namespaces, ...plain, ...Object.values(helmReleases)]);
  return { objects, helmReleases };
}
