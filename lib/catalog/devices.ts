/**
 * How each accelerator kind appears to Kubernetes: the extended resource its device plugin
 * advertises and the taint cloud-managed node pools of that kind may carry. One table, read by
 * lib/k8s (requests, tolerations), lib/plan and every cloud renderer (node pool requirements),
 * so the names are never repeated.
 */
import { AcceleratorKind } from './types';

/** Kubernetes-facing facts of one accelerator kind. */
export interface AcceleratorDevice {
  /** Extended resource name pods request, e.g. `nvidia.com/gpu`. */
  readonly resource: string;
  /** Taint key node pools of this kind may carry (value `present`, effect NoSchedule on GKE); pods tolerate it. */
  readonly taintKey: string;
  /** Where the resource name and the taint come from (device plugin and cloud documentation). */
  readonly source: string;
}

/** Device plugin resource names per accelerator kind. */
export const ACCELERATOR_DEVICES: Readonly<Record<AcceleratorKind, AcceleratorDevice>> = {
  gpu: {
    resource: 'nvidia.com/gpu',
    // GKE taints GPU nodes nvidia.com/gpu=present:NoSchedule; EKS and AKS GPU pools commonly do.
    taintKey: 'nvidia.com/gpu',
    source: 'https://github.com/NVIDIA/k8s-device-plugin ; https://cloud.google.com/kubernetes-engine/docs/how-to/gpus',
  },
  tpu: {
    resource: 'google.com/tpu',
    // GKE taints TPU nodes google.com/tpu=present:NoSchedule.
    taintKey: 'google.com/tpu',
    source: 'https://cloud.google.com/kubernetes-engine/docs/how-to/tpus',
  },
  neuron: {
    resource: 'aws.amazon.com/neuron',
    taintKey: 'aws.amazon.com/neuron',
    source: 'https://awsdocs-neuron.readthedocs-hosted.com/en/latest/containers/kubernetes-getting-started.html',
  },
};
