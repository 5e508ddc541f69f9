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
 * The decode roofline used when a model has no measured throughput.
 *
 * Decode is memory-bound: each step reads the weights once plus the KV cache of every sequence
 * in the batch, so a replica produces about
 * `efficiency x batch x (bandwidth x accelerators) / (weight bytes + batch x context x KV bytes per token)`
 * output tokens per second (or less when the FLOPs of the step take longer). Prefill is
 * compute-bound: `2 x parameters x prompt tokens` FLOPs at `prefillEfficiency` of peak dense bf16.
 * Usable memory and KV bytes per token: MEMORY_MODEL in lib/plan/memory.ts.
 */
export const THROUGHPUT_MODEL = {
  /** Concurrent sequences per replica a latency-friendly server runs (vLLM schedules many more when latency allows). */
  batch: 32,
  /** Share of peak memory bandwidth a decode step achieves. */
  decodeEfficiency: 0.6,
  /** Share of peak dense bf16 FLOPs prefill achieves. */
  prefillEfficiency: 0.5,
} as const;
// Memory the server may use and KV-cache bytes per token come from the plan's memory-fit model
// (MEMORY_MODEL in lib/plan/memory.ts), so a model that fits and its roofline agree.

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
