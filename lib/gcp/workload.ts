/**
 * The in-cluster part of a GCP plan (KEDA, Prometheus, the router, model servers, queue
 * consumers, ScaledObjects), rendered once by lib/k8s and applied through a `@pulumi/kubernetes`
 * Provider for the GKE cluster (lib/pulumi/kubernetes.ts: namespace first, Helm releases after
 * the plain objects, KEDA's custom resources after every release).
 */
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { WorkloadBindings } from '../k8s/types';
import { BoundWorkload } from '../k8s';
import { ROUTER_PORT, serviceHost } from '../k8s/meta';
import { applyWorkload, PulumiBinding, renderPulumiWorkload } from '../pulumi/kubernetes';
import { InferencePlan } from '../plan/types';
import { gkeKubeconfig } from './cluster';
import { ArgProblem, assertValidArgs, planCloudProblem } from './errors';

/** Where the cluster's API is: its name, an endpoint and, for an IP endpoint, the CA. */
export interface GkeClusterEndpoint {
  /** Cluster name (the kubeconfig's context). */
  readonly name: pulumi.Input<string>;
  /** The DNS-based endpoint (`<id>.<region>.gke.goog`) or an IP endpoint of the control plane. */
  readonly endpoint: pulumi.Input<string>;
  /**
   * Base64 PEM CA certificate (`masterAuth.clusterCaCertificate`), for an IP endpoint.
   * @default - none: the DNS-based endpoint's certificate is publicly trusted
   */
  readonly caCertificate?: pulumi.Input<string>;
}

/** Arguments of {@link InferenceWorkload}. */
export interface InferenceWorkloadArgs {
  /** The GCP plan to render. */
  readonly plan: InferencePlan;
  /**
   * The cluster to apply to; the component builds a Kubernetes provider for it whose credentials
   * come from `gke-gcloud-auth-plugin` (install it where `pulumi up` runs).
   * @default - none: give `provider` instead
   */
  readonly cluster?: GkeClusterEndpoint;
  /**
   * A kubeconfig for the cluster (e.g. `InferenceCluster.kubeconfig`), instead of `cluster`.
   * @default - none: give `cluster` or `provider`
   */
  readonly kubeconfig?: pulumi.Input<string>;
  /**
   * A Kubernetes provider for the cluster (instead of `cluster` or `kubeconfig`).
   * @default - built from `cluster` or `kubeconfig`
   */
  readonly provider?: k8s.Provider;
  /**
   * Google service account emails (`identities.scaler` for KEDA's operator, `identities.consumer`
   * for queue consumers) and the queue's coordinates (`queue.subscriptionName`, `queue.projectId`),
   * as strings or Outputs. Every binding the plan needs must be given: a workload with
   * placeholders is refused.
   * @default - none, which suits plans without a queue
   */
  readonly bindings?: WorkloadBindings<PulumiBinding>;
  /**
   * Created before anything of the workload: node pools (so KEDA and Prometheus have CPU nodes),
   * Workload Identity bindings (so KEDA can read metrics when it starts).
   * @default - nothing
   */
  readonly dependsOn?: readonly pulumi.Resource[];
  /**
   * Seconds Helm may wait for a release to become ready.
   * @default 600
   */
  readonly helmTimeoutSeconds?: number;
}

/**
 * The plan's Kubernetes objects and Helm releases, one Pulumi resource each, with every binding
 * filled from real outputs.
 */
export class InferenceWorkload extends pulumi.ComponentResource {
  /** The rendered workload, bindings in place. */
  readonly rendered: BoundWorkload<PulumiBinding>;
  /** The Kubernetes provider every object is applied with. */
  readonly provider: k8s.Provider;
  /** One resource per Kubernetes object, by Pulumi name. */
  readonly objects: Readonly<Record<string, pulumi.CustomResource>>;
  /** The Helm releases (KEDA, Prometheus), by release name. */
  readonly helmReleases: Readonly<Record<string, k8s.helm.v3.Release>>;
  /** In-cluster URL of the OpenAI-compatible router, when the plan has online models. */
  readonly routerServiceAddress?: string;

  constructor(name: string, args: InferenceWorkloadArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:gcp:InferenceWorkload', name, {}, opts);
    const problems: ArgProblem[] = [...planCloudProblem(args.plan)];
    if ([args.cluster, args.kubeconfig, args.provider].filter((x) => x !== undefined).length !== 1) {
      problems.push({ path: 'args.cluster', reason: 'give exactly one of cluster (name and endpoint), kubeconfig or provider' });
    }
    assertValidArgs('InferenceWorkload', name, problems);
    this.rendered = renderPulumiWorkload(args.plan, args.bindings ?? {});
    if (this.rendered.unbound.length) {
      assertValidArgs('InferenceWorkload', name, [
        {
          path: 'args.bindings',
          reason: `lacks ${this.rendered.unbound.join(', ')}: the workload would deploy placeholders (inferstack-unbound:...) where identities and queue coordinates go`,
        },
      ]);
    }
    this.provider =
      args.provider ??
      new k8s.Provider(
        `${name}-k8s`,
        { kubeconfig: args.kubeconfig ?? gkeKubeconfig(args.cluster!.name, args.cluster!.endpoint, args.cluster!.caCertificate), enableServerSideApply: true },
        { parent: this },
      );
    const applied = applyWorkload(this.rendered, { parent: this, provider: this.provider, prefix: name, dependsOn: args.dependsOn, helmTimeoutSeconds: args.helmTimeoutSeconds });
    this.objects = applied.objects;
    this.helmReleases = applied.helmReleases;
    if (args.plan.router) this.routerServiceAddress = `http://${serviceHost(args.plan.router.resourceName, args.plan.namespace)}:${ROUTER_PORT}`;
    this.registerOutputs({ routerServiceAddress: this.routerServiceAddress });
  }
}
