/**
 * Memory fit: do the weights plus the KV cache and activations fit in the memory the server may
 * use? The numbers are stated assumptions (MEMORY_MODEL), shared with the cost model's roofline.
 */
import type { Precision } from '../spec/types';

/** Bytes per parameter of each weight precision. */
export const BYTES_PER_PARAMETER: Readonly<Record<Precision, number>> = { fp32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, int4: 0.5 };

/** The memory model's assumptions. */
export const MEMORY_MODEL = {
  /** Share of accelerator memory the server may use (vLLM's gpu_memory_utilization default). */
  memoryUtilization: 0.9,
  /** Least room beside the weights for KV cache, activations and the runtime: a share of the weights. */
  minHeadroomShare: 0.2,
  /** KV-cache bytes per token of an 8B model at 16-bit (Llama-3.1-8B: 32 layers x 8 KV heads x 128 dims x K and V x 2 bytes). */
  kvBytesPerTokenAt8B: 131072,
  /**
   * KV bytes per token grow with parameters to this power (fitted to Llama-3.1 8B and 70B, both
   * with 8 grouped KV heads). Models without grouped-query attention use several times more.
   */
  kvScalingExponent: 0.45,
} as const;

const GIB = 1024 ** 3;

/** Weights in GiB. */
export function weightsGiB(parametersBillion: number, precision: Precision): number {
  return (parametersBillion * 1e9 * BYTES_PER_PARAMETER[precision]) / GIB;
}

/** KV-cache bytes per token for a model of this size (16-bit KV cache). */
export function kvBytesPerToken(parametersBillion: number): number {
  return MEMORY_MODEL.kvBytesPerTokenAt8B * Math.pow(parametersBillion / 8, MEMORY_MODEL.kvScalingExponent);
}

/**
 * Room beside the weights, in GiB: the larger of `minHeadroomShare` of the weights and the KV
 * cache of one sequence of `maxContextTokens` (the server refuses to start without room for one).
 */
export function headroomGiB(parametersBillion: number, precision: Precision, maxContextTokens?: number): number {
  const share = weightsGiB(parametersBillion, precision) * MEMORY_MODEL.minHeadroomShare;
  const oneSequence = maxContextTokens ? (maxContextTokens * kvBytesPerToken(parametersBillion)) / GIB : 0;
  return Math.max(share, oneSequence);
}

/** Weights plus headroom, in GiB. */
export function requiredGiB(parametersBillion: number, precision: Precision, maxContextTokens?: number): number {
  return weightsGiB(parametersBillion, precision) + headroomGiB(parametersBillion, precision, maxContextTokens);
}

/** Memory the server may use on `count` accelerators of `memoryGiB` each. */
export function usableGiB(count: number, memoryGiB: number): number {
  return count * memoryGiB * MEMORY_MODEL.memoryUtilization;
}

/** Smallest power-of-two count (tensor-parallel friendly) whose usable memory holds `needGiB`, up to `maxCount`. */
export function countThatFits(needGiB: number, memoryGiB: number, maxCount: number): number | undefined {
  for (let n = 1; n <= maxCount; n *= 2) if (usableGiB(n, memoryGiB) >= needGiB) return n;
  return undefined;
}
