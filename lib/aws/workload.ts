/**
 * The in-cluster part of a plan, rendered once by lib/k8s and applied through the cluster's
 * kubectl provider: Helm releases (KEDA, Prometheus) with `helm upgrade --install --wait`, plain
 * objects with `kubectl apply`, and the objects whose CRDs the charts install (ScaledObjects,
 * TriggerAuthentications) only after those charts are ready.
 *
 * Each pool gets manifests of its own (`Pool-<model>/Objects`, `Pool-<model>/CrdObjects`, or in a
 * scope of your choosing, such as one nested stack per pool): adding or changing a model rewrites
 * only that model's manifests and the router's, and no single custom resource grows with the
 * number of models (CloudFormation limits a template to 1 MB).
 */
import { Annotations, Duration } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct, IDependable } from 'constructs';
import { renderWorkloadWith, workloadParts } from '../k8s';
import { HelmRelease, KubernetesObject, RenderedWorkload, WorkloadBindings } from '../k8s/types';
import { InferencePlan, PoolPlan } from '../plan/types';

export interface InferenceWorkloadProps {
  /** An aws-eks-v2 cluster with a kubectl provider (`kubectlProviderOptions`). */
  readonly cluster: eks.ICluster;
  /** The AWS plan to render. */
  readonly plan: InferencePlan;
  /**
   * Identities (IAM role ARNs, CDK tokens are fine) and queue coordinates (`queueUrl`, `region`).
   * @default - none: lib/k8s renders placeholders (listed in `rendered.unbound`), fine for a
   * synth preview but not for a deployment that scales on a queue
   */
  readonly bindings?: WorkloadBindings;
  /**
   * Applied before anything of the workload.
   * @default - nothing
   */
  readonly dependsOn?: readonly IDependable[];
  /**
   * Applied before one pool's objects, for example that pool's NodePools, so its model servers
   * never wait for a pool that is still being created.
   * @default - nothing beyond `dependsOn`
   */
  readonly poolDependsOn?: (pool: PoolPlan) => readonly IDependable[];
  /**
   * The scope of one pool's manifests (`Objects`, `CrdObjects`), for example one NestedStack
   * per pool so every template stays within CloudFormation's limits at hundreds of models.
   * Return the same scope for a pool on every synthesis: moving a manifest deletes and recreates
   * its objects.
   * @default - a child `Pool-<model>` of this construct, in its stack
   */
  readonly poolScope?: (pool: PoolPlan) => Construct;
  /**
   * How long Helm may wait for a release to become ready. The kubectl Lambda itself stops after
   * 15 minutes, so keep a margin below that.
   * @default Duration.minutes(10)
   */
  readonly helmTimeout?: Duration;
}

/** The manifests of one pool. */
export interface PoolManifests {
  /** Deployment, Service, PodDisruptionBudget. */
  readonly objects: eks.KubernetesManifest;
  /** The pool's ScaledObject, applied after the charts. */
  readonly crdObjects?: eks.KubernetesManifest;
}

/**
 * Applies the rendered workload in an order that works on a fresh cluster: `Objects`
 * (namespace, service accounts, NetworkPolicies) and each `Chart-<release>` first, then the
 * `Router` and every pool's objects; the CRD objects (`CrdObjects`, each pool's `CrdObjects`)
 * after every chart, so KEDA's CRDs and admission webhook exist before its ScaledObjects are
 * applied. Deletion runs in reverse.
 */
export class InferenceWorkload extends Construct {
  /** What lib/k8s rendered (bindings included). */
  readonly rendered: RenderedWorkload;
  readonly charts: Readonly<Record<string, eks.HelmChart>>;
  /** Namespace, service accounts and NetworkPolicies. */
  readonly objects?: eks.KubernetesManifest;
  /** The router's config, Deployment, Service and PodDisruptionBudget. */
  readonly router?: eks.KubernetesManifest;
  /** TriggerAuthentication and the router's ScaledObject. */
  readonly crdObjects?: eks.KubernetesManifest;
  /** Each pool's manifests, by model name. */
  readonly pools: Readonly<Record<string, PoolManifests>>;

  constructor(scope: Construct, id: string, props: InferenceWorkloadProps) {
    super(scope, id);
    const { cluster } = props;
    // CDK tokens are strings: where a token sits inside a longer string, joining them lets CDK
    // resolve the result to Fn::Join.
    this.rendered = renderWorkloadWith(props.plan, props.bindings ?? {}, (parts) => parts.join(''));
    if (this.rendered.unbound.length) {
      Annotations.of(this).addWarningV2(
        'inferstack:unboundWorkload',
        `The workload renders placeholders for ${this.rendered.unbound.join(', ')}; pass them in bindings before deploying (queue scaling and consumers cannot work without them).`,
      );
    }
    const before = props.dependsOn ?? [];
    const parts = workloadParts(this.rendered);
    const manifest = (where: Construct, name: string, objects: readonly KubernetesObject[], after: readonly IDependable[]) => {
      const m = new eks.KubernetesManifest(where, name, { cluster, manifest: [...objects], overwrite: true });
      for (const d of [...before, ...after]) m.node.addDependency(d);
      return m;
    };

    const charts: Record<string, eks.HelmChart> = {};
    for (const release of this.rendered.helmReleases) {
      charts[release.name] = this.installChart(cluster, release, props.helmTimeout ?? Duration.minutes(10));
      for (const d of before) charts[release.name].node.addDependency(d);
    }
    this.charts = charts;
    const chartList = Object.values(charts);

    this.objects = parts.shared.length ? manifest(this, 'Objects', parts.shared, []) : undefined;
    const shared = this.objects ? [this.objects] : [];
    this.router = parts.router.length ? manifest(this, 'Router', parts.router, shared) : undefined;
    if (parts.sharedCrdObjects.length) {
      this.crdObjects = manifest(this, 'CrdObjects', parts.sharedCrdObjects, [...chartList, ...shared, ...(this.router ? [this.router] : [])]);
    }

    const pools: Record<string, PoolManifests> = {};
    for (const pool of props.plan.pools) {
      const part = parts.pools[pool.name];
      if (!part) continue;
      const where = props.poolScope?.(pool) ?? new Construct(this, `Pool-${pool.name}`);
      const objects = manifest(where, 'Objects', part.objects, [...shared, ...(props.poolDependsOn?.(pool) ?? [])]);
      const crdObjects = part.crdObjects.length ? manifest(where, 'CrdObjects', part.crdObjects, [...chartList, objects]) : undefined;
      pools[pool.name] = { objects, ...(crdObjects ? { crdObjects } : {}) };
    }
    this.pools = pools;
  }

  private installChart(cluster: eks.ICluster, release: HelmRelease, timeout: Duration): eks.HelmChart {
    // HelmChartOptions: chart, repository, version, release, namespace, createNamespace, values,
    // wait, timeout (aws-eks-v2/lib/helm-chart.d.ts).
    return new eks.HelmChart(this, `Chart-${release.name}`, {
      cluster,
      chart: release.chart,
      repository: release.repository,
      version: release.version,
      release: release.name,
      namespace: release.namespace,
      createNamespace: release.createNamespace,
      values: { ...release.values },
      // Waiting makes "chart applied" mean "CRDs registered and webhooks serving".
      wait: true,
      timeout,
    });
  }
}
