/** Memory fit: do the weights plus a KV-cache/activation headroom fit in the accelerators? */
import { Precision } from '../spec/schema';

/** Bytes per parameter of each weight precision. */
export const BYTES_PER_PARAMETER: Readonly<Record<Precision, number>> = { fp32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, int4: 0.5 };

/**
 * Headroom on top of the weights for KV cache, activations and the CUDA/XLA context: 20%.
 * A stated assumption, not a measurement: long contexts or large batches need more; vLLM's
 * own default (gpu_memory_utilization 0.9) leaves the KV cache whatever the weights do not use.
 */
export const KV_CACHE_HEADROOM = 0.2;

const GIB = 1024 ** 3;

/** Weights in GiB. */
export function weightsGiB(parametersBillion: number, precision: Precision): number {
  return (parametersBillion * 1e9 * BYTES_PER_PARAMETER[precision]) / GIB;
}

/** Weights plus headroom, in GiB. */
export function requiredGiB(parametersBillion: number, precision: Precision): number {
  return weightsGiB(parametersBillion, precision) * (1 + KV_CACHE_HEADROOM);
}

/** Smallest power-of-two count (tensor-parallel friendly) whose memory holds `needGiB`, up to `maxCount`. */
export function countThatFits(needGiB: number, memoryGiB: number, maxCount: number): number | undefined {
  for (let n = 1; n <= maxCount; n *= 2) if (n * memoryGiB >= needGiB) return n;
  return undefined;
}
