/**
 * The spec's TypeScript types, written out so that the package's declarations never import zod
 * (whose own declarations need `esModuleInterop` in a `module: commonjs` app). The zod schema in
 * `schema.ts` is the source of truth; test/spec/types.test.ts fails to compile when these types
 * and the schema's inferred types differ. Field docs: `schema.ts` and the JSON Schema.
 */

/** Weight precision (see `PRECISIONS`). */
export type Precision = 'fp32' | 'bf16' | 'fp16' | 'fp8' | 'int8' | 'int4';

/** `accelerator` of a model or an override: type, count and (TPU) topology. */
export interface AcceleratorRequest {
  /** Catalog accelerator id, e.g. `nvidia-l4`, `tpu-v6e`. */
  type: string;
  /** Accelerators per replica. @default 1 (TPU: the chips of `topology`) */
  count?: number;
  /** TPU slice topology, e.g. `2x2` (TPU types only). */
  topology?: string;
}

/** Throughput a user measured for one replica. */
export interface ThroughputSpec {
  requestsPerSecondPerReplica?: number;
  outputTokensPerSecondPerReplica?: number;
}

/** What a model may change on one cloud. */
export interface ModelOverrideSpec {
  accelerator?: AcceleratorRequest;
  throughput?: ThroughputSpec;
}

/** One entry of `models`, defaults applied. */
export interface ModelSpec {
  name: string;
  serve: 'online' | 'queue';
  engine: 'vllm' | 'custom';
  image?: string;
  model: string;
  parametersBillion: number;
  precision: Precision;
  maxContextTokens?: number;
  accelerator: AcceleratorRequest;
  overrides?: { aws?: ModelOverrideSpec; gcp?: ModelOverrideSpec; azure?: ModelOverrideSpec };
  replicas: { min: number; max: number };
  capacity: { spot: boolean; onDemandBase: number };
  scaling: { targetWaitingRequests: number; targetQueueMessages: number; scaleDownDelaySeconds: number };
  throughput?: ThroughputSpec;
}

/** `targets`: a present key means deploy to that cloud. */
export interface TargetsSpec {
  aws?: { region: string; account?: string };
  gcp?: { project: string; region: string };
  azure?: { location: string; resourceGroupName?: string };
}

/** One routing rule: where matching requests go. */
export interface RoutingRuleSpec {
  to: string;
  when: { minPromptTokens?: number; header?: { name: string; value: string } };
}

/** `routing`, defaults applied. */
export interface RoutingSpec {
  default: string;
  rules: RoutingRuleSpec[];
  fallbacks: Record<string, string[]>;
}

/** `queue`, defaults applied. */
export interface QueueSpec {
  maxDeliveryAttempts: number;
  visibilityTimeoutSeconds: number;
  retentionHours: number;
}

/** `traffic`, defaults applied. */
export interface TrafficSpec {
  requestsPerSecond: { mean: number; peak: number };
  pattern: 'flat' | 'business-hours' | 'custom';
  hourlyWeights?: number[];
  inputTokens: number;
  outputTokens: number;
  longPromptShare?: number;
  headerMatchShare?: number;
}

/** `budget`, defaults applied. */
export interface BudgetSpec {
  monthlyUsd: number;
  alertThresholdsPercent: number[];
  forecastAlert: boolean;
  notifyEmails: string[];
  onExceed: 'error' | 'warn';
}

/** `onPrem`, defaults applied. */
export interface OnPremSpec {
  acceleratorType: string;
  acceleratorsPerServer: number;
  serverCapexUsd: number;
  amortizationMonths: number;
  powerKwPerServer: number;
  usdPerKwh: number;
  pue: number;
  opsUsdPerServerMonth: number;
}

/** One kind of client allowed to reach the router: pods by namespace and pod labels, or an IP range. */
export interface NetworkPeerSpec {
  namespaceLabels?: Record<string, string>;
  podLabels?: Record<string, string>;
  cidr?: string;
}

/** `network`: who may reach the router. */
export interface NetworkSpec {
  routerClients?: NetworkPeerSpec[];
}

/** A validated spec with defaults applied (what `loadSpecFile` and `defineSpec` return). */
export interface InferenceSpec {
  apiVersion: 'inferstack.dev/v1alpha1';
  kind: 'InferenceStack';
  metadata: { name: string; environment: string };
  tags: Record<string, string>;
  targets: TargetsSpec;
  models: ModelSpec[];
  routing?: RoutingSpec;
  queue?: QueueSpec;
  traffic?: TrafficSpec;
  budget?: BudgetSpec;
  onPrem?: OnPremSpec;
  network?: NetworkSpec;
}

/** One model as users write it: fields with defaults may be left out. */
export interface ModelSpecInput {
  name: string;
  serve?: 'online' | 'queue';
  engine?: 'vllm' | 'custom';
  image?: string;
  model: string;
  parametersBillion: number;
  precision?: Precision;
  maxContextTokens?: number;
  accelerator: AcceleratorRequest;
  overrides?: { aws?: ModelOverrideSpec; gcp?: ModelOverrideSpec; azure?: ModelOverrideSpec };
  replicas: { min?: number; max: number };
  capacity?: { spot?: boolean; onDemandBase?: number };
  scaling?: { targetWaitingRequests?: number; targetQueueMessages?: number; scaleDownDelaySeconds?: number };
  throughput?: ThroughputSpec;
}

/** What users write (defaults optional), e.g. for `defineSpec`. */
export interface InferenceSpecInput {
  apiVersion: 'inferstack.dev/v1alpha1';
  kind: 'InferenceStack';
  metadata: { name: string; environment?: string };
  tags?: Record<string, string>;
  targets: TargetsSpec;
  models: ModelSpecInput[];
  routing?: { default: string; rules?: RoutingRuleSpec[]; fallbacks?: Record<string, string[]> };
  queue?: Partial<QueueSpec>;
  traffic?: { requestsPerSecond: { mean: number; peak: number }; pattern?: TrafficSpec['pattern']; hourlyWeights?: number[]; inputTokens?: number; outputTokens?: number; longPromptShare?: number; headerMatchShare?: number };
  budget?: { monthlyUsd: number; alertThresholdsPercent?: number[]; forecastAlert?: boolean; notifyEmails?: string[]; onExceed?: 'error' | 'warn' };
  onPrem?: {
    acceleratorType: string;
    acceleratorsPerServer: number;
    serverCapexUsd: number;
    amortizationMonths: number;
    powerKwPerServer: number;
    usdPerKwh: number;
    pue?: number;
    opsUsdPerServerMonth?: number;
  };
  network?: NetworkSpec;
}
