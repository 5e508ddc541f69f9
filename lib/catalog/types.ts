/**
 * Types of the cited catalog data in `lib/catalog/data/*.json`.
 * Every row names its `source` (URL or `github:owner/repo/path@commit`) and `asOf` (ISO date
 * of the data, not of the commit that added it). A missing price is `null`, never 0.
 */

/** The clouds inferstack renders to. */
export type CloudId = 'aws' | 'gcp' | 'azure';
/** Every cloud, in the order targets and plans are listed. */
export const CLOUDS: readonly CloudId[] = ['aws', 'gcp', 'azure'];

/** How the accelerator is attached, which decides the Kubernetes resource name and images. */
export type AcceleratorKind = 'gpu' | 'tpu' | 'neuron';

/** A cited fact: where it came from and how fresh it is. */
export interface Cited {
  /** URL, or `github:owner/repo/path@commit`, plus an optional note after ` ; `. */
  readonly source: string;
  /** ISO date (YYYY-MM-DD or YYYY-MM) of the data. */
  readonly asOf: string;
}

/** A street-price range for buying one accelerator, for the on-prem comparison. */
export interface PurchasePrice extends Cited {
  readonly lowUsd: number;
  readonly highUsd: number;
  /** true when no source gave a number and the range is an estimate. */
  readonly estimate: boolean;
}

/** TPU slice facts for one generation. */
export interface TpuGeneration {
  /** Value of the GKE node label `cloud.google.com/gke-tpu-accelerator`. */
  readonly gkeAcceleratorLabel: string;
  /** Topologies served by one VM, e.g. ['1x1','2x2','2x4']. */
  readonly singleHostTopologies: readonly string[];
  /** Topologies that span several VMs, e.g. ['4x4','4x8']. */
  readonly multiHostTopologies: readonly string[];
  /** Chips per VM used for multi-host slices (hosts = chips / this). */
  readonly multiHostChipsPerVm: number;
}

/** One accelerator model (a chip), cloud-independent. */
export interface AcceleratorSpec extends Cited {
  /** Stable id used in specs, e.g. `nvidia-l4`, `tpu-v6e`, `aws-inferentia2`. */
  readonly id: string;
  readonly kind: AcceleratorKind;
  readonly vendor: string;
  readonly displayName: string;
  /** Other spellings users type (`L4`, `a10g`, `v6e`); used for suggestions only. */
  readonly aliases: readonly string[];
  /** Memory of ONE accelerator in GiB (vendor figure). */
  readonly memoryGiB: number;
  /** Memory bandwidth of ONE accelerator in GB/s. */
  readonly memoryBandwidthGBps: number;
  /** Peak dense (no sparsity) BF16 tensor TFLOP/s of ONE accelerator. */
  readonly denseBf16Tflops: number;
  /**
   * Peak dense FP8 tensor TFLOP/s of ONE accelerator; null (or absent) where the hardware has no
   * FP8 math (Ampere, Turing, TPU v5e/v6e): FP8 weights then compute at the bf16 rate.
   */
  readonly denseFp8Tflops?: number | null;
  /** Peak dense INT8 tensor TOPS of ONE accelerator; null (or absent) when not published. */
  readonly denseInt8Tops?: number | null;
  /** Citation of `denseFp8Tflops` and `denseInt8Tops` (URL or `github:` path plus a note). */
  readonly lowPrecisionSource?: string;
  /** Board power in watts, when the vendor states it; null otherwise. */
  readonly tdpWatts: number | null;
  /** Street price range, or null when the accelerator is not sold (cloud-only) or unknown. */
  readonly purchase: PurchasePrice | null;
  /** Present for TPUs only. */
  readonly tpu?: TpuGeneration;
}

/** One machine (instance/VM/node size) on one cloud. */
export interface MachineType extends Cited {
  readonly cloud: CloudId;
  /** e.g. `g6.xlarge`, `g2-standard-4`, `Standard_NC24ads_A100_v4`, `ct6e-standard-4t`. */
  readonly instanceType: string;
  /** Instance family (AWS `g6`, GCP `g2`, Azure `NCads_A100_v4`); used for node requirements. */
  readonly family: string;
  /** Accelerator id (AcceleratorSpec.id). */
  readonly accelerator: string;
  readonly acceleratorCount: number;
  readonly vcpus: number;
  readonly memoryGiB: number;
}

/** The price of one machine type in one region. A row exists only where the type is offered. */
export interface RegionalPrice extends Cited {
  readonly cloud: CloudId;
  readonly instanceType: string;
  readonly region: string;
  /** Whole-instance on-demand USD per hour; null when offered but no trustworthy price exists. */
  readonly onDemandHourlyUsd: number | null;
  /** Whole-instance spot USD per hour; null when unknown. */
  readonly spotHourlyUsd: number | null;
  /** Free-text caveat (derived, low confidence, ...). */
  readonly note?: string;
}

/** A known region of a cloud (offered or not for accelerators), for suggestions. */
export interface RegionInfo extends Cited {
  readonly cloud: CloudId;
  readonly region: string;
  readonly displayName?: string;
}

/**
 * Availability zones of a region (`instanceType: null`), or the zones of a region where one
 * machine type is offered. Renderers place node pools only in zones that offer their machine
 * (GKE `nodeLocations`, AKS agent pool `availabilityZones`); where no row exists they let the
 * cloud choose and the plan says so.
 */
export interface ZoneAvailability extends Cited {
  readonly cloud: CloudId;
  readonly region: string;
  /** The machine type these zones offer; null for the zones of the region itself. */
  readonly instanceType: string | null;
  /** Zone names as the cloud's API takes them (`us-central1-a`; Azure: `1`, `2`, `3`). Sorted. */
  readonly zones: readonly string[];
}

/** A fixed platform charge (control plane, Auto Mode fee, ...). */
export interface PlatformFee extends Cited {
  readonly cloud: CloudId;
  /** Stable id, e.g. `eks-control-plane`, `gke-cluster-fee`, `aks-standard-tier`. */
  readonly id: string;
  readonly description: string;
  /** USD per hour, null when unknown. */
  readonly hourlyUsd: number | null;
  /** What the fee is charged per: the cluster, or a fraction of each node's on-demand price. */
  readonly per: 'cluster-hour' | 'node-on-demand-fraction';
  /** For `node-on-demand-fraction`: the fraction; null when unknown. */
  readonly fraction?: number | null;
  /** true when the figure is not confirmed by a primary source. */
  readonly uncertain: boolean;
  /** Whether inferstack's default deployment on that cloud incurs it. */
  readonly appliesByDefault: boolean;
}

/** Queue/messaging prices per cloud. */
export interface QueuePrice extends Cited {
  readonly cloud: CloudId;
  /** e.g. `sqs-standard`, `pubsub`, `servicebus-standard`. */
  readonly id: string;
  readonly description: string;
  /** USD per million requests/operations; null when priced otherwise or unknown. */
  readonly perMillionRequestsUsd: number | null;
  /** USD per TiB of throughput (Pub/Sub); null otherwise. */
  readonly perTiBUsd: number | null;
  /** Minimum billable bytes per message (Pub/Sub: 1000). */
  readonly minBilledBytesPerMessage: number | null;
  /** Fixed monthly base charge in USD (Service Bus Standard), 0 when none, null when unknown. */
  readonly baseMonthlyUsd: number | null;
  /** Free allowance per month in requests (SQS first 1M), 0 when none. */
  readonly freeRequestsPerMonth: number;
  /**
   * Graduated request prices, in order: each tier prices the requests of the month up to
   * `upToRequestsPerMonth` (null: no upper bound) at `perMillionUsd`; the free allowance is the
   * first tier at 0. When absent, every request beyond `freeRequestsPerMonth` costs `perMillionRequestsUsd`.
   */
  readonly requestTiers?: readonly { readonly upToRequestsPerMonth: number | null; readonly perMillionUsd: number }[];
  /** Free throughput per month in bytes (Pub/Sub: the first 10 GiB), where throughput is priced. */
  readonly freeBytesPerMonth?: number;
  /** Citation of `requestTiers` and `freeBytesPerMonth`. */
  readonly tiersSource?: string;
  readonly uncertain: boolean;
}

/** General-purpose (CPU) machines used for system nodes, the router and Prometheus. */
export interface CpuMachinePrice extends Cited {
  readonly cloud: CloudId;
  readonly instanceType: string;
  readonly region: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly onDemandHourlyUsd: number | null;
}
