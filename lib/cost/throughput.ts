/**
 * Per-replica throughput: the user's measurement when given, else a decode roofline estimate
 * from the accelerator's memory bandwidth and FLOPs (see THROUGHPUT_MODEL for every factor).
 */
import { AcceleratorSpec } from '../catalog';
import { BYTES_PER_PARAMETER, kvBytesPerToken, usableGiB } from '../plan/memory';
import type { Precision } from '../spec/types';
import { THROUGHPUT_MODEL } from './model';
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
}

/** `count` accelerators of a catalog type, as the throughput model sees one replica. */
export function replicaAccelerators(acc: Pick<AcceleratorSpec, 'id' | 'memoryGiB' | 'memoryBandwidthGBps' | 'denseBf16Tflops'>, count: number): ReplicaAccelerators {
  return { type: acc.id, count, memoryGiB: acc.memoryGiB, memoryBandwidthGBps: acc.memoryBandwidthGBps, denseBf16Tflops: acc.denseBf16Tflops };
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

/** What the roofline says one replica does. */
export interface RooflineEstimate {
  /** Sequences decoded together: the assumed batch, or fewer when the KV cache does not fit. */
  readonly batch: number;
  /** Most sequences whose KV cache fits next to the weights. */
  readonly maxBatchByMemory: number;
  /** Output tokens per second at the stated efficiencies. */
  readonly outputTokensPerSecond: number;
  /** Requests per second (decode plus prefill time per request); null when requests have no tokens. */
  readonly requestsPerSecond: number | null;
  /** Whether a decode step is limited by memory bandwidth or by FLOPs. */
  readonly bound: 'memory' | 'compute';
  /** Decode tokens/s no server can exceed on these accelerators (efficiency 1, the largest batch memory allows). */
  readonly ceilingOutputTokensPerSecond: number;
}

const GIB = 1024 ** 3;

/** The decode roofline for one replica serving requests of these token counts. */
export function rooflineEstimate(model: ServedModel, acc: ReplicaAccelerators, tokens: RequestTokens): RooflineEstimate {
  const params = model.parametersBillion * 1e9;
  const weightBytes = params * BYTES_PER_PARAMETER[model.precision];
  const kv = kvBytesPerToken(model.parametersBillion);
  const usable = usableGiB(acc.count, acc.memoryGiB) * GIB;
  const kvBudget = Math.max(0, usable - weightBytes);
  const fullContext = Math.max(1, tokens.inputTokens + tokens.outputTokens);
  const meanContext = tokens.inputTokens + tokens.outputTokens / 2;
  const maxBatchByMemory = Math.floor(kvBudget / (fullContext * kv));
  const bandwidth = acc.count * acc.memoryBandwidthGBps * 1e9;
  const flops = acc.count * acc.denseBf16Tflops * 1e12;
  const memorySeconds = (b: number) => (weightBytes + b * meanContext * kv) / bandwidth;
  const computeSeconds = (b: number) => (2 * params * b) / flops;

  const batch = Math.max(1, Math.min(THROUGHPUT_MODEL.batch, maxBatchByMemory));
  const memoryStep = memorySeconds(batch) / THROUGHPUT_MODEL.decodeEfficiency;
  const computeStep = computeSeconds(batch) / THROUGHPUT_MODEL.prefillEfficiency;
  const step = Math.max(memoryStep, computeStep);
  const outputTokensPerSecond = batch / step;
  const prefillSeconds = (2 * params * tokens.inputTokens) / (flops * THROUGHPUT_MODEL.prefillEfficiency);
  const secondsPerRequest = tokens.outputTokens / outputTokensPerSecond + prefillSeconds;

  const top = Math.max(1, maxBatchByMemory);
  const ceilingOutputTokensPerSecond = top / Math.max(memorySeconds(top), computeSeconds(top));
  return {
    batch,
    maxBatchByMemory,
    outputTokensPerSecond,
    requestsPerSecond: secondsPerRequest > 0 ? 1 / secondsPerRequest : null,
    bound: memoryStep >= computeStep ? 'memory' : 'compute',
    ceilingOutputTokensPerSecond,
  };
}

/** A measured throughput as the spec gives it. */
export interface MeasuredThroughput {
  readonly requestsPerSecondPerReplica?: number;
  readonly outputTokensPerSecondPerReplica?: number;
}

const sig = (n: number) => Number(n.toPrecision(3));
const sameReplica = (a: ReplicaAccelerators, b: ReplicaAccelerators) => a.type === b.type && a.count === b.count;

/**
 * The throughput the cost model uses for one replica: the measurement when it was taken on these
 * accelerators; the measurement scaled by the roofline ratio when it was taken on others
 * (`measuredOn`); otherwise the roofline estimate, labelled as one.
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
      note: `${measuredWhat} measured on ${measuredOn.count} x ${measuredOn.type}, scaled x${sig(ratio)} by the roofline ratio to ${acc.count} x ${acc.type}`,
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
    note:
      `estimate: ${est.bound}-bound decode roofline at batch ${est.batch}${est.batch < THROUGHPUT_MODEL.batch ? ` (KV cache limits it; ${THROUGHPUT_MODEL.batch} assumed otherwise)` : ''}, ` +
      `${THROUGHPUT_MODEL.decodeEfficiency * 100}% of memory bandwidth, prefill at ${THROUGHPUT_MODEL.prefillEfficiency * 100}% of peak FLOPs: ` +
      `${sig(est.outputTokensPerSecond)} output tokens/s, ${sig(est.requestsPerSecond)} requests/s per replica`,
  };
}
