/**
 * The in-cluster part of a plan, rendered once by lib/k8s and applied through the cluster's
 * kubectl provider: Helm releases (KEDA, Prometheus) with `helm upgrade --install --wait`, plain
 * objects with `kubectl apply`, and the objects whose CRDs the charts install (ScaledObjects,
 * TriggerAuthentications) only after those charts are ready.
 */
import { Annotations, Duration } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct, IDependable } from 'constructs';
import { renderWorkloadWith } from '../k8s';
import { HelmRelease, RenderedWorkload, WorkloadBindings } from '../k8s/types';
import { InferencePlan } from '../plan/types';

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
   * Applied before anything of the workload (for example the accelerator NodePools, so model
   * servers never wait for a pool that is still being created).
   * @default - nothing
   */
  readonly dependsOn?: readonly IDependable[];
  /**
   * How long Helm may wait for a release to become ready. The kubectl Lambda itself stops after
   * 15 minutes, so keep a margin below that.
   * @default Duration.minutes(10)
   */
  readonly helmTimeout?: Duration;
}

/**
 * Applies the rendered workload in an order that works on a fresh cluster:
 * `Objects` (namespace, service accounts, config, deployments, services, PDBs) and each
 * `Chart-<release>` first; `CrdObjects` after every chart, so KEDA's CRDs and admission webhook
 * exist before its ScaledObjects are applied. Deletion runs in reverse.
 */
export class InferenceWorkload extends Construct {
  /** What lib/k8s rendered (bindings included). */
  readonly rendered: RenderedWorkload;
  readonly charts: Readonly<Record<string, eks.HelmChart>>;
  readonly objects?: eks.KubernetesManifest;
  readonly crdObjects?: eks.KubernetesManifest;

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

    const charts: Record<string, eks.HelmChart> = {};
    for (const release of this.rendered.helmReleases) {
      charts[release.name] = this.installChart(cluster, release, props.helmTimeout ?? Duration.minutes(10));
      for (const d of before) charts[release.name].node.addDependency(d);
    }
    this.charts = charts;

    if (this.rendered.objects.length) {
      this.objects = new eks.KubernetesManifest(this, 'Objects', { cluster, manifest: [...this.rendered.objects], overwrite: true });
      for (const d of before) this.objects.node.addDependency(d);
    }
    if (this.rendered.crdObjects.length) {
      this.crdObjects = new eks.KubernetesManifest(this, 'CrdObjects', { cluster, manifest: [...this.rendered.crdObjects], overwrite: true });
      for (const chart of Object.values(charts)) this.crdObjects.node.addDependency(chart);
      if (this.objects) this.crdObjects.node.addDependency(this.objects);
    }
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
