/**
 * The InferenceSpec schema: the public contract of DESIGN §2. Field names here must not be
 * renamed or removed. Structure and local constraints live here (zod); rules that relate
 * fields to each other live in `rules.ts`, rules that need the catalog in `lib/plan/checks.ts`.
 */
import { z } from 'zod';
import { describeValue } from './errors';
import {
  AWS_ACCOUNT_GRAMMAR,
  AWS_REGION_GRAMMAR,
  AZURE_LOCATION_GRAMMAR,
  AZURE_RESOURCE_GROUP_GRAMMAR,
  CATALOG_ID_GRAMMAR,
  dnsLabelGrammar,
  EMAIL_MAX_LENGTH,
  ENVIRONMENT_GRAMMAR,
  GCP_PROJECT_GRAMMAR,
  GCP_REGION_GRAMMAR,
  grammarString,
  HEADER_NAME_GRAMMAR,
  HEADER_VALUE_GRAMMAR,
  IMAGE_GRAMMAR,
  MODEL_ID_GRAMMAR,
  TAG_KEY_GRAMMAR,
  TAG_VALUE_GRAMMAR,
  unsafeTextProblem,
} from './grammar';

import { API_VERSION, ENGINES, KIND, PATTERNS, PRECISIONS, SERVE_MODES } from './constants';

export { API_VERSION, KIND, PRECISIONS, SERVE_MODES, ENGINES, PATTERNS };

/** A DNS-1123 label of at most `max` characters (see {@link dnsLabelGrammar}). */
export const dnsLabel = (max: number) => grammarString(dnsLabelGrammar(max));

/**
 * The limits of this release, each with its reason. Changing one is a contract change: README
 * ("Limits") and the JSON Schema state them.
 */
export const LIMITS = {
  /**
   * Models per stack: the documented maximum, which must synthesize into deployable templates on
   * every cloud (CloudFormation allows 500 resources and 1 MB per template; each model adds its
   * node pools, manifests and autoscaling objects). Beyond it, split the models into stacks.
   */
  modelsPerStack: 300,
  /**
   * Replicas of one model. KEDA and the HPA take an int32, but Kubernetes is tested to 5,000 nodes
   * per cluster (https://kubernetes.io/docs/setup/best-practices/cluster-large/) and accelerator
   * quotas are far below that, so more than 1,000 replicas of one model is a typo or a unit mistake.
   */
  replicasPerModel: 1000,
  /** Accelerators per replica: no machine type carries more than 16; TPU slices take theirs from `topology`. */
  acceleratorsPerReplica: 64,
  /** Tokens: the longest context of any released model is 10M (Llama 4 Scout). */
  tokens: 10_000_000,
  /** Requests per second of traffic and measured throughput: beyond any single deployment; keeps the cost arithmetic finite. */
  requestsPerSecond: 1_000_000,
  /** Monthly budget in USD: keeps the arithmetic finite and catches cents-for-dollars mistakes. */
  monthlyUsd: 1_000_000_000,
  /** Budget alert thresholds, percent: Azure budgets accept 0 to 1000 (learn.microsoft.com arm-consumption Notification.threshold). */
  thresholdPercent: 1000,
  /** Routing rules: first match wins, so a long list is a table no one can read. */
  routingRules: 100,
} as const;

const positiveInt = z.int().positive();
const nonNegativeInt = z.int().nonnegative();
/** A number bounded by a stated limit: the message names the reason. */
const atMost = <T extends z.ZodNumber>(n: T, max: number, why: string) =>
  n.max(max, { error: (iss) => `must be at most ${max} (${why}), got ${String(iss.input)}` });


/** Accelerators per replica: a catalog type, a count (GPUs, Neuron) or a topology (TPUs). */
export const AcceleratorRequestSchema = z
  .strictObject({
    type: grammarString(CATALOG_ID_GRAMMAR).meta({
      description: 'Catalog accelerator id, e.g. nvidia-l4, nvidia-h100, aws-inferentia2, tpu-v6e (see `inferstack plan`).',
      examples: ['nvidia-l4', 'nvidia-l40s', 'nvidia-a100-80gb', 'nvidia-h100', 'nvidia-h200', 'aws-inferentia2', 'tpu-v6e'],
    }),
    count: atMost(positiveInt, LIMITS.acceleratorsPerReplica, 'no machine carries more; for TPUs omit count, the topology sets it')
      .optional()
      .meta({ description: 'Accelerators per replica, at most 64 (no machine carries more than 16); with the vLLM engine 1, 2, 4, 8 or 16, since its tensor parallelism must divide the attention heads. Default: 1 (TPU: the chips of `topology`).' }),
    topology: z
      .string()
      .regex(/^\d{1,2}x\d{1,2}(x\d{1,2})?$/, { error: (iss) => `${describeValue(iss.input)} is not a TPU topology like '2x2' or '2x2x1'` })
      .optional()
      .meta({ description: 'TPU slice topology, e.g. 2x2 (TPU types only).' }),
  })
  .meta({ description: 'Accelerators per replica.' });

/** Throughput a user measured for one replica. */
export const ThroughputSchema = z
  .strictObject({
    requestsPerSecondPerReplica: atMost(z.number().positive(), LIMITS.requestsPerSecond, 'beyond any server').optional().meta({ description: 'Measured requests per second of one replica.' }),
    outputTokensPerSecondPerReplica: atMost(z.number().positive(), LIMITS.tokens, 'beyond any accelerator').optional().meta({ description: 'Measured output tokens per second of one replica.' }),
  })
  .meta({ description: "Measured throughput per replica; the cost model prefers it to its own estimate." });

/** What a model may change on one cloud: its accelerator and the throughput measured there. */
export const ModelOverrideSchema = z.strictObject({
  accelerator: AcceleratorRequestSchema.optional(),
  throughput: ThroughputSchema.optional().meta({
    description: "Throughput measured on this cloud's accelerator. Default: the model's throughput, scaled by the roofline ratio when the accelerator differs.",
  }),
});

const replicaCount = (n: z.ZodInt) => atMost(n, LIMITS.replicasPerModel, 'Kubernetes clusters are tested to 5,000 nodes; split larger fleets into stacks');

/** One model pool: what it serves, on which accelerators, how many replicas and how they scale. */
export const ModelSchema = z.strictObject({
  name: dnsLabel(40).meta({ description: "DNS-1123 label, at most 40 characters, unique within the spec; not a name inferstack uses for its own objects ('router', ...)." }),
  serve: z.enum(SERVE_MODES).default('online').meta({
    description: 'online: OpenAI-compatible HTTP behind the router; queue: consumes the request queue. Default: online.',
  }),
  engine: z.enum(ENGINES).default('vllm').meta({ description: "vllm (default) or custom (then 'image' is required)." }),
  image: grammarString(IMAGE_GRAMMAR)
    .optional()
    .meta({ description: "Container image with a pinned tag or digest (never ':latest' or untagged). Default: the engine's pinned image." }),
  model: grammarString(MODEL_ID_GRAMMAR).meta({ description: "Hugging Face model id ('org/name'), e.g. meta-llama/Llama-3.1-8B-Instruct." }),
  parametersBillion: atMost(z.number().positive(), 10000, 'ten trillion parameters').meta({ description: 'Parameter count in billions (memory fit, throughput), at most 10000 (beyond any model).' }),
  precision: z.enum(PRECISIONS).default('bf16').meta({ description: 'Weight precision. Default: bf16.' }),
  maxContextTokens: atMost(positiveInt, LIMITS.tokens, 'the longest context of any released model')
    .optional()
    .meta({
      description: "The server's max model length (prompt + output), at most 10M (the longest context of any released model). Requests longer than this are routed to a model that fits.",
    }),
  accelerator: AcceleratorRequestSchema,
  overrides: z
    .strictObject({ aws: ModelOverrideSchema.optional(), gcp: ModelOverrideSchema.optional(), azure: ModelOverrideSchema.optional() })
    .optional()
    .meta({ description: 'Per-cloud replacements: the accelerator on that cloud and the throughput measured there.' }),
  replicas: z
    .strictObject({
      min: replicaCount(nonNegativeInt).default(0).meta({ description: 'Replicas kept running, at most 1000 (Kubernetes is tested to 5,000 nodes per cluster). Default: 0 (scale to zero).' }),
      max: replicaCount(positiveInt).meta({ description: 'Upper bound of autoscaling, at most 1000 (Kubernetes is tested to 5,000 nodes per cluster; KEDA takes an int32); the ceiling cost assumes all of them.' }),
    })
    .meta({ description: 'Autoscaling bounds.' }),
  capacity: z
    .strictObject({
      spot: z.boolean().default(false).meta({ description: 'Run replicas on spot capacity. Default: false (on-demand only).' }),
      onDemandBase: replicaCount(nonNegativeInt).default(0).meta({ description: 'Replicas kept on on-demand capacity under spot. Default: 0.' }),
    })
    .prefault({})
    .meta({ description: 'Spot and on-demand split.' }),
  scaling: z
    .strictObject({
      targetWaitingRequests: atMost(z.number().positive(), 1000, 'a server with a thousand waiting requests per replica answers in minutes')
        .default(5)
        .meta({ description: 'online: per-replica target of waiting requests, at most 1000. Default: 5.' }),
      targetQueueMessages: atMost(positiveInt, 100000, 'a backlog no replica works through')
        .default(20)
        .meta({ description: 'queue: per-replica target backlog, at most 100000. Default: 20.' }),
      scaleDownDelaySeconds: nonNegativeInt
        .max(3600, { error: (iss) => `must be at most 3600 (the Kubernetes HPA stabilisation window's limit), got ${String(iss.input)}` })
        .default(300)
        .meta({ description: 'Scale-down stabilisation window, at most 3600. Default: 300.' }),
    })
    .prefault({})
    .meta({ description: 'KEDA autoscaling targets.' }),
  throughput: ThroughputSchema.optional().meta({ description: 'Measured throughput per replica on `accelerator`; the cost model prefers it to its own estimate.' }),
});

export const TargetsSchema = z
  .strictObject({
    aws: z
      .strictObject({
        region: grammarString(AWS_REGION_GRAMMAR).meta({ description: 'AWS region, e.g. us-east-1.' }),
        account: grammarString(AWS_ACCOUNT_GRAMMAR).optional().meta({ description: 'AWS account id (12 digits); binds the stack to it. Default: the deploying credentials\' account.' }),
      })
      .optional()
      .meta({ description: 'Deploy on AWS (EKS, CDK).' }),
    gcp: z
      .strictObject({
        project: grammarString(GCP_PROJECT_GRAMMAR).meta({ description: 'GCP project id: 6 to 30 lowercase letters, digits and hyphens.' }),
        region: grammarString(GCP_REGION_GRAMMAR).meta({ description: 'GCP region, e.g. us-central1.' }),
      })
      .optional()
      .meta({ description: 'Deploy on GCP (GKE, Pulumi).' }),
    azure: z
      .strictObject({
        location: grammarString(AZURE_LOCATION_GRAMMAR).meta({ description: 'Azure location, e.g. eastus.' }),
        resourceGroupName: grammarString(AZURE_RESOURCE_GROUP_GRAMMAR).optional().meta({ description: 'Resource group to deploy into (1-90 characters). Default: one named after the stack.' }),
      })
      .optional()
      .meta({ description: 'Deploy on Azure (AKS, Pulumi).' }),
  })
  .meta({ description: 'Where to deploy; at least one. A target\'s presence means "deploy there".' });

/** A model named in routing: the same grammar as model names (routing-targets says which exist). */
const modelRef = () => dnsLabel(40);

/** How the router picks an online model per request, and where it falls back. */
export const RoutingSchema = z.strictObject({
  default: modelRef().meta({ description: 'Model that serves requests no rule matches.' }),
  rules: z
    .array(
      z.strictObject({
        to: modelRef().meta({ description: 'Online model that gets the matching requests.' }),
        when: z.strictObject({
          minPromptTokens: atMost(positiveInt, LIMITS.tokens, 'the longest context of any released model')
            .optional()
            .meta({ description: 'Matches prompts of at least this many tokens (long / RAG contexts).' }),
          header: z
            .strictObject({
              name: grammarString(HEADER_NAME_GRAMMAR).meta({ description: 'HTTP header name (an RFC 9110 token, matched case-insensitively), e.g. x-quality.' }),
              value: grammarString(HEADER_VALUE_GRAMMAR).meta({ description: 'The value that selects this rule, compared exactly (case-sensitive).' }),
            })
            .optional()
            .meta({ description: 'Matches requests carrying this header value, e.g. x-quality: high. Not a credential header (authorization, cookie).' }),
        }),
      }),
    )
    .max(LIMITS.routingRules)
    .default([])
    .meta({ description: 'Rules tried in order; the first that matches picks the model. Default: none (every request goes to default).' }),
  fallbacks: z
    .record(modelRef(), z.array(modelRef()).max(20))
    .default({})
    .meta({ description: 'Per model, the models to retry on when it fails, in order (never the model itself).' }),
});

/** The request queue (with its dead-letter queue) that `serve: queue` models consume. */
export const QueueSchema = z.strictObject({
  maxDeliveryAttempts: z.int().min(1).max(100).default(5).meta({ description: 'Then the message goes to the dead-letter queue, 1 to 100. Default: 5.' }),
  visibilityTimeoutSeconds: z.int().min(10).max(43200).default(900).meta({ description: 'Must exceed the longest inference, 10 to 43200 (SQS maximum). Default: 900.' }),
  retentionHours: z
    .number()
    .min(1, { error: (iss) => `must be at least 1 (a backlog waiting for a pool to scale from zero must not expire), got ${String(iss.input)}` })
    .max(336)
    .default(96)
    .meta({ description: 'Message retention, 1 to 336 hours (SQS maximum; Pub/Sub allows 168). Default: 96.' }),
});

const rps = () => atMost(z.number().nonnegative(), LIMITS.requestsPerSecond, 'beyond any single deployment');
const tokensPerRequest = () => atMost(z.number().nonnegative(), LIMITS.tokens, 'the longest context of any released model');

/** The expected traffic, used only by the cost model. */
export const TrafficSchema = z.strictObject({
  requestsPerSecond: z
    .strictObject({ mean: rps(), peak: rps() })
    .meta({ description: 'Mean over the week and the burst to absorb, in requests per second (at most 1,000,000).' }),
  pattern: z.enum(PATTERNS).default('flat').meta({ description: 'Shape of the week: flat, business-hours (Mon-Fri 08-18 at 5x the rest) or custom (hourlyWeights). Default: flat.' }),
  hourlyWeights: z
    .array(atMost(z.number().nonnegative(), 1e6, 'weights are relative; scale them down'))
    .max(168)
    .optional()
    .meta({ description: 'custom pattern: 24 (a day) or 168 (a week, Monday 00:00 first) weights.' }),
  inputTokens: tokensPerRequest().default(0).meta({ description: 'Mean prompt tokens per request, at most 10M.' }),
  outputTokens: tokensPerRequest().default(0).meta({ description: 'Mean output tokens per request, at most 10M.' }),
  longPromptShare: z.number().min(0).max(1).optional().meta({
    description: 'Share of requests at or above a routing rule\'s minPromptTokens. Default: the cost model states its assumption.',
  }),
  headerMatchShare: z.number().min(0).max(1).optional().meta({
    description: 'Share of requests that carry a routing rule\'s header. Default: the cost model states its assumption.',
  }),
});

const email = () =>
  z
    .email({ error: (iss) => `${describeValue(iss.input)} is not an email address` })
    .max(EMAIL_MAX_LENGTH, { error: `must be at most ${EMAIL_MAX_LENGTH} characters (RFC 5321)` })
    .superRefine((s, ctx) => {
      const problem = unsafeTextProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** The monthly budget, its alerts, and what happens when the worst case exceeds it. */
export const BudgetSchema = z.strictObject({
  monthlyUsd: atMost(z.number().positive(), LIMITS.monthlyUsd, 'one billion USD a month').meta({ description: 'Monthly budget in USD, at most one billion (catches cents-for-dollars mistakes).' }),
  alertThresholdsPercent: z
    .array(atMost(z.number(), LIMITS.thresholdPercent, 'the largest threshold Azure budgets accept'))
    .max(20)
    .default([50, 80, 100])
    .meta({ description: 'Alert when actual spend passes these percentages, ascending, at most 1000. AWS takes 10 notifications per budget (with the forecast alert), Azure 5. Default: [50, 80, 100].' }),
  forecastAlert: z.boolean().default(true).meta({ description: 'Also alert when the forecast passes 100%. Default: true.' }),
  notifyEmails: z.array(email()).max(50).default([]).meta({ description: 'Who gets budget alerts; AWS takes 10 per notification. Default: none.' }),
  onExceed: z.enum(['error', 'warn']).default('warn').meta({
    description: 'error: validate, cost and synth fail when the worst-case month exceeds monthlyUsd. Default: warn.',
  }),
});

/** Buying hardware instead, for the cost model's TCO comparison. */
export const OnPremSchema = z.strictObject({
  acceleratorType: grammarString(CATALOG_ID_GRAMMAR).meta({ description: 'Catalog accelerator id of the servers, e.g. nvidia-h100.' }),
  acceleratorsPerServer: atMost(positiveInt, 64, 'no server holds more').meta({ description: 'Accelerators in one server, at most 64.' }),
  serverCapexUsd: atMost(z.number().positive(), 1e8, 'one hundred million USD per server').meta({ description: 'Purchase price of one server in USD, at most 100 million.' }),
  amortizationMonths: atMost(positiveInt, 240, 'twenty years').meta({ description: 'Months the purchase is spread over, at most 240 (twenty years).' }),
  powerKwPerServer: atMost(z.number().nonnegative(), 1000, 'a megawatt per server').meta({ description: 'Power draw of one server in kW, at most 1000.' }),
  usdPerKwh: atMost(z.number().nonnegative(), 10, 'ten USD per kWh').meta({ description: 'Electricity price in USD per kWh, at most 10.' }),
  pue: z.number().min(1).max(3).default(1.4).meta({ description: 'Power usage effectiveness of the data centre. Default: 1.4.' }),
  opsUsdPerServerMonth: atMost(z.number().nonnegative(), 1e7, 'ten million USD per server and month')
    .default(0)
    .meta({ description: 'Operations cost per server and month in USD (staff, space, network). Default: 0.' }),
});

/** Cost-allocation tags: keys and values as text; per-cloud rules (lib/plan/tags.ts) check the rest. */
export const TagsSchema = z
  .record(grammarString(TAG_KEY_GRAMMAR), grammarString(TAG_VALUE_GRAMMAR))
  .default({})
  .meta({ description: 'Cost-allocation tags on every resource (AWS tags, GCP labels, Azure tags, Kubernetes labels), normalised per cloud.' });

/** The stack's identity: its name prefixes every resource, its environment separates deployments. */
export const MetadataSchema = z.strictObject({
  name: dnsLabel(40).meta({
    description: "DNS-1123 label, at most 40 characters; prefixes every resource name. Not a system namespace ('default', 'kube-system', 'keda', ...).",
  }),
  environment: grammarString(ENVIRONMENT_GRAMMAR)
    .default('dev')
    .meta({ description: "Lowercase letters, digits and '-', at most 20 characters, ending with a letter or digit; part of every cluster- and account-wide name. Default: dev." }),
});

// Kubernetes label syntax (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set):
// an optional DNS-subdomain prefix and '/', then a name of at most 63 characters.
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Is `k` a Kubernetes label key? */
function isLabelKey(k: string): boolean {
  const slash = k.lastIndexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, k] : [k.slice(0, slash), k.slice(slash + 1)];
  return LABEL_NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && LABEL_PREFIX.test(prefix)));
}
const labelValue = z.string().regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/, {
  error: (iss) => `'${String(iss.input)}' is not a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
});
// Keys are checked here rather than by a key schema, so the message names the key (zod reports a
// failing record key only as "Invalid key in record").
const labelSelector = z.record(z.string(), labelValue).superRefine((labels, ctx) => {
  for (const key of Object.keys(labels).filter((k) => !isLabelKey(k))) {
    ctx.addIssue({
      code: 'custom',
      path: [key],
      message: `'${key}' is not a Kubernetes label key: [prefix/]name, the name at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    });
  }
});

/** `a.b.c.d/n` or an IPv6 prefix `x:y::/n`. */
function isCidr(s: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (!m) return false;
  const bits = Number(m[2]);
  const v4 = m[1].split('.');
  if (v4.length === 4) return bits <= 32 && v4.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
  return bits <= 128 && /^[0-9a-fA-F:]+$/.test(m[1]) && m[1].includes(':') && (m[1].match(/::/g) ?? []).length <= 1;
}

/**
 * One kind of client allowed to reach the router, as a NetworkPolicy peer: pods chosen by labels
 * (in namespaces chosen by labels, or this stack's namespace), or an IP range.
 */
export const NetworkPeerSchema = z
  .strictObject({
    namespaceLabels: labelSelector.optional().meta({
      description: "Namespaces whose labels all match, e.g. { kubernetes.io/metadata.name: web }; {} is every namespace. Without podLabels: every pod in them.",
    }),
    podLabels: labelSelector.optional().meta({ description: "Pods whose labels all match; without namespaceLabels, in this stack's namespace." }),
    cidr: z
      .string()
      .refine(isCidr, { error: (iss) => `'${String(iss.input)}' is not a CIDR block like 10.0.0.0/16 or fd00::/8` })
      .optional()
      .meta({ description: 'Source IP range, e.g. the subnets of a load balancer or VPN, 10.0.0.0/16.' }),
  })
  .refine((p) => (p.cidr === undefined ? p.namespaceLabels !== undefined || p.podLabels !== undefined : p.namespaceLabels === undefined && p.podLabels === undefined), {
    error: 'give either cidr, or namespaceLabels and/or podLabels (e.g. { namespaceLabels: { kubernetes.io/metadata.name: web } })',
  })
  .meta({ description: 'Who may call the router: pods by namespace and pod labels, or an IP range.' });

/** Network exposure of the stack. Model servers only ever accept the router and Prometheus. */
export const NetworkSchema = z.strictObject({
  routerClients: z
    .array(NetworkPeerSchema)
    .min(1, { error: 'needs at least one client; leave routerClients out to allow every namespace of the cluster' })
    .optional()
    .meta({ description: 'Who may reach the router (port 4000). Default: every pod of the cluster ({ namespaceLabels: {} }); clients still need the master key.' }),
});

/** The whole spec (DESIGN §2). `InferenceSpecSchema.safeParse` checks structure only; use `checkSpec` for every rule. */
export const InferenceSpecSchema = z
  .strictObject({
    apiVersion: z.literal(API_VERSION, { error: () => `must be '${API_VERSION}'` }),
    kind: z.literal(KIND, { error: () => `must be '${KIND}'` }),
    metadata: MetadataSchema,
    tags: TagsSchema,
    targets: TargetsSchema,
    models: z
      .array(ModelSchema)
      .min(1, { error: 'needs at least one model' })
      .max(LIMITS.modelsPerStack, {
        error: (iss) => `has ${Array.isArray(iss.input) ? iss.input.length : 'too many'} models; a stack holds at most ${LIMITS.modelsPerStack} (see README, Limits): split the models into several specs`,
      }),
    routing: RoutingSchema.optional(),
    queue: QueueSchema.optional(),
    traffic: TrafficSchema.optional(),
    budget: BudgetSchema.optional(),
    onPrem: OnPremSchema.optional(),
    network: NetworkSchema.optional().meta({ description: 'Who may reach the router; model servers accept only the router and Prometheus.' }),
  })
  .meta({ title: 'inferstack InferenceStack spec', description: 'One typed spec of an AI inference deployment (DESIGN §2).' });

// The spec's types are written out in types.ts (so the package's declarations never import zod);
// test/spec/types.test.ts proves they equal what this schema infers.
export type * from './types';

/** The spec's JSON Schema (input side: defaults are optional), for editors. */
export function specJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(InferenceSpecSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $id: 'https://inferstack.dev/schema/inferstack.schema.json', ...schema };
}
