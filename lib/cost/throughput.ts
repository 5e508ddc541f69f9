/**
 * Per-replica throughput: the user's measurement when given, else the calibrated estimate of
 * THROUGHPUT_MODEL (batch from the KV cache left after the weights, up to the server's limit;
 * prefill and decode overlapped as chunked prefill schedules them; compute per precision;
 * efficiency factors per accelerator generation).
 */
import { AcceleratorKind, AcceleratorSpec } from '../catalog';
import { BYTES_PER_PARAMETER, kvBytesPerToken, usableGiB } from '../plan/memory';
import type { Precision } from '../spec/types';
import { ACCELERATOR_GENERATIONS, AcceleratorGeneration, FALLBACK_GENERATION, THROUGHPUT_MODEL, VLLM_SERVER_DEFAULTS } from './model';
import { ThroughputUsed } from './types';

/** The accelerators of one replica. */
export interface ReplicaAccelerators {
  /** Catalog accelerator id. */
  readonly type: string;
  /** Accelerators (TPU chips) per replica. */
  readonly count: number;
  /** Memory of one accelerator. */
  readonly memoryGiB: number;
  /** Memory bandwidth of one accelerator, GB/s. */
  readonly memoryBandwidthGBps: number;
  /** Peak dense bf16 TFLOP/s of one accelerator. */
  readonly denseBf16Tflops: number;
  /** Peak dense FP8 TFLOP/s and INT8 TOPS of one accelerator, when the catalog has them. */
  readonly denseFp8Tflops?: number | null;
  readonly denseInt8Tops?: number | null;
  /** gpu, tpu or neuron; decides the fallback generation of an accelerator the generation table does not list. */
  readonly kind?: AcceleratorKind;
}

/** `count` accelerators of a catalog type, as the throughput model sees one replica. */
export function replicaAccelerators(
  acc: Pick<AcceleratorSpec, 'id' | 'memoryGiB' | 'memoryBandwidthGBps' | 'denseBf16Tflops'> & Partial<Pick<AcceleratorSpec, 'denseFp8Tflops' | 'denseInt8Tops' | 'kind'>>,
  count: number,
): ReplicaAccelerators {
  return {
    type: acc.id,
    count,
    memoryGiB: acc.memoryGiB,
    memoryBandwidthGBps: acc.memoryBandwidthGBps,
    denseBf16Tflops: acc.denseBf16Tflops,
    denseFp8Tflops: acc.denseFp8Tflops ?? null,
    denseInt8Tops: acc.denseInt8Tops ?? null,
    ...(acc.kind ? { kind: acc.kind } : {}),
  };
}

/** The model a replica serves. */
export interface ServedModel {
  readonly parametersBillion: number;
  readonly precision: Precision;
}

/** Mean tokens per request. */
export interface RequestTokens {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * How a particular deployment differs from the serving defaults (a benchmark's settings, a
 * model without grouped-query attention). Every field has the model's default.
 */
export interface ServingOptions {
  /**
   * Sequences the server runs at once at most.
   * @default - vLLM's `max_num_seqs` for the accelerator (VLLM_SERVER_DEFAULTS), or the Neuron compiled batch
   */
  readonly maxConcurrentSequences?: number;
  /**
   * Tokens one step processes at most (chunked prefill); null: prefill runs in its own pass.
   * @default - vLLM's `max_num_batched_tokens` for the accelerator; null on Neuron
   */
  readonly maxBatchedTokens?: number | null;
  /**
   * Share of accelerator memory the server uses.
   * @default - MEMORY_MODEL.memoryUtilization (0.9, vLLM's gpu_memory_utilization)
   */
  readonly memoryUtilization?: number;
  /**
   * KV-cache bytes per token at 16 bits.
   * @default - MEMORY_MODEL's grouped-query-attention scaling (kvBytesPerToken)
   */
  readonly kvBytesPerTokenAt16Bit?: number;
  /**
   * Bytes per KV-cache element.
   * @default - 2 (vLLM's kv_cache_dtype auto: the activations' 16 bits; 4 for fp32 models)
   */
  readonly kvCacheBytesPerElement?: number;
}

/** What the throughput model says one replica does. */
export interface RooflineEstimate {
  /** Sequences decoded together: what the KV cache holds, up to the server's limit. */
  readonly batch: number;
  /** What limits the batch. */
  readonly batchLimit: 'kv-cache' | 'server';
  /** Most sequences whose KV cache fits next to the weights. */
  readonly maxBatchByMemory: number;
  /** The server's limit on concurrent sequences. */
  readonly serverMaxSequences: number;
  /** The accelerator generation whose factors apply. */
  readonly generation: AcceleratorGeneration;
  /** Peak dense TFLOP/s (TOPS) of one accelerator at this precision, and which rate it is. */
  readonly computeTflops: number;
  readonly computeRate: 'fp8' | 'int8' | 'bf16' | 'fp32';
  /** Output tokens per second of one replica, prefill time included. */
  readonly outputTokensPerSecond: number;
  /** Requests per second of one replica; null when requests have no tokens. */
  readonly requestsPerSecond: number | null;
  /** Whether a request's memory traffic or its FLOPs take longer. */
  readonly bound: 'memory' | 'compute';
  /** Decode tokens/s no server can exceed on these accelerators (efficiency 1, the largest batch memory allows, 16-bit KV cache, prefill ignored). */
  readonly ceilingOutputTokensPerSecond: number;
}

const GIB = 1024 ** 3;
const sig = (n: number) => Number(n.toPrecision(3));

/** The generation factors that apply to an accelerator (by catalog id, else by kind). */
export function acceleratorGeneration(type: string, kind: AcceleratorKind = 'gpu'): AcceleratorGeneration {
  const own = ACCELERATOR_GENERATIONS.find((g) => g.accelerators.includes(type));
  return own ?? ACCELERATOR_GENERATIONS.find((g) => g.name === FALLBACK_GENERATION[kind])!;
}

/** The serving limits (concurrent sequences, tokens per step) the defaults give these accelerators. */
export function servingLimits(acc: ReplicaAccelerators, gen: AcceleratorGeneration): { maxConcurrentSequences: number; maxBatchedTokens: number | null } {
  const v = VLLM_SERVER_DEFAULTS;
  if (gen.server === 'neuron') return { maxConcurrentSequences: THROUGHPUT_MODEL.neuronCompiledBatch, maxBatchedTokens: null };
  if (gen.server === 'vllm-tpu') return { maxConcurrentSequences: v.maxNumSeqs, maxBatchedTokens: v.tpuMaxNumBatchedTokens[acc.type] ?? v.maxNumBatchedTokens };
  const large = acc.memoryGiB >= v.largeDeviceMinMemoryGiB && !acc.type.includes('a100');
  return large
    ? { maxConcurrentSequences: v.largeDeviceMaxNumSeqs, maxBatchedTokens: v.largeDeviceMaxNumBatchedTokens }
    : { maxConcurrentSequences: v.maxNumSeqs, maxBatchedTokens: v.maxNumBatchedTokens };
}

/** Peak dense tensor rate of one accelerator for a weight precision, and which rate that is. */
export function computeRate(acc: ReplicaAccelerators, gen: AcceleratorGeneration, precision: Precision): { tflops: number; rate: RooflineEstimate['computeRate'] } {
  if (precision === 'fp8' && gen.lowPrecisionCompute.includes('fp8') && acc.denseFp8Tflops) return { tflops: acc.denseFp8Tflops, rate: 'fp8' };
  if (precision === 'int8' && gen.lowPrecisionCompute.includes('int8') && acc.denseInt8Tops) return { tflops: acc.denseInt8Tops, rate: 'int8' };
  if (precision === 'fp32') return { tflops: acc.denseBf16Tflops / 2, rate: 'fp32' };
  return { tflops: acc.denseBf16Tflops, rate: 'bf16' };
}

/** The calibrated throughput estimate for one replica serving requests of these token counts. */
export function rooflineEstimate(model: ServedModel, acc: ReplicaAccelerators, tokens: RequestTokens, options: ServingOptions = {}): RooflineEstimate {
  const gen = acceleratorGeneration(acc.type, acc.kind);
  const limits = servingLimits(acc, gen);
  const maxSeqs = options.maxConcurrentSequences ?? limits.maxConcurrentSequences;
  const chunk = options.maxBatchedTokens === undefined ? limits.maxBatchedTokens : options.maxBatchedTokens;
  const params = model.parametersBillion * 1e9;
  const weightBytes = params * BYTES_PER_PARAMETER[model.precision];
  const kv16 = options.kvBytesPerTokenAt16Bit ?? kvBytesPerToken(model.parametersBillion);
  const kv = (kv16 * (options.kvCacheBytesPerElement ?? (model.precision === 'fp32' ? 4 : 2))) / 2;
  const usable = (options.memoryUtilization === undefined ? usableGiB(acc.count, acc.memoryGiB) : acc.count * acc.memoryGiB * options.memoryUtilization) * GIB;
  const kvBudget = Math.max(0, usable - weightBytes - acc.count * THROUGHPUT_MODEL.activationReserveGiB * GIB);
  const I = Math.max(0, tokens.inputTokens);
  const O = Math.max(0, tokens.outputTokens);
  // Paged KV cache: a decoding sequence holds its prompt and, on average, half its output.
  const context = Math.max(1, I + O / 2);
  const maxBatchByMemory = Math.floor(kvBudget / (context * kv));
  const batch = Math.max(1, Math.min(maxSeqs, maxBatchByMemory));
  const bandwidth = acc.count * acc.memoryBandwidthGBps * 1e9;
  const { tflops, rate } = computeRate(acc, gen, model.precision);
  const flops = acc.count * tflops * 1e12;

  const stepBytes = weightBytes + batch * context * kv;
  const steps = Math.max(O > 0 ? O / batch : 1 / batch, chunk ? (I + O) / chunk : 0);
  const memorySeconds = (steps * stepBytes) / (bandwidth * gen.memoryEfficiency);
  const computeSeconds = (2 * params * (I + O)) / (flops * gen.computeEfficiency);
  const p = gen.overlapExponent;
  const seconds = (memorySeconds ** p + computeSeconds ** p) ** (1 / p) + (steps * gen.stepOverheadMs) / 1000;
  const requestsPerSecond = I + O > 0 && seconds > 0 ? 1 / seconds : null;

  const top = Math.max(1, maxBatchByMemory);
  const kvTop = kv16;
  const ceilingStep = Math.max((weightBytes + top * context * kvTop) / bandwidth, (2 * params * top) / flops);
  return {
    batch,
    batchLimit: maxBatchByMemory < maxSeqs ? 'kv-cache' : 'server',
    maxBatchByMemory,
    serverMaxSequences: maxSeqs,
    generation: gen,
    computeTflops: tflops,
    computeRate: rate,
    outputTokensPerSecond: requestsPerSecond === null ? 0 : requestsPerSecond * O,
    requestsPerSecond,
    bound: memorySeconds >= computeSeconds ? 'memory' : 'compute',
    ceilingOutputTokensPerSecond: top / ceilingStep,
  };
}

/** A measured throughput as the spec gives it. */
export interface MeasuredThroughput {
  readonly requestsPerSecondPerReplica?: number;
  readonly outputTokensPerSecondPerReplica?: number;
}

const sameReplica = (a: ReplicaAccelerators, b: ReplicaAccelerators) => a.type === b.type && a.count === b.count;

/** How the estimate was made, in one sentence for the report. */
export function describeEstimate(est: RooflineEstimate): string {
  const g = est.generation;
  const limit = est.batchLimit === 'server' ? `the server's limit of ${est.serverMaxSequences}` : `what the KV cache holds (server limit ${est.serverMaxSequences})`;
  const prefill = g.overlapExponent > 1 ? 'overlapped with decode (chunked prefill)' : 'added to decode';
  return (
    `estimate: batch ${est.batch} (${limit}), ${g.name} factors (${g.memoryEfficiency * 100}% of memory bandwidth, ` +
    `${g.computeEfficiency * 100}% of ${est.computeTflops} ${est.computeRate} TFLOP/s), prefill ${prefill}, ${est.bound}-bound: ` +
    `${sig(est.outputTokensPerSecond)} output tokens/s, ${est.requestsPerSecond === null ? '-' : sig(est.requestsPerSecond)} requests/s per replica`
  );
}

/**
 * The throughput the cost model uses for one replica: the measurement when it was taken on these
 * accelerators; the measurement scaled by the ratio of the two estimates when it was taken on
 * others (`measuredOn`); otherwise the estimate, labelled as one.
 *
 * @param measuredOn - the accelerators the measurement was taken on.
 *   @default - the replica's own accelerators (the measurement applies as given)
 */
export function replicaThroughput(model: ServedModel, acc: ReplicaAccelerators, tokens: RequestTokens, measured?: MeasuredThroughput, measuredOn?: ReplicaAccelerators): ThroughputUsed {
  const est = rooflineEstimate(model, acc, tokens);
  const out = tokens.outputTokens;
  const withTokens = (rps: number | null) => (rps === null || out <= 0 ? null : rps * out);
  const measuredRps =
    measured?.requestsPerSecondPerReplica ?? (measured?.outputTokensPerSecondPerReplica !== undefined && out > 0 ? measured.outputTokensPerSecondPerReplica / out : undefined);
  const measuredWhat = measured?.requestsPerSecondPerReplica !== undefined ? `${measured.requestsPerSecondPerReplica} requests/s` : `${measured?.outputTokensPerSecondPerReplica} output tokens/s`;
  if (measuredRps !== undefined) {
    if (!measuredOn || sameReplica(measuredOn, acc)) {
      return { requestsPerSecondPerReplica: measuredRps, outputTokensPerSecondPerReplica: withTokens(measuredRps), source: 'measured', note: `measured: ${measuredWhat} per replica (spec)` };
    }
    const ref = rooflineEstimate(model, measuredOn, tokens);
    const ratio =
      est.requestsPerSecond !== null && ref.requestsPerSecond !== null
        ? est.requestsPerSecond / ref.requestsPerSecond
        : (acc.count * acc.memoryBandwidthGBps) / (measuredOn.count * measuredOn.memoryBandwidthGBps);
    const rps = measuredRps * ratio;
    return {
      requestsPerSecondPerReplica: rps,
      outputTokensPerSecondPerReplica: withTokens(rps),
      source: 'scaled',
      note: `${measuredWhat} measured on ${measuredOn.count} x ${measuredOn.type}, scaled x${sig(ratio)} by the ratio of the throughput estimates to ${acc.count} x ${acc.type}`,
    };
  }
  if (est.requestsPerSecond === null) {
    return {
      requestsPerSecondPerReplica: null,
      outputTokensPerSecondPerReplica: null,
      source: 'unknown',
      note: 'no measured throughput and requests have no tokens to estimate from; set the model\'s throughput or traffic.inputTokens/outputTokens',
    };
  }
  return {
    requestsPerSecondPerReplica: est.requestsPerSecond,
    outputTokensPerSecondPerReplica: withTokens(est.requestsPerSecond),
    source: 'estimate',
    note: describeEstimate(est),
  };
}
