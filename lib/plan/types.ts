/**
 * The InferencePlan: a frozen, JSON-serialisable description of exactly what will exist on one
 * cloud. Renderers (lib/aws, lib/gcp, lib/azure), lib/k8s and lib/cost read only this (plus the
 * catalog for prices). Field names are stable: `inferstack plan --json` prints this.
 */
import { AcceleratorKind, CloudId } from '../catalog/types';
import type { OnPremSpec, Precision, TrafficSpec } from '../spec/types';
import { CloudCapabilities } from './capabilities';
import { RouterRouting } from './routing';

/** `apiVersion` of `inferstack plan --json` and of `plan.json`; changes when a field changes meaning. */
export const PLAN_API_VERSION = 'inferstack.dev/plan/v1alpha1';

/** A Kubernetes node taint (or, in `PoolPlan.tolerations`, the toleration that matches it exactly). */
export interface Taint {
  /** Taint key, e.g. `inferstack.dev/pool`. */
  readonly key: string;
  /** Taint value, e.g. the model name. */
  readonly value: string;
  /** NoSchedule: only pods that tolerate it are placed on the node. */
  readonly effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule';
}

/** One group of nodes of one capacity type for a pool (a NodePool / node pool / agent pool). */
export interface NodeGroupPlan {
  /** Cloud-legal, stable node pool name (changing it replaces the pool). */
  readonly name: string;
  /** Spot capacity, or the on-demand floor (`capacity.onDemandBase`). */
  readonly capacityType: 'spot' | 'on-demand';
  /** Nodes the group keeps at its fewest replicas (nodes, not replicas). */
  readonly minNodes: number;
  /** Nodes the group may grow to at its most replicas; renderers set the node limit from it. */
  readonly maxNodes: number;
  /** Replicas this group hosts at the pool's `replicas.min`. */
  readonly minReplicas: number;
  /** Replicas this group hosts at the pool's `replicas.max`. */
  readonly maxReplicas: number;
  /** Whole-instance USD per hour for this capacity type; null when the catalog has no price. */
  readonly hourlyUsd: number | null;
  /**
   * Labels the group's nodes carry: the pool label, which renderers set on the node group, and
   * labels the cloud sets itself (the spot capacity label), which renderers use as a node
   * requirement or leave to the cloud instead of setting them.
   */
  readonly labels: Readonly<Record<string, string>>;
  /** Taints of the group's nodes: the pool taint, plus the cloud's spot taint on spot groups where it sets one. */
  readonly taints: readonly Taint[];
}

/** The machine chosen for a pool and why. */
export interface MachinePlan {
  /** The cloud's machine type, e.g. g6.xlarge, g2-standard-4, Standard_NV36ads_A10_v5. */
  readonly instanceType: string;
  /** Instance family (AWS `g6`, GCP `g2`, Azure `NVadsA10_v5`): node requirements use it. */
  readonly family: string;
  /** Accelerators one node carries. */
  readonly acceleratorsPerNode: number;
  /** Host vCPUs of one node. */
  readonly vcpus: number;
  /** Host RAM of one node in GiB. */
  readonly memoryGiB: number;
  /** Replicas that fit on one node (accelerators per node / per replica); 1 for TPU slices. */
  readonly replicasPerNode: number;
  /** Nodes one replica spans (TPU multi-host slices); 1 otherwise. */
  readonly nodesPerReplica: number;
  /** Whole-node on-demand USD per hour from the catalog; null when no trustworthy price exists (never 0). */
  readonly onDemandHourlyUsd: number | null;
  /** Whole-node spot USD per hour (mean over the region's zones) from the catalog; null when none is cited. */
  readonly spotHourlyUsd: number | null;
  /** Catalog `source` of these prices. */
  readonly priceSource: string;
  /** Catalog `asOf` of these prices (ISO date). */
  readonly priceAsOf: string;
  /** Why this machine: the cheapest per replica offered in the region that carries the accelerators, and the runner-up. */
  readonly reason: string;
  /** Other machines that would also carry it, cheapest first (instance type and on-demand $/h). */
  readonly alternatives: readonly { readonly instanceType: string; readonly onDemandHourlyUsd: number | null }[];
}

/** The accelerators of one replica on this cloud (its override, else the model's), with the catalog figures the cost model uses. */
export interface AcceleratorPlan {
  /** Catalog id, e.g. nvidia-l4, tpu-v6e. */
  readonly type: string;
  /** gpu, tpu or neuron: decides the Kubernetes resource name and the server image. */
  readonly kind: AcceleratorKind;
  /** Name for people, e.g. `NVIDIA L4` (catalog). */
  readonly displayName: string;
  /** Accelerators per replica. */
  readonly count: number;
  /** Memory of ONE accelerator in GiB, from the catalog. */
  readonly memoryGiB: number;
  /** Memory bandwidth of ONE accelerator in GB/s, from the catalog. */
  readonly memoryBandwidthGBps: number;
  /** Peak dense BF16 TFLOP/s of ONE accelerator, from the catalog. */
  readonly denseBf16Tflops: number;
  /** TPU slice shape; absent for other kinds. */
  readonly tpu?: {
    /** Slice topology, e.g. `2x4`. */
    readonly topology: string;
    /** Value of the GKE node label `cloud.google.com/gke-tpu-accelerator`. */
    readonly gkeAcceleratorLabel: string;
    /** VMs (nodes) in one slice. */
    readonly hosts: number;
    /** Chips on each VM. */
    readonly chipsPerHost: number;
  };
}

/** How KEDA scales one pool. */
export interface ScalingPlan {
  /** queue: the cloud's queue trigger; waiting-requests: Prometheus on the server's waiting requests. */
  readonly trigger: 'queue' | 'waiting-requests';
  /** Per-replica target (messages or waiting requests). */
  readonly target: number;
  /** Scale from zero at this many messages/requests. */
  readonly activationThreshold: number;
  /** KEDA's cooldown before the last replica goes, and the HPA's scale-down stabilisation window, in seconds. */
  readonly scaleDownDelaySeconds: number;
}

/** One model pool: the replicas of one model on one cloud. */
export interface PoolPlan {
  /** The spec's model name. */
  readonly name: string;
  /** Kubernetes-side name inside the stack's namespace: `<stack>-<model>`. */
  readonly resourceName: string;
  /**
   * Name of the pool's cluster-scoped objects (the AWS Auto Mode NodeClass):
   * `<stack>-<environment>-<model>`, so two environments of a spec can share a cluster.
   */
  readonly clusterScopedName: string;
  /** `online`: an OpenAI-compatible server behind the router; `queue`: a consumer of the request queue. */
  readonly serve: 'online' | 'queue';
  /** `vllm`: inferstack's pinned vLLM server; `custom`: the spec's `image`. */
  readonly engine: 'vllm' | 'custom';
  /** Image override from the spec; undefined means the engine's pinned default (chosen in lib/k8s). */
  readonly image?: string;
  /** Hugging Face model id the server loads. */
  readonly model: string;
  /** Parameter count in billions (memory fit, throughput estimate). */
  readonly parametersBillion: number;
  /** Weight precision; float formats set vLLM's `--dtype`. */
  readonly precision: Precision;
  /** The server's max model length in tokens (`--max-model-len`, the router's `max_input_tokens`); absent: the server's own. */
  readonly maxContextTokens?: number;
  /** The accelerators of one replica. */
  readonly accelerator: AcceleratorPlan;
  /** The machine type of the pool's nodes and why it was chosen. */
  readonly machine: MachinePlan;
  /** Replica bounds from the spec: KEDA's minimum and maximum replica counts. */
  readonly replicas: {
    /** Replicas kept running (0: scale to zero). */
    readonly min: number;
    /** Most replicas autoscaling may run. */
    readonly max: number;
  };
  /** Spot/on-demand split in replicas. */
  readonly capacity: {
    /** Replicas beyond `onDemandBase` run on spot nodes. */
    readonly spot: boolean;
    /** Replicas on on-demand nodes: the spec's `onDemandBase` (at most `replicas.max`) with spot, `replicas.max` without. */
    readonly onDemandBase: number;
  };
  /** One group per capacity type in use: on-demand (base) first, then spot. */
  readonly nodeGroups: readonly NodeGroupPlan[];
  /** Total node bounds across groups. */
  readonly nodes: { readonly min: number; readonly max: number };
  /** Taint on the pool's nodes so only this pool's pods land there. */
  readonly taints: readonly Taint[];
  /** Pod nodeSelector that lands replicas on this pool only (capacity label excluded). */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Tolerations pods need (pool taint + cloud spot taint where the cloud sets one). */
  readonly tolerations: readonly Taint[];
  /** How KEDA scales the pool. */
  readonly scaling: ScalingPlan;
  /** The memory check of one replica. */
  readonly memoryFit: {
    /** GiB one replica needs: weights plus the headroom for KV cache and activations. */
    readonly requiredGiB: number;
    /** GiB the server may use on the replica's accelerators (90% of their memory). */
    readonly availableGiB: number;
    /** How the figures were computed, in words. */
    readonly note: string;
  };
  /**
   * Throughput the user measured, and the accelerators it was measured on: this cloud's override
   * (`overrides.<cloud>.throughput`) or the model's own `accelerator`. Where `measuredOn` differs
   * from `accelerator`, the cost model scales the measurement by the roofline ratio.
   */
  readonly throughput?: {
    /** Measured requests per second of one replica; absent when not measured. */
    readonly requestsPerSecondPerReplica?: number;
    /** Measured output tokens per second of one replica; absent when not measured. */
    readonly outputTokensPerSecondPerReplica?: number;
    /** The accelerators of the measurement. */
    readonly measuredOn: {
      /** Catalog accelerator id. */
      readonly type: string;
      /** Accelerators per replica. */
      readonly count: number;
    };
  };
}

/** The request queue of the `serve: queue` pools and its dead-letter queue, within the cloud's limits. */
export interface QueuePlan {
  /** The cloud's queue service: `SQS`, `Pub/Sub` or `Service Bus`. */
  readonly service: string;
  /** Cloud-legal name of the request queue: `<name>-<environment>-requests`. */
  readonly name: string;
  /** Cloud-legal name of the dead-letter queue: `<name>-<environment>-requests-dlq`. */
  readonly deadLetterName: string;
  /** Deliveries of one message before it moves to the dead-letter queue (SQS `maxReceiveCount`). */
  readonly maxDeliveryAttempts: number;
  /** Visibility timeout the spec asked for, in seconds. */
  readonly requestedVisibilityTimeoutSeconds: number;
  /** Visibility timeout (ack deadline, lock duration) the cloud gets, in seconds: clamped to its maximum. */
  readonly visibilityTimeoutSeconds: number;
  /** true when the consumer must extend its lease/lock because the cloud's maximum is lower. */
  readonly leaseExtensionRequired: boolean;
  /** How long an unconsumed message is kept, in seconds. */
  readonly retentionSeconds: number;
  /** Always true: every renderer encrypts the queue and its dead-letter queue at rest. */
  readonly encrypted: true;
  /** KEDA scaler profile of the queue service (lib/k8s renders the trigger KEDA recommends for it). */
  readonly kedaTrigger: string;
  /** Models consuming it. */
  readonly consumers: readonly string[];
}

/** The router: its Kubernetes name and the spec's routing (see `routerRouting`). */
export interface RouterPlan extends RouterRouting {
  /** Kubernetes name of the router's Deployment and Service. */
  readonly resourceName: string;
}

/** The budget the renderer creates, from the spec's `budget`. */
export interface BudgetPlan {
  /** Budget name: `<name>-<environment>-budget`. */
  readonly name: string;
  /** Monthly limit in USD. */
  readonly monthlyUsd: number;
  /** Actual-spend alert thresholds, percent of monthlyUsd, ascending. */
  readonly alertThresholdsPercent: readonly number[];
  /** Also alert on the forecast passing 100%. */
  readonly forecastAlert: boolean;
  /** Email recipients of every alert; may be empty. */
  readonly notifyEmails: readonly string[];
  /** error: cost, synth and the stack refuse a ceiling over monthlyUsd; warn: they report it. */
  readonly onExceed: 'error' | 'warn';
  /** The cost tag the budget filters on (normalised key and value). */
  readonly filterTag: { readonly key: string; readonly value: string };
}

/** A client allowed to reach the router, as a NetworkPolicy peer (see `network.routerClients`). */
export interface NetworkPeerPlan {
  /** Namespaces whose labels all match ({} is every namespace). */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /** Pods whose labels all match (in `namespaceLabels` namespaces, else the stack's namespace). */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** A source IP range. */
  readonly cidr?: string;
}

/** Who may reach what: default-deny ingress, then the router for these clients only. */
export interface NetworkPlan {
  /** Clients of the router; `[{ namespaceLabels: {} }]` (every pod of the cluster) unless the spec narrows it. */
  readonly routerClients: readonly NetworkPeerPlan[];
}

/**
 * How cost allocation keeps seeing every tag without a tag edit replacing nodes. Where changing
 * a node pool's tags replaces its nodes (`capabilities.nodeTagEditsReplaceNodes`), node pools
 * carry only the stable identity tags (`nodeTags`) and the free-form cost tags reach node costs
 * through `joinTag`, which every resource carries; elsewhere nodes carry every tag.
 */
export interface CostAllocationPlan {
  /** `stable-node-tags`: nodes carry `nodeTags` only; `all-tags`: nodes carry every cost tag. */
  readonly nodeTagging: 'stable-node-tags' | 'all-tags';
  /** Why, for people reading the plan. */
  readonly reason: string;
  /** Tags every accelerator node (and its disks) carries; renderers add the pool tag. */
  readonly nodeTags: Readonly<Record<string, string>>;
  /** The tag on every resource, nodes included, that joins node costs to the cost tags. */
  readonly joinTag: { readonly key: string; readonly value: string };
  /** Cost tags the nodes do not carry: map them from `joinTag` in the cloud's cost tooling (docs/cost.md). */
  readonly mappedTags: Readonly<Record<string, string>>;
}

/** Exactly what will exist on one cloud: what `resolvePlan` returns and `inferstack plan --json` prints. */
export interface InferencePlan {
  /** {@link PLAN_API_VERSION}; changes when a field changes meaning. */
  readonly apiVersion: typeof PLAN_API_VERSION;
  /** The cloud this plan is for. */
  readonly cloud: CloudId;
  /** The spec's `metadata.name`. */
  readonly name: string;
  /** The spec's `metadata.environment`. */
  readonly environment: string;
  /** Region (AWS, GCP) or location (Azure). */
  readonly region: string;
  /** GCP project (`targets.gcp.project`); absent on other clouds. */
  readonly project?: string;
  /** AWS account (`targets.aws.account`); absent when the spec leaves it to the deploying credentials. */
  readonly account?: string;
  /** Azure resource group (`targets.azure.resourceGroupName`); absent when the spec leaves it to the renderer. */
  readonly resourceGroupName?: string;
  /** Namespace the workload runs in: `<name>-<environment>`, so environments can share a cluster. */
  readonly namespace: string;
  /** The rows of the cloud's capability table (`CAPABILITIES`) that lib/k8s and the renderers read, plus the queue service's name. */
  readonly capabilities: Pick<CloudCapabilities, 'displayName' | 'acceleratorKinds' | 'nodePoolLabel' | 'workloadIdentity' | 'kedaAddon' | 'networkPolicy'> & { readonly queueService: string };
  /** Cost tags normalised for this cloud (spec tags + inferstack's own). */
  readonly tags: Readonly<Record<string, string>>;
  /** The same tags as Kubernetes labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** One pool per model of the spec, in spec order. */
  readonly pools: readonly PoolPlan[];
  /** The request queue; absent when no model has `serve: queue`. */
  readonly queue?: QueuePlan;
  /** The router; absent when no model has `serve: online`. */
  readonly router?: RouterPlan;
  /** The budget; absent when the spec has none. */
  readonly budget?: BudgetPlan;
  /** Who may reach the router (model servers accept only the router and Prometheus). */
  readonly network: NetworkPlan;
  /** How node costs keep their cost allocation when tags change. */
  readonly costAllocation: CostAllocationPlan;
  /** The spec's `traffic`, copied for the cost model; absent when the spec has none. */
  readonly traffic?: TrafficSpec;
  /** The spec's `onPrem`, copied for the on-prem comparison; absent when the spec has none. */
  readonly onPrem?: OnPremSpec;
  /** Human-readable notes (clamped values, assumptions). */
  readonly notes: readonly string[];
  /**
   * What a valid spec should not leave silent on this cloud (a spot machine without a spot
   * price, ...): `inferstack validate`, `plan` and `cost` print each one and still exit 0.
   */
  readonly warnings: readonly PlanWarning[];
}

/** A warning about a valid spec on one cloud. */
export interface PlanWarning {
  /** The rule that found it (lib/plan/checks.ts CATALOG_WARNING_RULES). */
  readonly rule: string;
  /** Path from the spec's root, e.g. ['models', 0, 'capacity', 'spot']. */
  readonly path: readonly (string | number)[];
  /** What is wrong and what to change, as the commands print it. */
  readonly message: string;
  /** The model (pool) it is about, when it is about one. */
  readonly pool?: string;
}
