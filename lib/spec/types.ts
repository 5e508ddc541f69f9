/**
 * The spec's TypeScript types, written out so that the package's declarations never import zod
 * (whose own declarations need `esModuleInterop` in a `module: commonjs` app). The zod schema in
 * `schema.ts` is the source of truth; test/spec/types.test.ts fails to compile when these types
 * and the schema's inferred types differ. The field docs here say what the schema's
 * descriptions (the JSON Schema users see) say.
 */

/** Weight precision (see `PRECISIONS`). */
export type Precision = 'fp32' | 'bf16' | 'fp16' | 'fp8' | 'int8' | 'int4';

/** `accelerator` of a model or an override: type, count and (TPU) topology. */
export interface AcceleratorRequest {
  /** Catalog accelerator id, e.g. `nvidia-l4`, `nvidia-h100`, `aws-inferentia2`, `tpu-v6e` (see `inferstack plan`). */
  type: string;
  /**
   * Accelerators per replica, at most 64; with the vLLM engine 1, 2, 4, 8 or 16, since its
   * tensor parallelism must divide the model's attention heads. For a TPU it must equal the
   * chips of `topology`.
   * @default - 1; for a TPU type, the chips of `topology`
   */
  count?: number;
  /**
   * TPU slice topology, e.g. `2x2` or `2x2x1`; required for TPU types, refused for others.
   * @default - none (GPU and Neuron types)
   */
  topology?: string;
}

/** Throughput a user measured for one replica; the cost model prefers it to its own estimate. */
export interface ThroughputSpec {
  /**
   * Measured requests per second of one replica.
   * @default - the cost model's estimate for the accelerator and the traffic's token counts
   */
  requestsPerSecondPerReplica?: number;
  /**
   * Measured output tokens per second of one replica.
   * @default - the cost model's estimate for the accelerator and the traffic's token counts
   */
  outputTokensPerSecondPerReplica?: number;
}

/** What a model may change on one cloud: its accelerator and the throughput measured there. */
export interface ModelOverrideSpec {
  /**
   * The accelerators per replica on this cloud.
   * @default - the model's `accelerator`
   */
  accelerator?: AcceleratorRequest;
  /**
   * Throughput measured on this cloud's accelerator.
   * @default - the model's `throughput`, scaled by the roofline ratio when the accelerator differs
   */
  throughput?: ThroughputSpec;
}

/** One entry of `models`, defaults applied. */
export interface ModelSpec {
  /** DNS-1123 label, at most 40 characters, unique within the spec; not a name inferstack uses for its own objects (`router`, ...). */
  name: string;
  /** `online`: OpenAI-compatible HTTP behind the router; `queue`: consumes the request queue (then `engine` is `custom`). */
  serve: 'online' | 'queue';
  /** `vllm`: inferstack's pinned vLLM server; `custom`: your own server or queue consumer in `image`. */
  engine: 'vllm' | 'custom';
  /**
   * Container image with a pinned tag or digest (never `:latest` or untagged); required with
   * `engine: custom`.
   * @default - the engine's pinned image for the accelerator kind
   */
  image?: string;
  /** Hugging Face model id (`org/name`), e.g. `meta-llama/Llama-3.1-8B-Instruct`. */
  model: string;
  /** Parameter count in billions, at most 10000; memory fit, throughput and cost use it. */
  parametersBillion: number;
  /** Weight precision; fp8, int8 and int4 expect a checkpoint quantized that way. */
  precision: Precision;
  /**
   * The server's max model length (prompt plus output, tokens), at most 10M; the memory fit
   * reserves the KV cache of one such sequence, and the router sends longer requests to a model
   * that fits.
   * @default - the server's own limit (vLLM: the model config's), and no context-length fallback in the router
   */
  maxContextTokens?: number;
  /** Accelerators per replica. */
  accelerator: AcceleratorRequest;
  /**
   * Per-cloud replacements of the accelerator choice and of the measured throughput.
   * @default - the same `accelerator` and `throughput` on every cloud
   */
  overrides?: {
    /**
     * What the model changes on AWS.
     * @default - the model's own `accelerator` and `throughput`
     */
    aws?: ModelOverrideSpec;
    /**
     * What the model changes on GCP.
     * @default - the model's own `accelerator` and `throughput`
     */
    gcp?: ModelOverrideSpec;
    /**
     * What the model changes on Azure.
     * @default - the model's own `accelerator` and `throughput`
     */
    azure?: ModelOverrideSpec;
  };
  /** Autoscaling bounds. */
  replicas: {
    /** Replicas kept running (0: scale to zero), at most 1000. */
    min: number;
    /** Upper bound of autoscaling, at most 1000; the ceiling cost assumes all of them all month. */
    max: number;
  };
  /** Spot and on-demand split. */
  capacity: {
    /** Run replicas beyond `onDemandBase` on spot capacity. */
    spot: boolean;
    /** Replicas kept on on-demand capacity when `spot` is on. */
    onDemandBase: number;
  };
  /** KEDA autoscaling targets. */
  scaling: {
    /** `serve: online`: waiting requests per replica that KEDA scales to, at most 1000. */
    targetWaitingRequests: number;
    /** `serve: queue`: queue backlog (messages) per replica that KEDA scales to, at most 100000. */
    targetQueueMessages: number;
    /** Scale-down stabilisation window in seconds, at most 3600. */
    scaleDownDelaySeconds: number;
  };
  /**
   * Measured throughput per replica on `accelerator`; the cost model prefers it to its own estimate.
   * @default - the cost model's estimate for the accelerator and the traffic's token counts
   */
  throughput?: ThroughputSpec;
}

/** `targets`: a present key means deploy to that cloud; at least one. */
export interface TargetsSpec {
  /**
   * Deploy on AWS (EKS, CDK).
   * @default - not deployed on AWS
   */
  aws?: {
    /** AWS region, e.g. `us-east-1`. */
    region: string;
    /**
     * AWS account id (12 digits); binds the stack to it.
     * @default - the account of the credentials that deploy
     */
    account?: string;
  };
  /**
   * Deploy on GCP (GKE, Pulumi).
   * @default - not deployed on GCP
   */
  gcp?: {
    /** GCP project id: 6 to 30 lowercase letters, digits and hyphens. */
    project: string;
    /** GCP region, e.g. `us-central1`. */
    region: string;
  };
  /**
   * Deploy on Azure (AKS, Pulumi).
   * @default - not deployed on Azure
   */
  azure?: {
    /** Azure location, e.g. `eastus`. */
    location: string;
    /**
     * Resource group to deploy into (1 to 90 characters).
     * @default - one named after the stack
     */
    resourceGroupName?: string;
  };
}

/** One routing rule: where matching requests go. */
export interface RoutingRuleSpec {
  /** Online model that gets the matching requests. */
  to: string;
  /** The conditions, at least one; all of them must hold. */
  when: {
    /**
     * Matches prompts of at least this many tokens (long or RAG contexts).
     * @default - any prompt length
     */
    minPromptTokens?: number;
    /**
     * Matches requests carrying this header value, e.g. `x-quality: high` (names compare
     * case-insensitively, values exactly). Not a credential header (`authorization`, `cookie`).
     * @default - any headers
     */
    header?: {
      /** Header name. */
      name: string;
      /** Header value. */
      value: string;
    };
  };
}

/** `routing`, defaults applied: how the router picks an online model per request. */
export interface RoutingSpec {
  /** Online model that serves requests no rule matches. */
  default: string;
  /** Rules for requests that name the default model, first match wins (at most 100). */
  rules: RoutingRuleSpec[];
  /** Per model, the models to retry on when it fails, in order (never the model itself). */
  fallbacks: Record<string, string[]>;
}

/** `queue`, defaults applied: the request queue (with its dead-letter queue) of `serve: queue` models. */
export interface QueueSpec {
  /**
   * Deliveries of one message before it goes to the dead-letter queue, 1 to 100.
   * @default 5
   */
  maxDeliveryAttempts: number;
  /**
   * How long a received message stays invisible, 10 to 43200 seconds; must exceed the longest
   * inference. Where the cloud allows less (Pub/Sub 600, Service Bus 300), the plan clamps it and
   * consumers extend their lease while an inference runs.
   * @default 900
   */
  visibilityTimeoutSeconds: number;
  /**
   * Message retention, 1 to 336 hours (SQS maximum; Pub/Sub allows 168).
   * @default 96
   */
  retentionHours: number;
}

/** `traffic`, defaults applied: the expected traffic, read only by the cost model. */
export interface TrafficSpec {
  /** Mean over the week and the burst to absorb, in requests per second (at most 1,000,000). */
  requestsPerSecond: {
    /** Mean requests per second over the week. */
    mean: number;
    /** Peak requests per second to absorb; at least `mean`. */
    peak: number;
  };
  /** Shape of the week: `flat`, `business-hours` (Mon-Fri 08-18 at 5x the rest) or `custom` (`hourlyWeights`). */
  pattern: 'flat' | 'business-hours' | 'custom';
  /**
   * `pattern: custom` only: 24 (a day) or 168 (a week, Monday 00:00 first) relative weights.
   * @default - none (required with `pattern: custom`)
   */
  hourlyWeights?: number[];
  /** Mean prompt tokens per request, at most 10M. */
  inputTokens: number;
  /** Mean output tokens per request, at most 10M. */
  outputTokens: number;
  /**
   * Share (0 to 1) of requests at or above a routing rule's `minPromptTokens`.
   * @default - 0.1, stated among the cost report's assumptions
   */
  longPromptShare?: number;
  /**
   * Share (0 to 1) of requests that carry a routing rule's header value.
   * @default - 0.05, stated among the cost report's assumptions
   */
  headerMatchShare?: number;
}

/** `budget`, defaults applied: the monthly budget, its alerts, and what a worst case over it does. */
export interface BudgetSpec {
  /** Monthly budget in USD, at most one billion. */
  monthlyUsd: number;
  /** Alert when actual spend passes these percentages of `monthlyUsd`, ascending, each at most 1000. */
  alertThresholdsPercent: number[];
  /** Also alert when the forecast passes 100%. */
  forecastAlert: boolean;
  /** Who gets budget alerts (AWS takes 10 per notification). */
  notifyEmails: string[];
  /** `error`: validate, cost and synth fail when the worst-case month exceeds `monthlyUsd`; `warn`: they report it. */
  onExceed: 'error' | 'warn';
}

/** `onPrem`, defaults applied: buying hardware instead, for the cost report's TCO comparison. */
export interface OnPremSpec {
  /** Catalog accelerator id of the servers, e.g. `nvidia-h100`. */
  acceleratorType: string;
  /** Accelerators in one server, at most 64. */
  acceleratorsPerServer: number;
  /** Purchase price of one server in USD, at most 100 million. */
  serverCapexUsd: number;
  /** Months the purchase is spread over, at most 240 (twenty years). */
  amortizationMonths: number;
  /** Power draw of one server in kW, at most 1000. */
  powerKwPerServer: number;
  /** Electricity price in USD per kWh, at most 10. */
  usdPerKwh: number;
  /** Power usage effectiveness of the data centre, 1 to 3. */
  pue: number;
  /** Operations cost per server and month in USD (staff, space, network). */
  opsUsdPerServerMonth: number;
}

/** One kind of client allowed to reach the router: pods by namespace and pod labels, or an IP range. */
export interface NetworkPeerSpec {
  /**
   * Namespaces whose labels all match, e.g. `{ kubernetes.io/metadata.name: web }`; `{}` is every
   * namespace. Without `podLabels`: every pod in them.
   * @default - the stack's own namespace (with `podLabels`)
   */
  namespaceLabels?: Record<string, string>;
  /**
   * Pods whose labels all match; without `namespaceLabels`, in the stack's namespace.
   * @default - every pod of the `namespaceLabels` namespaces
   */
  podLabels?: Record<string, string>;
  /**
   * Source IP range, e.g. the subnets of a load balancer or VPN (`10.0.0.0/16`); not combined
   * with the label selectors.
   * @default - no IP range (give the label selectors instead)
   */
  cidr?: string;
}

/** `network`: who may reach the router; model servers accept only the router and Prometheus. */
export interface NetworkSpec {
  /**
   * Who may reach the router (port 4000); at least one client when given.
   * @default - every pod of the cluster (`[{ namespaceLabels: {} }]`); clients still need the master key
   */
  routerClients?: NetworkPeerSpec[];
}

/** A validated spec with defaults applied (what `loadSpecFile` and `defineSpec` return). */
export interface InferenceSpec {
  /** Spec format version: `inferstack.dev/v1alpha1`. */
  apiVersion: 'inferstack.dev/v1alpha1';
  /** Always `InferenceStack`. */
  kind: 'InferenceStack';
  /** The stack's identity: its name prefixes every resource, its environment separates deployments. */
  metadata: {
    /** DNS-1123 label, at most 40 characters; prefixes every resource name. Not a system namespace (`default`, `kube-system`, `keda`, ...). */
    name: string;
    /** Lowercase letters, digits and `-`, at most 20 characters; part of every cluster- and account-wide name. */
    environment: string;
  };
  /** Cost-allocation tags on every resource (AWS tags, GCP labels, Azure tags, Kubernetes labels), normalised per cloud; inferstack adds its own. */
  tags: Record<string, string>;
  /** Where to deploy; at least one target. */
  targets: TargetsSpec;
  /** The model pools, 1 to 300. */
  models: ModelSpec[];
  /**
   * How the router picks an online model per request, and where it falls back.
   * @default - every request goes to the only online model (required with two or more)
   */
  routing?: RoutingSpec;
  /**
   * The request queue of `serve: queue` models.
   * @default - no queue (required when a model has `serve: queue`)
   */
  queue?: QueueSpec;
  /**
   * The expected traffic, for the cost model.
   * @default - none: the expected month is unknown unless every pool has `replicas.min` = `replicas.max` and there is no queue
   */
  traffic?: TrafficSpec;
  /**
   * The monthly budget.
   * @default - no budget is created and no month is checked against one
   */
  budget?: BudgetSpec;
  /**
   * Buying hardware instead, for the cost report's on-prem comparison.
   * @default - no on-prem comparison (`onPrem: null` in `inferstack cost --json`)
   */
  onPrem?: OnPremSpec;
  /**
   * Who may reach the router.
   * @default - every pod of the cluster may call the router (with the master key)
   */
  network?: NetworkSpec;
}

/** One model as users write it: fields with defaults may be left out. */
export interface ModelSpecInput {
  /** DNS-1123 label, at most 40 characters, unique within the spec; not a name inferstack uses for its own objects. */
  name: string;
  /**
   * How the model is served: `online` (OpenAI-compatible HTTP behind the router) or `queue`
   * (consumes the request queue; needs `engine: custom`).
   * @default 'online'
   */
  serve?: 'online' | 'queue';
  /**
   * `vllm` (inferstack's pinned vLLM server) or `custom` (then `image` is required).
   * @default 'vllm'
   */
  engine?: 'vllm' | 'custom';
  /**
   * Container image with a pinned tag or digest; required with `engine: custom`.
   * @default - the engine's pinned image for the accelerator kind
   */
  image?: string;
  /** Hugging Face model id (`org/name`). */
  model: string;
  /** Parameter count in billions, at most 10000 (memory fit, throughput, cost). */
  parametersBillion: number;
  /**
   * Weight precision; fp8, int8 and int4 expect a checkpoint quantized that way.
   * @default 'bf16'
   */
  precision?: Precision;
  /**
   * The server's max model length (prompt plus output, tokens), at most 10M; longer requests
   * go to a model with a longer one.
   * @default - the server's own limit (vLLM: the model config's), and no context-length fallback in the router
   */
  maxContextTokens?: number;
  /** Accelerators per replica. */
  accelerator: AcceleratorRequest;
  /**
   * Per-cloud replacements of the accelerator choice and of the measured throughput.
   * @default - the same `accelerator` and `throughput` on every cloud
   */
  overrides?: {
    /**
     * What the model changes on AWS.
     * @default - the model's own `accelerator` and `throughput`
     */
    aws?: ModelOverrideSpec;
    /**
     * What the model changes on GCP.
     * @default - the model's own `accelerator` and `throughput`
     */
    gcp?: ModelOverrideSpec;
    /**
     * What the model changes on Azure.
     * @default - the model's own `accelerator` and `throughput`
     */
    azure?: ModelOverrideSpec;
  };
  /** Autoscaling bounds. */
  replicas: {
    /**
     * Replicas kept running, at most 1000.
     * @default 0 - scale to zero
     */
    min?: number;
    /** Upper bound of autoscaling, at most 1000; the ceiling cost assumes all of them all month. */
    max: number;
  };
  /**
   * Spot and on-demand split.
   * @default - on-demand only
   */
  capacity?: {
    /**
     * Run replicas beyond `onDemandBase` on spot capacity.
     * @default false - on-demand only
     */
    spot?: boolean;
    /**
     * Replicas kept on on-demand capacity when `spot` is on.
     * @default 0
     */
    onDemandBase?: number;
  };
  /**
   * KEDA autoscaling targets.
   * @default - 5 waiting requests or 20 queue messages per replica, 300 s scale-down delay
   */
  scaling?: {
    /**
     * `serve: online`: waiting requests per replica that KEDA scales to, at most 1000.
     * @default 5
     */
    targetWaitingRequests?: number;
    /**
     * `serve: queue`: queue backlog (messages) per replica that KEDA scales to, at most 100000.
     * @default 20
     */
    targetQueueMessages?: number;
    /**
     * Scale-down stabilisation window in seconds, at most 3600.
     * @default 300
     */
    scaleDownDelaySeconds?: number;
  };
  /**
   * Measured throughput per replica on `accelerator`.
   * @default - the cost model's estimate for the accelerator and the traffic's token counts
   */
  throughput?: ThroughputSpec;
}

/** What users write (defaults optional), e.g. for `defineSpec`. */
export interface InferenceSpecInput {
  /** Spec format version. */
  apiVersion: 'inferstack.dev/v1alpha1';
  /** Always `InferenceStack`. */
  kind: 'InferenceStack';
  /** The stack's identity. */
  metadata: {
    /** DNS-1123 label, at most 40 characters; prefixes every resource name. Not a system namespace. */
    name: string;
    /**
     * Lowercase letters, digits and `-`, at most 20 characters; part of every cluster- and account-wide name.
     * @default 'dev'
     */
    environment?: string;
  };
  /**
   * Cost-allocation tags on every resource, normalised per cloud.
   * @default - only inferstack's own tags (`inferstack-stack`, `inferstack-environment`, `inferstack-deployment`, `managed-by`)
   */
  tags?: Record<string, string>;
  /** Where to deploy; at least one target. */
  targets: TargetsSpec;
  /** The model pools, 1 to 300. */
  models: ModelSpecInput[];
  /**
   * How the router picks an online model per request.
   * @default - every request goes to the only online model (required with two or more)
   */
  routing?: {
    /** Online model that serves requests no rule matches. */
    default: string;
    /**
     * Rules, first match wins.
     * @default [] - every request goes to `default`
     */
    rules?: RoutingRuleSpec[];
    /**
     * Per model, the models to retry on when it fails, in order.
     * @default - no fallbacks
     */
    fallbacks?: Record<string, string[]>;
  };
  /**
   * The request queue of `serve: queue` models; each field left out takes its default.
   * @default - no queue (required when a model has `serve: queue`)
   */
  queue?: Partial<QueueSpec>;
  /**
   * The expected traffic, for the cost model.
   * @default - none: the expected month is unknown unless every pool has `replicas.min` = `replicas.max` and there is no queue
   */
  traffic?: {
    /** Mean over the week and the burst to absorb (`peak` at least `mean`), in requests per second. */
    requestsPerSecond: { mean: number; peak: number };
    /**
     * Shape of the week.
     * @default 'flat'
     */
    pattern?: TrafficSpec['pattern'];
    /**
     * `pattern: custom` only: 24 or 168 relative weights.
     * @default - none (required with `pattern: custom`)
     */
    hourlyWeights?: number[];
    /**
     * Mean prompt tokens per request.
     * @default 0
     */
    inputTokens?: number;
    /**
     * Mean output tokens per request.
     * @default 0 - no output-token figures
     */
    outputTokens?: number;
    /**
     * Share of requests at or above a routing rule's `minPromptTokens`.
     * @default - 0.1, stated among the cost report's assumptions
     */
    longPromptShare?: number;
    /**
     * Share of requests that carry a routing rule's header value.
     * @default - 0.05, stated among the cost report's assumptions
     */
    headerMatchShare?: number;
  };
  /**
   * The monthly budget.
   * @default - no budget is created and no month is checked against one
   */
  budget?: {
    /** Monthly budget in USD, at most one billion. */
    monthlyUsd: number;
    /**
     * Alert when actual spend passes these percentages, ascending.
     * @default [50, 80, 100]
     */
    alertThresholdsPercent?: number[];
    /**
     * Also alert when the forecast passes 100%.
     * @default true
     */
    forecastAlert?: boolean;
    /**
     * Who gets budget alerts.
     * @default - nobody by email (on AWS the alert topic still gets them)
     */
    notifyEmails?: string[];
    /**
     * `error` or `warn` when the worst-case month exceeds `monthlyUsd`.
     * @default 'warn' - report it and go on
     */
    onExceed?: 'error' | 'warn';
  };
  /**
   * Buying hardware instead, for the on-prem comparison.
   * @default - no on-prem comparison
   */
  onPrem?: {
    /** Catalog accelerator id of the servers. */
    acceleratorType: string;
    /** Accelerators in one server, at most 64. */
    acceleratorsPerServer: number;
    /** Purchase price of one server in USD. */
    serverCapexUsd: number;
    /** Months the purchase is spread over, at most 240. */
    amortizationMonths: number;
    /** Power draw of one server in kW. */
    powerKwPerServer: number;
    /** Electricity price in USD per kWh. */
    usdPerKwh: number;
    /**
     * Power usage effectiveness of the data centre, 1 to 3.
     * @default 1.4
     */
    pue?: number;
    /**
     * Operations cost per server and month in USD.
     * @default 0
     */
    opsUsdPerServerMonth?: number;
  };
  /**
   * Who may reach the router.
   * @default - every pod of the cluster may call the router (with the master key)
   */
  network?: NetworkSpec;
}
