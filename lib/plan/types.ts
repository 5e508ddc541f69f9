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
  readonly key: string;
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
  /** Node bounds of this group (nodes, not replicas). */
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Replica bounds this group hosts. */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Whole-instance USD per hour for this capacity type; null when the catalog has no price. */
  readonly hourlyUsd: number | null;
  /**
   * Labels the group's nodes carry: the pool label, which renderers set on the node group, and
   * labels the cloud sets itself (the spot capacity label), which renderers use as a node
   * requirement or leave to the cloud instead of setting them.
   */
  readonly labels: Readonly<Record<string, string>>;
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
  /** Host vCPUs and RAM (GiB) of one node. */
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** Replicas that fit on one node (accelerators per node / per replica); 1 for TPU slices. */
  readonly replicasPerNode: number;
  /** Nodes one replica spans (TPU multi-host slices); 1 otherwise. */
  readonly nodesPerReplica: number;
  /** Whole-node USD per hour from the catalog; null when no trustworthy price exists (never 0). */
  readonly onDemandHourlyUsd: number | null;
  readonly spotHourlyUsd: number | null;
  /** Catalog citation of these prices. */
  readonly priceSource: string;
  readonly priceAsOf: string;
  /** Why this machine: the cheapest offered in the region that carries the accelerators. */
  readonly reason: string;
  /** Other machines that would also carry it, cheapest first (instance type and on-demand $/h). */
  readonly alternatives: readonly { readonly instanceType: string; readonly onDemandHourlyUsd: number | null }[];
}

export interface AcceleratorPlan {
  /** Catalog id, e.g. nvidia-l4, tpu-v6e. */
  readonly type: string;
  /** gpu, tpu or neuron: decides the Kubernetes resource name and the server image. */
  readonly kind: AcceleratorKind;
  readonly displayName: string;
  /** Accelerators per replica. */
  readonly count: number;
  /** Memory (GiB), bandwidth (GB/s) and peak dense BF16 TFLOP/s of ONE accelerator, from the catalog. */
  readonly memoryGiB: number;
  readonly memoryBandwidthGBps: number;
  readonly denseBf16Tflops: number;
  /** TPU slice: topology, GKE accelerator label, hosts per slice. */
  readonly tpu?: { readonly topology: string; readonly gkeAcceleratorLabel: string; readonly hosts: number; readonly chipsPerHost: number };
}

export interface ScalingPlan {
  /** queue: the cloud's queue trigger; waiting-requests: Prometheus on the server's waiting requests. */
  readonly trigger: 'queue' | 'waiting-requests';
  /** Per-replica target (messages or waiting requests). */
  readonly target: number;
  /** Scale from zero at this many messages/requests. */
  readonly activationThreshold: number;
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
  readonly serve: 'online' | 'queue';
  readonly engine: 'vllm' | 'custom';
  /** Image override from the spec; undefined means the engine's pinned default (chosen in lib/k8s). */
  readonly image?: string;
  readonly model: string;
  readonly parametersBillion: number;
  readonly precision: Precision;
  readonly maxContextTokens?: number;
  readonly accelerator: AcceleratorPlan;
  readonly machine: MachinePlan;
  readonly replicas: { readonly min: number; readonly max: number };
  /** Spot/on-demand split in replicas. */
  readonly capacity: { readonly spot: boolean; readonly onDemandBase: number };
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
  readonly scaling: ScalingPlan;
  readonly memoryFit: { readonly requiredGiB: number; readonly availableGiB: number; readonly note: string };
  /**
   * Throughput the user measured, and the accelerators it was measured on: this cloud's override
   * (`overrides.<cloud>.throughput`) or the model's own `accelerator`. Where `measuredOn` differs
   * from `accelerator`, the cost model scales the measurement by the roofline ratio.
   */
  readonly throughput?: {
    readonly requestsPerSecondPerReplica?: number;
    readonly outputTokensPerSecondPerReplica?: number;
    readonly measuredOn: { readonly type: string; readonly count: number };
  };
}

export interface QueuePlan {
  readonly service: string;
  /** Cloud-legal names. */
  readonly name: string;
  readonly deadLetterName: string;
  readonly maxDeliveryAttempts: number;
  /** What the spec asked for. */
  readonly requestedVisibilityTimeoutSeconds: number;
  /** What the cloud gets (clamped to its maximum). */
  readonly visibilityTimeoutSeconds: number;
  /** true when the consumer must extend its lease/lock because the cloud's maximum is lower. */
  readonly leaseExtensionRequired: boolean;
  /** How long an unconsumed message is kept. */
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

export interface BudgetPlan {
  /** Budget name: `<name>-<environment>-budget`. */
  readonly name: string;
  readonly monthlyUsd: number;
  /** Actual-spend alert thresholds, percent of monthlyUsd, ascending. */
  readonly alertThresholdsPercent: readonly number[];
  /** Also alert on the forecast passing 100%. */
  readonly forecastAlert: boolean;
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

export interface InferencePlan {
  readonly apiVersion: typeof PLAN_API_VERSION;
  readonly cloud: CloudId;
  readonly name: string;
  readonly environment: string;
  /** Region (AWS, GCP) or location (Azure). */
  readonly region: string;
  /** GCP project; AWS account when given. */
  readonly project?: string;
  readonly account?: string;
  readonly resourceGroupName?: string;
  /** Namespace the workload runs in: `<name>-<environment>`, so environments can share a cluster. */
  readonly namespace: string;
  readonly capabilities: Pick<CloudCapabilities, 'displayName' | 'acceleratorKinds' | 'nodePoolLabel' | 'workloadIdentity' | 'kedaAddon' | 'networkPolicy'> & { readonly queueService: string };
  /** Cost tags normalised for this cloud (spec tags + inferstack's own). */
  readonly tags: Readonly<Record<string, string>>;
  /** The same tags as Kubernetes labels. */
  readonly labels: Readonly<Record<string, string>>;
  readonly pools: readonly PoolPlan[];
  readonly queue?: QueuePlan;
  readonly router?: RouterPlan;
  readonly budget?: BudgetPlan;
  /** Who may reach the router (model servers accept only the router and Prometheus). */
  readonly network: NetworkPlan;
  /** How node costs keep their cost allocation when tags change. */
  readonly costAllocation: CostAllocationPlan;
  /** Copied from the spec for the cost model. */
  readonly traffic?: TrafficSpec;
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
  readonly message: string;
  /** The model (pool) it is about, when it is about one. */
  readonly pool?: string;
}
