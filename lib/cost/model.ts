/**
 * The cost model's stated assumptions, as data. Every number here is an inferstack choice,
 * not a catalog price: the report lists each one it used (see `assumptions` in the report),
 * and docs/cost.md explains them. Prices live in the catalog (`lib/catalog/data`), never here.
 */

/** A billing month: 730 hours (8,760 hours a year / 12), the convention the clouds' calculators use. */
export const HOURS_PER_MONTH = 730;

/** A simulated year: 365 days, starting on a Monday at 00:00. */
export const HOURS_PER_YEAR = 8760;

/** Hours in the week a traffic pattern describes (Monday 00:00 first). */
export const HOURS_PER_WEEK = 168;

/** Seconds in an hour: demand is requests per second, the simulation steps an hour at a time. */
export const SECONDS_PER_HOUR = 3600;

/**
 * The `business-hours` traffic pattern: Monday to Friday, 08:00 to 18:00 local time (50 hours a
 * week) carry weight 1; every other hour (nights and weekends, 118 hours) carries `offHoursWeight`.
 * Hourly demand is then scaled so that its mean over the simulated period equals
 * `traffic.requestsPerSecond.mean`. The time zone does not matter: the totals of a repeated
 * week do not change when the week is shifted.
 */
export const BUSINESS_HOURS = {
  /** Days with business hours, 0 = Monday. */
  days: [0, 1, 2, 3, 4] as readonly number[],
  /** First business hour (inclusive), local time. */
  startHour: 8,
  /** End of business hours (exclusive), local time. */
  endHour: 18,
  /** Weight of a business hour. */
  weight: 1,
  /** Weight of every other hour relative to a business hour. */
  offHoursWeight: 0.2,
} as const;

/** Share of requests whose prompt reaches a routing rule's `minPromptTokens`, when `traffic.longPromptShare` is absent. */
export const DEFAULT_LONG_PROMPT_SHARE = 0.1;

/** Share of requests carrying a routing rule's header value, when `traffic.headerMatchShare` is absent. */
export const DEFAULT_HEADER_MATCH_SHARE = 0.05;

/**
 * The throughput model used when a model has no measured throughput (lib/cost/throughput.ts).
 *
 * A replica runs `batch` sequences at once: as many as the KV cache left after the weights holds
 * at the requests' mean resident context (prompt + half the output; the cache is paged), up to the
 * server's own limit. Every decode step reads the weights once plus the batch's KV cache; prefill
 * and decode FLOPs (2 x parameters per token) run at the precision's tensor rate. Per request:
 *
 * ```
 * steps   = max(output / batch, (input + output) / batched-token budget)      (chunked prefill)
 * memory  = steps x (weight bytes + batch x context x KV bytes/token) / (count x bandwidth x memoryEfficiency)
 * compute = 2 x parameters x (input + output) / (count x FLOP/s(precision) x computeEfficiency)
 * time    = (memory^p + compute^p)^(1/p) + steps x stepOverhead        requests/s = 1 / time
 * ```
 *
 * p is the generation's `overlapExponent`: 2 where chunked prefill runs prefill and decode in the
 * same steps (they overlap, not perfectly), 1 where the engine runs them one after the other.
 * The efficiencies are calibrated per accelerator generation against published measurements
 * (test/cost/calibration.ts; docs/cost.md lists them and the figures).
 */
export const THROUGHPUT_MODEL = {
  /** Memory per accelerator held back from the KV cache for activations, CUDA graphs and the runtime. */
  activationReserveGiB: 1,
  /**
   * Sequences a Neuron replica decodes together: the batch its model is compiled for. inferstack
   * assumes 8, the batch of AWS's published Inferentia2 decoder benchmarks
   * (github:aws-neuron/aws-neuron-sdk/about-neuron/benchmarks/inf2/throughput_data_decoder.csv@81ce03ae261e12925e53437a0f690478e6366155).
   */
  neuronCompiledBatch: 8,
} as const;

/**
 * vLLM's own defaults for its OpenAI-compatible server, which the throughput model's batch and
 * step budget follow: `max_num_seqs` 256 and `max_num_batched_tokens` 2048, or 1024 and 8192 on
 * a device with at least 70 GiB that is not an A100; on TPUs `max_num_batched_tokens` per chip
 * generation; chunked prefill on by default.
 */
export const VLLM_SERVER_DEFAULTS = {
  source: 'github:vllm-project/vllm/vllm/engine/arg_utils.py@99d7eb5d6a512cfcc5a2b104f24ebf2d6cda772b (EngineArgs._set_default_args)',
  maxNumSeqs: 256,
  maxNumBatchedTokens: 2048,
  /** Devices with at least this much memory, except A100s, get the larger defaults. */
  largeDeviceMinMemoryGiB: 70,
  largeDeviceMaxNumSeqs: 1024,
  largeDeviceMaxNumBatchedTokens: 8192,
  /** `max_num_batched_tokens` of the OpenAI server per TPU generation. */
  tpuMaxNumBatchedTokens: { 'tpu-v6e': 1024, 'tpu-v5e': 512, 'tpu-v5p': 256 } as Readonly<Record<string, number>>,
} as const;

/** How the throughput model treats one accelerator generation (an inferstack assumption, calibrated). */
export interface AcceleratorGeneration {
  readonly name: string;
  /** Catalog accelerator ids of this generation. */
  readonly accelerators: readonly string[];
  /** Share of peak memory bandwidth a decode step achieves. */
  readonly memoryEfficiency: number;
  /** Share of peak dense tensor FLOP/s prefill and decode achieve. */
  readonly computeEfficiency: number;
  /** Fixed time per decode step (scheduling, kernel launches, collectives), milliseconds. */
  readonly stepOverheadMs: number;
  /** 2: chunked prefill overlaps prefill with decode; 1: they add up (see THROUGHPUT_MODEL). */
  readonly overlapExponent: number;
  /** Precisions whose matmuls run at their own tensor rate (otherwise at the bf16 rate: weight-only quantization). */
  readonly lowPrecisionCompute: readonly ('fp8' | 'int8')[];
  /** Whose serving limits apply: vLLM on GPUs, vLLM on TPUs, or a Neuron replica's compiled batch. */
  readonly server: 'vllm-gpu' | 'vllm-tpu' | 'neuron';
  /** Where the factors come from. */
  readonly calibration: string;
}

/**
 * Efficiency factors per accelerator generation, fitted to the published measurements in
 * test/cost/calibration.ts (every estimate within 1.5x, the median within 1.25x; the test holds it).
 * Generations without a measurement borrow a neighbour's factors and say so.
 */
export const ACCELERATOR_GENERATIONS: readonly AcceleratorGeneration[] = [
  {
    name: 'turing',
    accelerators: ['nvidia-t4'],
    memoryEfficiency: 0.5,
    computeEfficiency: 0.6,
    stepOverheadMs: 2,
    overlapExponent: 2,
    lowPrecisionCompute: ['int8'],
    server: 'vllm-gpu',
    calibration: 'no published measurement found; Ampere factors',
  },
  {
    name: 'ampere',
    accelerators: ['nvidia-a10', 'nvidia-a10g', 'nvidia-a100-40gb', 'nvidia-a100-80gb'],
    memoryEfficiency: 0.5,
    computeEfficiency: 0.6,
    stepOverheadMs: 2,
    overlapExponent: 2,
    lowPrecisionCompute: ['int8'],
    server: 'vllm-gpu',
    calibration: 'A10G (vLLM) and A100 80GB (TensorRT-LLM) measurements',
  },
  {
    name: 'ada',
    accelerators: ['nvidia-l4', 'nvidia-l40s'],
    memoryEfficiency: 0.6,
    computeEfficiency: 0.45,
    stepOverheadMs: 0.5,
    overlapExponent: 2,
    lowPrecisionCompute: ['fp8', 'int8'],
    server: 'vllm-gpu',
    calibration: 'L40S measurements (TensorRT-LLM)',
  },
  {
    name: 'hopper',
    accelerators: ['nvidia-h100', 'nvidia-h100-nvl', 'nvidia-h200'],
    memoryEfficiency: 0.6,
    computeEfficiency: 0.45,
    stepOverheadMs: 1,
    overlapExponent: 2,
    lowPrecisionCompute: ['fp8', 'int8'],
    server: 'vllm-gpu',
    calibration: 'H100 and H200 measurements (TensorRT-LLM)',
  },
  {
    name: 'blackwell',
    accelerators: ['nvidia-b200', 'nvidia-b300'],
    memoryEfficiency: 0.6,
    computeEfficiency: 0.45,
    stepOverheadMs: 1,
    overlapExponent: 2,
    lowPrecisionCompute: ['fp8', 'int8'],
    server: 'vllm-gpu',
    calibration: 'no published measurement found; Hopper factors',
  },
  {
    name: 'tpu',
    accelerators: ['tpu-v5e', 'tpu-v5p', 'tpu-v6e'],
    memoryEfficiency: 0.5,
    computeEfficiency: 0.4,
    stepOverheadMs: 2,
    overlapExponent: 1,
    lowPrecisionCompute: ['int8'],
    server: 'vllm-tpu',
    calibration: 'one TPU v5e-8 measurement (JetStream); applied to v5p and v6e with their own peaks',
  },
  {
    name: 'neuron',
    accelerators: ['aws-inferentia2', 'aws-trainium'],
    memoryEfficiency: 0.6,
    computeEfficiency: 0.6,
    stepOverheadMs: 8,
    overlapExponent: 1,
    lowPrecisionCompute: [],
    server: 'neuron',
    calibration: 'Inferentia2 measurements on 12 chips (AWS Neuron); the step overhead is fitted at 12 chips',
  },
];

/** The generation an accelerator the table does not list falls back to, by kind. */
export const FALLBACK_GENERATION: Readonly<Record<'gpu' | 'tpu' | 'neuron', string>> = { gpu: 'ampere', tpu: 'tpu', neuron: 'neuron' };

/** Days after which a catalog price row is reported as stale in the cost output. */
export const STALE_PRICE_DAYS = 90;

/** A CPU workload every stack runs, sized as whole nodes of the cheapest catalog CPU machine that fits. */
export interface CpuComponent {
  /** Stable id, used as the line item's `item`. */
  readonly item: 'system-nodes' | 'router' | 'prometheus';
  /** What it is, for the report. */
  readonly description: string;
  /** Nodes it occupies. */
  readonly nodes: number;
  readonly minVcpus: number;
  readonly minMemoryGiB: number;
  /** `router`: only when the plan has a router; `always`: every stack. */
  readonly when: 'always' | 'router';
  /** Why this size. */
  readonly why: string;
}

/** The CPU side of every stack (DESIGN §3): system pods, the LiteLLM router, the in-cluster Prometheus. */
export const CPU_COMPONENTS: readonly CpuComponent[] = [
  {
    item: 'system-nodes',
    description: 'system node pool (CoreDNS, KEDA, metrics, cloud agents)',
    nodes: 2,
    minVcpus: 2,
    minMemoryGiB: 8,
    when: 'always',
    why: 'two small nodes so system pods survive one node failure',
  },
  {
    item: 'router',
    description: 'LiteLLM router replicas',
    nodes: 2,
    minVcpus: 4,
    minMemoryGiB: 8,
    when: 'router',
    why: "two replicas for availability, one node each at LiteLLM's production guidance of 4 CPU cores and 8 GB RAM",
  },
  {
    item: 'prometheus',
    description: 'in-cluster Prometheus scraping model servers and the router',
    nodes: 1,
    minVcpus: 2,
    minMemoryGiB: 8,
    when: 'always',
    why: 'one node with short retention; remote-write and long-term storage are not included',
  },
];

/** Billed operations per queued request: send, receive, and delete (SQS) / acknowledge (Pub/Sub) / complete (Service Bus). */
export const QUEUE_OPERATIONS_PER_MESSAGE = 3;

/** Times a message's bytes are billed where throughput is priced (Pub/Sub: publish and delivery). */
export const QUEUE_BYTE_TRANSFERS_PER_MESSAGE = 2;

/** UTF-8 bytes per prompt token (English text averages about 4 characters per token). */
export const BYTES_PER_TOKEN = 4;

/** Bytes of request envelope (model name, parameters, ids) around the prompt in a queued message. */
export const MESSAGE_ENVELOPE_BYTES = 512;

/** Most accelerators one on-prem replica may span (tensor parallel across servers) when sizing on-prem. */
export const MAX_ACCELERATORS_PER_REPLICA = 64;

/** Options whose share of the demand they leave unserved is above this rank after those that serve it (`--compare`). */
export const COMPARE_UNSERVED_TOLERANCE = 0.01;
