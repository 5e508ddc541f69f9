/**
 * Pod sizing from the plan's machine: CPU and memory per replica, accelerator requests, model
 * cache size, startup budget and shutdown timing. All pure arithmetic over plan data.
 */
import type { Precision } from '../spec/types';
import { PoolPlan, Taint } from '../plan/types';
import { EngineProfile, VLLM_ENGINES } from './pinned';
import { ResourceRequirements, Toleration } from './api';

/**
 * What the node keeps for itself before pods get anything: clouds reserve CPU and memory for
 * the kubelet, the OS and eviction (EKS, GKE and AKS all reserve in the order of 5-10 % plus a
 * fixed part), and every node runs daemonsets (CNI, device plugin, log agent).
 */
export const NODE_OVERHEAD = {
  /** Fraction of the per-replica share assumed allocatable. */
  allocatableFraction: 0.9,
  /** Fixed reservation per replica share. */
  fixedCpuCores: 0.25,
  fixedMemoryGiB: 1,
  /** Fraction of the allocatable share the pod requests, leaving the rest to daemonsets. */
  requestFraction: 0.9,
} as const;

const floorTo = (n: number, step: number) => Math.max(step, Math.floor(n / step + 1e-9) * step);
const millicores = (cores: number) => `${Math.round(cores * 1000)}m`;
const gibibytes = (gib: number) => `${Number.isInteger(gib) ? gib : gib.toFixed(1)}Gi`;

/** CPU/memory of one replica: its share of the node (`machine / replicasPerNode`) minus overhead. */
export interface ReplicaSize {
  readonly cpuRequestCores: number;
  readonly cpuLimitCores: number;
  readonly memoryGiB: number;
}

/**
 * Requests take {@link NODE_OVERHEAD.requestFraction} of the estimated allocatable share; the
 * CPU limit is the whole allocatable share (idle node CPU can be used), memory limit equals the
 * request so the pod is never OOM-killed for memory the scheduler did not reserve.
 */
export function replicaSize(pool: PoolPlan): ReplicaSize {
  const share = Math.max(1, pool.machine.replicasPerNode);
  const cpuAlloc = (pool.machine.vcpus / share) * NODE_OVERHEAD.allocatableFraction - NODE_OVERHEAD.fixedCpuCores;
  const memAlloc = (pool.machine.memoryGiB / share) * NODE_OVERHEAD.allocatableFraction - NODE_OVERHEAD.fixedMemoryGiB;
  return {
    cpuRequestCores: floorTo(cpuAlloc * NODE_OVERHEAD.requestFraction, 0.1),
    cpuLimitCores: floorTo(cpuAlloc, 0.1),
    memoryGiB: floorTo(memAlloc * NODE_OVERHEAD.requestFraction, 0.5),
  };
}

/** Bytes per parameter of the checkpoint downloaded for a precision (quantized precisions expect a quantized checkpoint, see pools.ts). */
const CHECKPOINT_BYTES_PER_PARAMETER: Readonly<Record<Precision, number>> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
};

/**
 * Local disk the model cache needs: the checkpoint plus 15 % for tokenizer, configs and
 * compile caches. Renderers size node disks (Karpenter NodeClass, GKE boot disk, AKS OS disk)
 * at least this plus the image.
 */
export function modelCacheGiB(pool: Pick<PoolPlan, 'parametersBillion' | 'precision'>): number {
  const bytes = pool.parametersBillion * 1e9 * CHECKPOINT_BYTES_PER_PARAMETER[pool.precision];
  return Math.ceil((bytes / 2 ** 30) * 1.15);
}

/**
 * Disk a pool pod uses besides the model cache: `/tmp` (an emptyDir) and the container's logs
 * and writable layer. Requested and limited as `ephemeral-storage` with the cache.
 */
export const POD_SCRATCH = { tmpGiB: 4, containerGiB: 1 } as const;

/**
 * The `ephemeral-storage` request (= limit) of a pool pod: model cache + `/tmp` + container
 * scratch. Renderers size node disks at least this per replica plus the OS and image.
 */
export function podEphemeralStorageGiB(pool: Pick<PoolPlan, 'parametersBillion' | 'precision'>): number {
  return modelCacheGiB(pool) + POD_SCRATCH.tmpGiB + POD_SCRATCH.containerGiB;
}

/** Node disk for the OS and the extracted container image (vLLM images are tens of GiB unpacked). */
export const NODE_DISK_OVERHEAD_GIB = 50;
/** Share of a node's disk the kubelet lets pods use before disk-pressure eviction (10 % hard threshold). */
const ALLOCATABLE_DISK_FRACTION = 0.9;

/**
 * Node disk (GiB) a pool's nodes need: what every replica on the node requests
 * ({@link podEphemeralStorageGiB}: model cache and scratch) plus OS and image, grossed up for the
 * eviction reserve, rounded up to 10 GiB, at least `minimumGiB` (the cloud's default disk).
 * Renderers size boot disks / ephemeral storage with it (Karpenter NodeClass, GKE node pools).
 */
export function nodeDiskGiB(pool: Pick<PoolPlan, 'parametersBillion' | 'precision' | 'machine'>, minimumGiB: number): number {
  const needed = (podEphemeralStorageGiB(pool) * pool.machine.replicasPerNode + NODE_DISK_OVERHEAD_GIB) / ALLOCATABLE_DISK_FRACTION;
  return Math.max(minimumGiB, Math.ceil(needed / 10) * 10);
}

/** The engine profile of a pool's accelerator kind. */
export function engineFor(pool: PoolPlan): EngineProfile {
  return VLLM_ENGINES[pool.accelerator.kind];
}

/** Devices of the accelerator's extended resource one pod requests (per host for TPU slices). */
export function devicesPerPod(pool: PoolPlan): number {
  return pool.accelerator.tpu ? pool.accelerator.tpu.chipsPerHost : pool.accelerator.count;
}

/**
 * Requests and limits of a pool container; extended resources must have request = limit, and
 * so do memory and ephemeral storage (the pod is never evicted for what the scheduler reserved).
 */
export function poolResources(pool: PoolPlan): ResourceRequirements {
  const size = replicaSize(pool);
  const devices = String(devicesPerPod(pool));
  const resource = engineFor(pool).resource;
  const disk = gibibytes(podEphemeralStorageGiB(pool));
  return {
    requests: { cpu: millicores(size.cpuRequestCores), memory: gibibytes(size.memoryGiB), 'ephemeral-storage': disk, [resource]: devices },
    limits: { cpu: millicores(size.cpuLimitCores), memory: gibibytes(size.memoryGiB), 'ephemeral-storage': disk, [resource]: devices },
  };
}

/** `/dev/shm` for tensor-parallel workers: a quarter of the pod's memory, 1-16 GiB. */
export function sharedMemoryGiB(pool: PoolPlan): number {
  return Math.min(16, Math.max(1, Math.floor(replicaSize(pool).memoryGiB / 4)));
}

/** Tolerations: the plan's (pool taint, cloud spot taint) plus the accelerator's own taint. */
export function poolTolerations(pool: PoolPlan): Toleration[] {
  const fromPlan = pool.tolerations.map((t: Taint) => ({ key: t.key, operator: 'Equal' as const, value: t.value, effect: t.effect }));
  return [...fromPlan, { key: engineFor(pool).acceleratorTaintKey, operator: 'Exists', effect: 'NoSchedule' }];
}

/**
 * Prefer the on-demand node group when the pool has both: the first `onDemandBase` replicas land
 * on on-demand nodes, the rest on spot. The spot marker is the label only the spot group sets.
 */
export function capacityAffinity(pool: PoolPlan): Record<string, unknown> | undefined {
  const spot = pool.nodeGroups.find((g) => g.capacityType === 'spot');
  const onDemand = pool.nodeGroups.find((g) => g.capacityType === 'on-demand');
  if (!spot || !onDemand) return undefined;
  const markers = Object.entries(spot.labels).filter(([k, v]) => onDemand.labels[k] !== v);
  if (!markers.length) return undefined;
  return {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          preference: { matchExpressions: markers.map(([key, value]) => ({ key, operator: 'NotIn', values: [value] })) },
        },
      ],
    },
  };
}

/**
 * Startup budget: ten minutes plus six seconds per GiB of checkpoint to download and load
 * (models take minutes; a too-small budget shows as restarts mid-load), at most an hour.
 */
export function startupBudgetSeconds(pool: PoolPlan): number {
  return Math.min(3600, 600 + 6 * modelCacheGiB(pool));
}

/** Shutdown timing of a model server: endpoints drain, then in-flight requests finish. */
export interface ShutdownTiming {
  /** preStop sleep: the pod leaves Service endpoints and the router stops sending. */
  readonly preStopSeconds: number;
  /** `--shutdown-timeout` when the engine supports it (0 otherwise). */
  readonly serverDrainSeconds: number;
  readonly terminationGracePeriodSeconds: number;
}

/** Longest generation a scale-in waits for. */
export const MAX_REQUEST_SECONDS = 300;

/**
 * With `--shutdown-timeout` vLLM stops accepting and drains for up to MAX_REQUEST_SECONDS after
 * SIGTERM; without it (older engines) the preStop sleep itself is the drain window.
 * terminationGracePeriodSeconds >= preStop + drain + 15 s margin.
 */
export function shutdownTiming(engine: EngineProfile): ShutdownTiming {
  const preStopSeconds = engine.supportsShutdownTimeout ? 10 : MAX_REQUEST_SECONDS;
  const serverDrainSeconds = engine.supportsShutdownTimeout ? MAX_REQUEST_SECONDS : 0;
  return { preStopSeconds, serverDrainSeconds, terminationGracePeriodSeconds: preStopSeconds + serverDrainSeconds + 15 };
}
