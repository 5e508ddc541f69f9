/**
 * What each cloud can and cannot do, as data. Shared code reads this table instead of asking
 * which cloud it is (DESIGN §1, style rule 8).
 */
import { AcceleratorKind, CloudId } from '../catalog/types';

/** Tag/label rules of a cloud, applied by `normaliseTags`. */
export interface TagRules {
  /** What the cloud calls them, for messages. */
  readonly noun: string;
  /** Lowercase keys and values (GCP labels). */
  readonly lowercase: boolean;
  /** Keys compared case-insensitively (Azure): 'Team' and 'team' collide. */
  readonly caseInsensitiveKeys: boolean;
  /** Longest key, in characters: longer keys are cut where invalid characters are replaced, else an error. */
  readonly keyMaxLength: number;
  /** Longest value, in characters: longer values are cut where invalid characters are replaced, else an error. */
  readonly valueMaxLength: number;
  /** Characters not allowed in keys (global regex). */
  readonly invalidKeyChars: RegExp;
  /** Characters not allowed in values (global regex). */
  readonly invalidValueChars: RegExp;
  /** Replacement for invalid characters; null: they are an error instead. */
  readonly replaceInvalidWith: string | null;
  /** A key must match this after normalisation. */
  readonly keyPattern: RegExp;
  /** `keyPattern` in words, completing "does not ..." in messages, e.g. `start with a lowercase letter`. */
  readonly keyPatternHint: string;
  /** Key prefixes reserved by the cloud. */
  readonly reservedKeyPrefixes: readonly string[];
  /**
   * Characters removed from both ends of a value after it is cut to `valueMaxLength`, where
   * values must start and end with a letter or digit (Kubernetes); null where any end is legal.
   */
  readonly trimValueEnds: RegExp | null;
  /** Most tags one resource may carry, inferstack's own included; null: no limit. */
  readonly maxTags: number | null;
  /** Where the rule comes from. */
  readonly source: string;
}

/** Limits of the cloud's budget service, which the spec's `budget` must fit. */
export interface BudgetCapability {
  /** Most notifications (alert thresholds plus the forecast alert) one budget may have; null: no documented limit. */
  readonly maxNotifications: number | null;
  /** Most email recipients of one notification; null: no documented limit. */
  readonly maxEmails: number | null;
  /** Where the limits are documented. */
  readonly source: string;
}

/** Limits of the cloud's queue service, for clamping and validation. */
export interface QueueCapability {
  /** The service's name in plans and messages: `SQS`, `Pub/Sub`, `Service Bus`. */
  readonly service: string;
  /** What the cloud calls the visibility timeout. */
  readonly visibilityTimeoutName: string;
  /** Delivery attempts before dead-lettering the service accepts; `queue.maxDeliveryAttempts` outside them is an error. */
  readonly maxDeliveryAttempts: { readonly min: number; readonly max: number };
  /** Above this the plan clamps and the consumer must extend its lease/lock. */
  readonly maxVisibilityTimeoutSeconds: number;
  /** Longest message retention in hours; a longer `queue.retentionHours` is an error. */
  readonly maxRetentionHours: number;
  /** KEDA scaler profile for this queue (lib/k8s renders the trigger KEDA recommends for it). */
  readonly kedaTrigger: string;
  /** The tier inferstack provisions, as the catalog's queue price id (queues.json). */
  readonly priceId: string;
  /** Where the limits are documented. */
  readonly source: string;
}

/** How pods get cloud credentials without static keys (DESIGN §3 "scaler identity"). */
export interface WorkloadIdentityCapability {
  /** Mechanism, for docs and messages. */
  readonly mechanism: string;
  /** ServiceAccount annotation whose value the renderer fills with the identity (role ARN, GSA email, client id). */
  readonly serviceAccountAnnotation: string;
  /** Labels pods must carry for the identity webhook (Azure), else empty. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** KEDA TriggerAuthentication `spec.podIdentity.provider`. */
  readonly kedaPodIdentityProvider: 'aws' | 'gcp' | 'azure-workload';
  /** Whose identity KEDA uses: its operator's service account or the workload's. */
  readonly kedaIdentityOwner: 'keda' | 'workload';
  /** Where the mechanism and KEDA's use of it are documented. */
  readonly source: string;
}

/** Whether the cluster enforces Kubernetes NetworkPolicy, and what turns it on. */
export interface NetworkPolicyCapability {
  /** What the cloud renderer (or, on an existing cluster, its operator) sets so policies are enforced. */
  readonly enforcement: string;
  /** Where enforcement is documented. */
  readonly source: string;
}

/** Everything shared code needs to know about a cloud. */
export interface CloudCapabilities {
  /** The cloud this row describes. */
  readonly cloud: CloudId;
  /** The cloud's name in messages: `AWS`, `GCP`, `Azure`. */
  readonly displayName: string;
  /** How the spec's target names the location. */
  readonly locationField: 'region' | 'location';
  /** Accelerator kinds the cloud offers; a model on another kind is an error for this target. */
  readonly acceleratorKinds: readonly AcceleratorKind[];
  /** Node label whose value is the node pool name; workloads select their pool with it. */
  readonly nodePoolLabel: string;
  /** Node label/value pairs that mark spot nodes, if the cloud sets one. */
  readonly spotNodeLabel: { readonly key: string; readonly value: string };
  /** Taint the cloud puts on spot nodes itself, which pods must tolerate. */
  readonly spotTaint: { readonly key: string; readonly value: string; readonly effect: 'NoSchedule' } | null;
  /** Max length of a node pool name. */
  readonly nodePoolNameMaxLength: number;
  /** Node pool names: lowercase alphanumerics only (AKS) or DNS labels. */
  readonly nodePoolNameAlnumOnly: boolean;
  /** The queue service and its limits. */
  readonly queue: QueueCapability;
  /** How pods get cloud credentials. */
  readonly workloadIdentity: WorkloadIdentityCapability;
  /** The cluster runs KEDA as a managed add-on (so the KEDA Helm chart is not installed). */
  readonly kedaAddon: boolean;
  /** How the cluster enforces NetworkPolicies. */
  readonly networkPolicy: NetworkPolicyCapability;
  /**
   * Changing the tags of a node pool replaces its nodes (and restarts the model servers on
   * them), so node pools carry only stable identity tags (`plan.costAllocation`).
   */
  readonly nodeTagEditsReplaceNodes: { readonly value: boolean; readonly source: string };
  /** Rules the spec's tags are normalised with (`normaliseTags`). */
  readonly tags: TagRules;
  /**
   * Node labels that select a TPU slice shape (GKE sets them on TPU nodes): the accelerator
   * label takes `AcceleratorSpec.tpu.gkeAcceleratorLabel`, the topology label the slice topology.
   * null where the cloud has no TPUs.
   */
  readonly tpuNodeSelector: { readonly acceleratorLabel: string; readonly topologyLabel: string; readonly source: string } | null;
  /** Limits of the budget service. */
  readonly budget: BudgetCapability;
  /** Id of the platform fee row (catalog fees.json) for the cluster control plane. */
  readonly controlPlaneFeeId: string;
  /** Why an accelerator kind is missing, for messages (no final period). */
  readonly notes: string;
}

/** The capability table: one row per cloud, read by shared code instead of asking which cloud it is. */
export const CAPABILITIES: Readonly<Record<CloudId, CloudCapabilities>> = {
  aws: {
    cloud: 'aws',
    displayName: 'AWS',
    locationField: 'region',
    acceleratorKinds: ['gpu', 'neuron'],
    nodePoolLabel: 'karpenter.sh/nodepool',
    spotNodeLabel: { key: 'karpenter.sh/capacity-type', value: 'spot' },
    spotTaint: null,
    nodePoolNameMaxLength: 63,
    nodePoolNameAlnumOnly: false,
    queue: {
      service: 'SQS',
      visibilityTimeoutName: 'visibility timeout',
      maxDeliveryAttempts: { min: 1, max: 1000 },
      maxVisibilityTimeoutSeconds: 43200,
      maxRetentionHours: 336,
      kedaTrigger: 'aws-sqs-queue',
      priceId: 'sqs-standard',
      source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-quotas.html',
    },
    workloadIdentity: {
      mechanism: 'IRSA (IAM roles for service accounts)',
      serviceAccountAnnotation: 'eks.amazonaws.com/role-arn',
      podLabels: {},
      kedaPodIdentityProvider: 'aws',
      // KEDA documents IRSA on the keda-operator service account; Pod Identity is undocumented (kedacore/keda#6418, #6706).
      kedaIdentityOwner: 'keda',
      source: 'https://keda.sh/docs/2.19/authentication-providers/aws/',
    },
    tags: {
      noun: 'AWS tag',
      lowercase: false,
      caseInsensitiveKeys: false,
      keyMaxLength: 128,
      valueMaxLength: 256,
      invalidKeyChars: /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu,
      invalidValueChars: /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu,
      replaceInvalidWith: null,
      keyPattern: /^.+$/,
      keyPatternHint: 'a non-empty key',
      reservedKeyPrefixes: ['aws:'],
      trimValueEnds: null,
      maxTags: 50,
      source: 'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html',
    },
    budget: {
      maxNotifications: 10,
      maxEmails: 10,
      // "A budget can have up to ten notifications"; "one SNS subscriber and up to 10 email subscribers".
      source: 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Notification.html ; https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_NotificationWithSubscribers.html',
    },
    kedaAddon: false,
    tpuNodeSelector: null,
    networkPolicy: {
      enforcement: 'EKS Auto Mode: ConfigMap kube-system/amazon-vpc-cni with enable-network-policy-controller: "true" (InferenceCluster applies it)',
      source: 'https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html',
    },
    // NodeClass tags and NodePool template labels are static drift fields: a change marks every
    // node of the pool drifted and Karpenter replaces it (karpenter.sh concepts/disruption, Drift).
    nodeTagEditsReplaceNodes: { value: true, source: 'https://karpenter.sh/docs/concepts/disruption/#drift' },
    controlPlaneFeeId: 'eks-control-plane',
    notes: 'TPUs are GCP only',
  },
  gcp: {
    cloud: 'gcp',
    displayName: 'GCP',
    locationField: 'region',
    acceleratorKinds: ['gpu', 'tpu'],
    nodePoolLabel: 'cloud.google.com/gke-nodepool',
    spotNodeLabel: { key: 'cloud.google.com/gke-spot', value: 'true' },
    spotTaint: null,
    nodePoolNameMaxLength: 40,
    nodePoolNameAlnumOnly: false,
    queue: {
      service: 'Pub/Sub',
      visibilityTimeoutName: 'ack deadline',
      maxDeliveryAttempts: { min: 5, max: 100 },
      maxVisibilityTimeoutSeconds: 600,
      // Subscription message retention: at most 31 days (https://cloud.google.com/pubsub/docs/subscription-properties).
      maxRetentionHours: 744,
      kedaTrigger: 'gcp-pubsub',
      priceId: 'pubsub',
      source: 'https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.subscriptions ; https://cloud.google.com/pubsub/docs/subscription-properties',
    },
    workloadIdentity: {
      mechanism: 'GKE Workload Identity',
      serviceAccountAnnotation: 'iam.gke.io/gcp-service-account',
      podLabels: {},
      kedaPodIdentityProvider: 'gcp',
      kedaIdentityOwner: 'keda',
      source: 'https://keda.sh/docs/2.19/authentication-providers/gcp-workload-identity/',
    },
    tags: {
      noun: 'GCP label',
      lowercase: true,
      caseInsensitiveKeys: false,
      keyMaxLength: 63,
      valueMaxLength: 63,
      invalidKeyChars: /[^a-z0-9_-]/g,
      invalidValueChars: /[^a-z0-9_-]/g,
      replaceInvalidWith: '_',
      keyPattern: /^[a-z]/,
      keyPatternHint: 'start with a lowercase letter',
      reservedKeyPrefixes: ['goog'],
      trimValueEnds: null,
      maxTags: 64,
      source: 'https://cloud.google.com/resource-manager/docs/labels-overview#requirements',
    },
    budget: {
      // Threshold rules have no documented count limit; emails go through Monitoring notification channels, at most 5.
      maxNotifications: null,
      maxEmails: 5,
      source: 'https://cloud.google.com/billing/docs/reference/budget/rest/v1/billingAccounts.budgets#NotificationsRule',
    },
    kedaAddon: false,
    tpuNodeSelector: {
      acceleratorLabel: 'cloud.google.com/gke-tpu-accelerator',
      topologyLabel: 'cloud.google.com/gke-tpu-topology',
      source: 'https://cloud.google.com/kubernetes-engine/docs/how-to/tpus#run',
    },
    networkPolicy: {
      enforcement: "GKE Dataplane V2 (cluster datapathProvider: ADVANCED_DATAPATH) or networkPolicy.enabled on the cluster",
      source: 'https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy',
    },
    // Not confirmed that GKE updates node-pool resource labels on existing VMs without recreating
    // them; treated as replacing until verified, so nodes carry only stable labels.
    nodeTagEditsReplaceNodes: { value: true, source: 'unverified for GKE node-pool resourceLabels; conservative' },
    controlPlaneFeeId: 'gke-cluster-fee',
    notes: 'Inferentia and Trainium are AWS only',
  },
  azure: {
    cloud: 'azure',
    displayName: 'Azure',
    locationField: 'location',
    acceleratorKinds: ['gpu'],
    nodePoolLabel: 'kubernetes.azure.com/agentpool',
    spotNodeLabel: { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot' },
    spotTaint: { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' },
    nodePoolNameMaxLength: 12,
    nodePoolNameAlnumOnly: true,
    queue: {
      service: 'Service Bus',
      visibilityTimeoutName: 'lock duration',
      maxDeliveryAttempts: { min: 1, max: 2000 },
      maxVisibilityTimeoutSeconds: 300,
      maxRetentionHours: 336,
      kedaTrigger: 'azure-servicebus',
      priceId: 'servicebus-standard',
      source: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-quotas',
    },
    workloadIdentity: {
      mechanism: 'Microsoft Entra Workload ID (user-assigned identity + federated credential)',
      serviceAccountAnnotation: 'azure.workload.identity/client-id',
      podLabels: { 'azure.workload.identity/use': 'true' },
      kedaPodIdentityProvider: 'azure-workload',
      kedaIdentityOwner: 'keda',
      source: 'https://keda.sh/docs/2.19/authentication-providers/azure-ad-workload-identity/',
    },
    tags: {
      noun: 'Azure tag',
      lowercase: false,
      caseInsensitiveKeys: true,
      keyMaxLength: 512,
      valueMaxLength: 256,
      invalidKeyChars: /[<>%&\\?/]/g,
      invalidValueChars: /(?!)/g,
      replaceInvalidWith: null,
      keyPattern: /^.+$/,
      keyPatternHint: 'a non-empty name',
      reservedKeyPrefixes: ['microsoft', 'azure', 'windows'],
      trimValueEnds: null,
      maxTags: 50,
      source: 'https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations',
    },
    budget: {
      // consumption.Budget: "up to five notifications"; contactEmails has no documented count limit.
      maxNotifications: 5,
      maxEmails: null,
      source: 'https://learn.microsoft.com/rest/api/consumption/budgets/create-or-update',
    },
    // AKS workloadAutoScalerProfile.keda (azure.md, KEDA add-on).
    kedaAddon: true,
    tpuNodeSelector: null,
    networkPolicy: {
      enforcement: 'AKS networkProfile.networkPolicy (azure, calico or cilium with networkDataplane: cilium)',
      source: 'https://learn.microsoft.com/azure/aks/use-network-policies',
    },
    // "Tags set on a node pool apply only to resources related to that node pool" and overwrite
    // existing values in place (AKS use-tags); the nodes stay.
    nodeTagEditsReplaceNodes: { value: false, source: 'https://learn.microsoft.com/azure/aks/use-tags' },
    controlPlaneFeeId: 'aks-standard-tier',
    notes: 'TPUs are GCP only; Inferentia and Trainium are AWS only',
  },
};

/** Kubernetes label rules: every cloud's workload gets the same labels. */
export const K8S_LABEL_RULES: TagRules = {
  noun: 'Kubernetes label',
  lowercase: false,
  caseInsensitiveKeys: false,
  keyMaxLength: 63,
  valueMaxLength: 63,
  invalidKeyChars: /[^A-Za-z0-9._-]/g,
  invalidValueChars: /[^A-Za-z0-9._-]/g,
  replaceInvalidWith: '_',
  keyPattern: /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/,
  keyPatternHint: 'start and end with a letter or digit',
  reservedKeyPrefixes: ['kubernetes.io', 'k8s.io'],
  // Values: empty or [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?, so a value cut at 63 or ending in '-' loses its ends.
  trimValueEnds: /^[-_.]+|[-_.]+$/g,
  maxTags: null,
  source: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
};
