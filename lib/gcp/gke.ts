/**
 * What GKE does to a node pool's nodes by itself, and the names it uses, as data: the GPU type
 * names of each accelerator-optimized machine series, the node labels and taints GKE sets, the
 * taint effects of its API. The node pool renderer and the tests read this table, so what the
 * pods select and tolerate (lib/k8s) is checked against what the nodes really carry.
 */
import { ACCELERATOR_DEVICES } from '../catalog/devices';
import { AcceleratorKind } from '../catalog/types';
import { CAPABILITIES } from '../plan/capabilities';
import { Taint } from '../plan/types';

/**
 * `guestAccelerators[].type` of each GPU machine series (the machine type without its size
 * suffix, `g2-standard-8` -> `g2-standard`). GKE also sets it as the node label
 * `cloud.google.com/gke-accelerator`. Accelerator-optimized machines come with their GPUs
 * attached; the node pool names them anyway to set the driver installation.
 */
export const GKE_GPU_TYPES: Readonly<Record<string, { readonly type: string; readonly source: string }>> = {
  'g2-standard': { type: 'nvidia-l4', source: 'https://cloud.google.com/compute/docs/gpus#l4-gpus' },
  'a2-highgpu': { type: 'nvidia-tesla-a100', source: 'github:AI-Hypercomputer/xpk/src/xpk/core/system_characteristics.py@073d687d02524fdd10e94f901c27147501ee469a (a2-highgpu-*g: nvidia-tesla-a100)' },
  'a2-ultragpu': { type: 'nvidia-a100-80gb', source: 'https://cloud.google.com/compute/docs/gpus#a100-gpus' },
  'a3-highgpu': { type: 'nvidia-h100-80gb', source: 'github:AI-Hypercomputer/xpk/src/xpk/core/system_characteristics.py@073d687d02524fdd10e94f901c27147501ee469a (a3-highgpu-8g: nvidia-h100-80gb)' },
  'a3-megagpu': { type: 'nvidia-h100-mega-80gb', source: 'github:AI-Hypercomputer/xpk/src/xpk/core/system_characteristics.py@073d687d02524fdd10e94f901c27147501ee469a (a3-megagpu-8g: nvidia-h100-mega-80gb)' },
  'a3-ultragpu': { type: 'nvidia-h200-141gb', source: 'github:AI-Hypercomputer/xpk/src/xpk/core/system_characteristics.py@073d687d02524fdd10e94f901c27147501ee469a (a3-ultragpu-8g: nvidia-h200-141gb)' },
  'a4-highgpu': { type: 'nvidia-b200', source: 'github:AI-Hypercomputer/xpk/src/xpk/core/system_characteristics.py@073d687d02524fdd10e94f901c27147501ee469a (a4-highgpu-8g: nvidia-b200)' },
  'a4x-highgpu': { type: 'nvidia-gb200', source: 'github:AI-Hypercomputer/xpk/src/xpk/core/system_characteristics.py@073d687d02524fdd10e94f901c27147501ee469a (a4x-highgpu-4g: nvidia-gb200)' },
};

/** The machine series of a GCE machine type: `a3-highgpu-8g` -> `a3-highgpu`. */
export const machineSeries = (machineType: string): string => machineType.replace(/-[^-]+$/, '');

/** Node label GKE sets to the node pool's name (every node). */
export const GKE_NODE_POOL_LABEL = CAPABILITIES.gcp.nodePoolLabel;
/** Node label GKE sets to the GPU type on GPU nodes (https://cloud.google.com/kubernetes-engine/docs/how-to/gpus). */
export const GKE_ACCELERATOR_LABEL = 'cloud.google.com/gke-accelerator';

/**
 * Node labels GKE sets itself and refuses or overwrites in a node pool's `labels`: the pool name,
 * the GPU type, the Spot marker (https://cloud.google.com/kubernetes-engine/docs/concepts/spot-vms),
 * and the TPU accelerator and topology (https://cloud.google.com/kubernetes-engine/docs/how-to/tpus).
 * The plan lists the Spot marker among a group's labels as a fact about the nodes; the renderer
 * leaves it to GKE.
 */
export const GKE_SET_LABELS: ReadonlySet<string> = new Set([
  GKE_NODE_POOL_LABEL,
  GKE_ACCELERATOR_LABEL,
  CAPABILITIES.gcp.spotNodeLabel.key,
  ...(CAPABILITIES.gcp.tpuNodeSelector ? [CAPABILITIES.gcp.tpuNodeSelector.acceleratorLabel, CAPABILITIES.gcp.tpuNodeSelector.topologyLabel] : []),
]);

/**
 * The taint GKE puts on every node of a GPU or TPU node pool (`nvidia.com/gpu=present:NoSchedule`,
 * `google.com/tpu=present:NoSchedule`; keys from the device table, lib/catalog/devices.ts).
 */
export function gkeAcceleratorTaint(kind: AcceleratorKind): Taint {
  return { key: ACCELERATOR_DEVICES[kind].taintKey, value: 'present', effect: 'NoSchedule' };
}

/** Kubernetes taint effects as the GKE API spells them (NodeTaint.effect). */
export const GKE_TAINT_EFFECTS: Readonly<Record<Taint['effect'], string>> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

/**
 * The OAuth scope GKE nodes get: all of Google Cloud, with IAM deciding what the node service
 * account may do (the setting GKE recommends with a custom node service account).
 */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
