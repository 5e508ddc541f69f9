/**
 * Plain Kubernetes objects and Helm releases, rendered once from a plan and applied by each
 * cloud's renderer its own way (CDK addManifest/addHelmChart, Pulumi kubernetes Provider).
 */

/** Any Kubernetes object as plain data. */
export interface KubernetesObject {
  /** API group and version, e.g. `apps/v1`, `keda.sh/v1alpha1`. */
  readonly apiVersion: string;
  /** Object kind, e.g. `Deployment`, `ScaledObject`. */
  readonly kind: string;
  /** Name, namespace, labels and annotations. */
  readonly metadata: {
    /** Object name, stable across renders (changing it replaces the object). */
    readonly name: string;
    /** @default - none: cluster-scoped objects (Namespace, NodePool) have no namespace */
    readonly namespace?: string;
    /** @default - no labels */
    readonly labels?: Readonly<Record<string, string>>;
    /** @default - no annotations */
    readonly annotations?: Readonly<Record<string, string>>;
  };
  /** The kind's other top-level fields (`spec`, `data`, ...), as the Kubernetes API takes them. */
  readonly [field: string]: unknown;
}

/** A Helm release as data: each renderer installs it its own way. */
export interface HelmRelease {
  /** Release name. */
  readonly name: string;
  /** Chart repository URL. */
  readonly repository: string;
  /** Chart name in the repository, e.g. `keda`. */
  readonly chart: string;
  /** Pinned chart version. */
  readonly version: string;
  /** Namespace the release is installed in. */
  readonly namespace: string;
  /** Whether the installer creates `namespace` when it does not exist. */
  readonly createNamespace: boolean;
  /** Chart values, as a values file would hold them. */
  readonly values: Readonly<Record<string, unknown>>;
  /** What the release is for (docs, synth output). */
  readonly purpose: string;
}

/**
 * Values the cloud renderer knows only once it has created its resources. With `renderWorkload`
 * they are strings (CDK tokens are strings); with `renderWorkloadWith` any value type `V`, such as
 * a Pulumi `Output<string>`. Every value is optional: what is missing is rendered as a
 * deterministic placeholder (see {@link UNBOUND_PREFIX}) so `inferstack synth` works offline.
 */
export interface WorkloadBindings<V = string> {
  /**
   * Values for the cloud's ServiceAccount identity annotation
   * (`plan.capabilities.workloadIdentity.serviceAccountAnnotation`): an IAM role ARN on AWS, a
   * Google service account email on GCP, a user-assigned identity client id on Azure.
   * @default - every identity the workload needs is a placeholder
   */
  readonly identities?: {
    /**
     * The identity KEDA's operator uses to read queue depth. Goes into the KEDA Helm values (or
     * `RenderedWorkload.kedaOperatorIdentity` where KEDA is a managed add-on) and, on providers
     * that take one, into the TriggerAuthentication.
     * @default - a placeholder when the stack has a queue; unused otherwise
     */
    readonly scaler?: V;
    /**
     * The identity queue consumers use to receive and delete messages.
     * @default - a placeholder when the stack has queue pools; unused otherwise
     */
    readonly consumer?: V;
    /**
     * The identity of the router's pods, for provider keys fetched with workload identity.
     * @default - no identity annotation: the router only calls in-cluster model servers
     */
    readonly router?: V;
  };
  /**
   * Cloud queue coordinates, keyed per queue trigger (`plan.queue.kedaTrigger`):
   * - `aws-sqs-queue`: `queueUrl` (default: placeholder), `region` (default: `plan.region`)
   * - `gcp-pubsub`: `subscriptionName` (default: `plan.queue.name`), `projectId` (default: `plan.project`)
   * - `azure-servicebus`: `namespace`, the Service Bus namespace name without domain (default:
   *   placeholder), `queueName` (default: `plan.queue.name`)
   *
   * Unknown keys are rejected so a typo does not silently leave a placeholder in place.
   * @default - each key's default above
   */
  readonly queue?: Readonly<Record<string, V>>;
}

/** Options of {@link renderWorkload} that do not come from the plan. */
export interface RenderOptions {
  /**
   * Install KEDA with its Helm chart. Where the cluster runs KEDA as a managed add-on
   * (AKS `workloadAutoScalerProfile.keda`) the renderer applies
   * `RenderedWorkload.kedaOperatorIdentity` to the add-on's service account itself.
   * @default - installed (namespace `keda`) unless the plan's cloud runs KEDA as an add-on (`plan.capabilities.kedaAddon`)
   */
  readonly installKeda?: boolean;
}

/** A Secret the workload reads but inferstack never writes: the renderer or the user creates it. */
export interface SecretRequirement {
  /** Secret name, e.g. `<stack>-model-api-key`. */
  readonly name: string;
  /** Namespace of the Secret: the stack's namespace. */
  readonly namespace: string;
  /** Key in the Secret's data that pods read. */
  readonly key: string;
  /** false: pods start without it (e.g. a hub token needed only for gated models). */
  readonly required: boolean;
  /** What reads it and why, e.g. the environment variable it becomes. */
  readonly purpose: string;
}

/** What the KEDA operator's service account needs so queue triggers authenticate without keys. */
export interface KedaOperatorIdentity {
  /** `keda` where the chart is installed; absent for an add-on, whose namespace the renderer knows (AKS: kube-system). */
  readonly namespace?: string;
  /** Name of the operator's service account (`keda-operator`). */
  readonly serviceAccountName: string;
  /** The cloud's workload identity annotation with the scaler identity (a placeholder until bound). */
  readonly annotations: Readonly<Record<string, string>>;
  /** Labels the operator's pods need (Azure Workload ID), else empty. */
  readonly podLabels: Readonly<Record<string, string>>;
}

/** Everything that runs in the cluster for one plan, in apply order. */
export interface RenderedWorkload {
  /** The stack's namespace (`plan.namespace`), where every workload object lives. */
  readonly namespace: string;
  /** Charts to install before `crdObjects` (KEDA unless disabled, Prometheus). */
  readonly helmReleases: readonly HelmRelease[];
  /** Namespace, ServiceAccounts, ConfigMaps, Deployments, Services, PodDisruptionBudgets. */
  readonly objects: readonly KubernetesObject[];
  /** ScaledObjects and TriggerAuthentications: applied after the charts that define their CRDs. */
  readonly crdObjects: readonly KubernetesObject[];
  /** Secrets referenced by name (never rendered with a value). */
  readonly secrets: readonly SecretRequirement[];
  /** Present when a queue trigger authenticates with the cloud's workload identity. */
  readonly kedaOperatorIdentity?: KedaOperatorIdentity;
  /** Bindings that were missing and rendered as placeholders (empty when fully bound). */
  readonly unbound: readonly string[];
}

/** A file of `inferstack synth` output. */
export interface ManifestFile {
  /** Relative path, e.g. `models.yaml`. */
  readonly path: string;
  /** The file's text (YAML). */
  readonly content: string;
}
