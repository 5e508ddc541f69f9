/**
 * The InferenceSpec schema: the public contract of DESIGN §2. Field names here must not be
 * renamed or removed. Structure and local constraints live here (zod); rules that relate
 * fields to each other live in `rules.ts`, rules that need the catalog in `lib/plan/checks.ts`.
 */
import { z } from 'zod';

/** The only `apiVersion` this release reads. */
export const API_VERSION = 'inferstack.dev/v1alpha1';
/** The only `kind` this release reads. */
export const KIND = 'InferenceStack';

// DNS-1035 flavour of a DNS label (leading letter): names become Service and Deployment names.
const DNS1123 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The nearest valid DNS label to `input` ('Chat_Small' -> 'chat-small'), or undefined when none is close. */
function nearestDnsLabel(input: string, max: number): string | undefined {
  const s = input
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s && s !== input && DNS1123.test(s) ? s : undefined;
}

/** A DNS-1123 label of at most `max` characters. */
export const dnsLabel = (max: number) =>
  z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: (iss) => `must be at most ${max} characters, got ${String(iss.input).length}` })
    .regex(DNS1123, {
      error: (iss) => {
        const near = nearestDnsLabel(String(iss.input), max);
        return `'${String(iss.input)}' is not a DNS label: use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit${near ? `; did you mean '${near}'?` : ''}`;
      },
    });

const positiveInt = z.int().positive();
const nonNegativeInt = z.int().nonnegative();

/** Weight precisions, with the bytes per parameter the memory-fit rule uses (lib/plan/memory.ts). */
export const PRECISIONS = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;
/** online: HTTP behind the router; queue: a consumer of the stack's request queue. */
export const SERVE_MODES = ['online', 'queue'] as const;
/** vllm: the pinned vLLM OpenAI-compatible server; custom: the user's own `image`. */
export const ENGINES = ['vllm', 'custom'] as const;
/** Traffic shapes for the cost model; custom takes `hourlyWeights`. */
export const PATTERNS = ['flat', 'business-hours', 'custom'] as const;

/** Accelerators per replica: a catalog type, a count (GPUs, Neuron) or a topology (TPUs). */
export const AcceleratorRequestSchema = z
  .strictObject({
    type: z.string().min(1).meta({
      description: 'Catalog accelerator id, e.g. nvidia-l4, nvidia-h100, aws-inferentia2, tpu-v6e (see `inferstack plan`).',
      examples: ['nvidia-l4', 'nvidia-l40s', 'nvidia-a100-80gb', 'nvidia-h100', 'nvidia-h200', 'aws-inferentia2', 'tpu-v6e'],
    }),
    count: positiveInt.optional().meta({ description: 'Accelerators per replica. Default: 1 (TPU: the chips of `topology`).' }),
    topology: z
      .string()
      .regex(/^\d+x\d+(x\d+)?$/, { error: (iss) => `'${String(iss.input)}' is not a TPU topology like '2x2' or '2x2x1'` })
      .optional()
      .meta({ description: 'TPU slice topology, e.g. 2x2 (TPU types only).' }),
  })
  .meta({ description: 'Accelerators per replica.' });

/** A per-cloud replacement of a model's choices (today: the accelerator). */
/** Throughput a user measured for one replica. */
export const ThroughputSchema = z
  .strictObject({
    requestsPerSecondPerReplica: z.number().positive().optional(),
    outputTokensPerSecondPerReplica: z.number().positive().optional(),
  })
  .meta({ description: "Measured throughput per replica; the cost model prefers it to its own estimate." });

/** What a model may change on one cloud: its accelerator and the throughput measured there. */
export const ModelOverrideSchema = z.strictObject({
  accelerator: AcceleratorRequestSchema.optional(),
  throughput: ThroughputSchema.optional().meta({
    description: "Throughput measured on this cloud's accelerator. Default: the model's throughput, scaled by the roofline ratio when the accelerator differs.",
  }),
});

/** One model pool: what it serves, on which accelerators, how many replicas and how they scale. */
export const ModelSchema = z.strictObject({
  name: dnsLabel(40).meta({ description: 'DNS-1123 label, unique within the spec.' }),
  serve: z.enum(SERVE_MODES).default('online').meta({
    description: 'online: OpenAI-compatible HTTP behind the router; queue: consumes the request queue. Default: online.',
  }),
  engine: z.enum(ENGINES).default('vllm').meta({ description: "vllm (default) or custom (then 'image' is required)." }),
  image: z
    .string()
    .regex(/^[^\s]+$/, { error: 'must be a container image reference without spaces' })
    .refine((s) => !/:latest$/.test(s), { error: "must pin a version or digest, not ':latest'" })
    .optional()
    .meta({ description: "Container image override; never ':latest'. Default: the engine's pinned image." }),
  model: z.string().min(1).meta({ description: 'Model id served, e.g. meta-llama/Llama-3.1-8B-Instruct.' }),
  parametersBillion: z.number().positive().max(10000).meta({ description: 'Parameter count in billions (memory fit, throughput).' }),
  precision: z.enum(PRECISIONS).default('bf16').meta({ description: 'Weight precision. Default: bf16.' }),
  maxContextTokens: positiveInt.optional().meta({
    description: "The server's max model length (prompt + output). Requests longer than this are routed to a model that fits.",
  }),
  accelerator: AcceleratorRequestSchema,
  overrides: z
    .strictObject({ aws: ModelOverrideSchema.optional(), gcp: ModelOverrideSchema.optional(), azure: ModelOverrideSchema.optional() })
    .optional()
    .meta({ description: 'Per-cloud replacements of the accelerator choice.' }),
  replicas: z
    .strictObject({
      min: nonNegativeInt.default(0).meta({ description: 'Replicas kept running. Default: 0 (scale to zero).' }),
      max: positiveInt.meta({ description: 'Upper bound of autoscaling; the ceiling cost assumes all of them.' }),
    })
    .meta({ description: 'Autoscaling bounds.' }),
  capacity: z
    .strictObject({
      spot: z.boolean().default(false).meta({ description: 'Run replicas on spot capacity. Default: false (on-demand only).' }),
      onDemandBase: nonNegativeInt.default(0).meta({ description: 'Replicas kept on on-demand capacity under spot. Default: 0.' }),
    })
    .prefault({})
    .meta({ description: 'Spot and on-demand split.' }),
  scaling: z
    .strictObject({
      targetWaitingRequests: z.number().positive().default(5).meta({ description: 'online: per-replica target of waiting requests. Default: 5.' }),
      targetQueueMessages: positiveInt.default(20).meta({ description: 'queue: per-replica target backlog. Default: 20.' }),
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
        region: z.string().min(1).meta({ description: 'AWS region, e.g. us-east-1.' }),
        account: z.string().regex(/^\d{12}$/).optional().meta({ description: 'AWS account id (12 digits); binds the stack to it. Default: the deploying credentials\' account.' }),
      })
      .optional()
      .meta({ description: 'Deploy on AWS (EKS, CDK).' }),
    gcp: z
      .strictObject({
        project: z.string().min(1).meta({ description: 'GCP project id.' }),
        region: z.string().min(1).meta({ description: 'GCP region, e.g. us-central1.' }),
      })
      .optional()
      .meta({ description: 'Deploy on GCP (GKE, Pulumi).' }),
    azure: z
      .strictObject({
        location: z.string().min(1).meta({ description: 'Azure location, e.g. eastus.' }),
        resourceGroupName: z.string().min(1).max(90).optional().meta({ description: 'Resource group to deploy into. Default: one named after the stack.' }),
      })
      .optional(),
  })
  .meta({ description: 'Where to deploy; at least one. A target\'s presence means "deploy there".' });

/** How the router picks an online model per request, and where it falls back. */
export const RoutingSchema = z.strictObject({
  default: z.string().min(1).meta({ description: 'Model that serves requests no rule matches.' }),
  rules: z
    .array(
      z.strictObject({
        to: z.string().min(1).meta({ description: 'Online model that gets the matching requests.' }),
        when: z.strictObject({
          minPromptTokens: positiveInt.optional().meta({ description: 'Matches prompts of at least this many tokens (long / RAG contexts).' }),
          header: z
            .strictObject({ name: z.string().min(1), value: z.string() })
            .optional()
            .meta({ description: 'Matches requests carrying this header value, e.g. x-quality: high.' }),
        }),
      }),
    )
    .default([]),
  fallbacks: z.record(z.string(), z.array(z.string())).default({}).meta({ description: 'Per model, the models to retry on when it fails, in order.' }),
});

/** The request queue (with its dead-letter queue) that `serve: queue` models consume. */
export const QueueSchema = z.strictObject({
  maxDeliveryAttempts: z.int().min(1).max(100).default(5).meta({ description: 'Then the message goes to the dead-letter queue. Default: 5.' }),
  visibilityTimeoutSeconds: z.int().min(10).max(43200).default(900).meta({ description: 'Must exceed the longest inference. Default: 900.' }),
  retentionHours: z.number().positive().max(336).default(96).meta({ description: 'Message retention. Default: 96.' }),
});

/** The expected traffic, used only by the cost model. */
export const TrafficSchema = z.strictObject({
  requestsPerSecond: z
    .strictObject({ mean: z.number().nonnegative(), peak: z.number().nonnegative() })
    .meta({ description: 'Mean over the week and the burst to absorb, in requests per second.' }),
  pattern: z.enum(PATTERNS).default('flat').meta({ description: 'Shape of the week: flat, business-hours (Mon-Fri 08-18 at 5x the rest) or custom (hourlyWeights). Default: flat.' }),
  hourlyWeights: z.array(z.number().nonnegative()).optional().meta({ description: 'custom pattern: 24 (a day) or 168 (a week, Monday 00:00 first) weights.' }),
  inputTokens: z.number().nonnegative().default(0).meta({ description: 'Mean prompt tokens per request.' }),
  outputTokens: z.number().nonnegative().default(0).meta({ description: 'Mean output tokens per request.' }),
  longPromptShare: z.number().min(0).max(1).optional().meta({
    description: 'Share of requests at or above a routing rule\'s minPromptTokens. Default: the cost model states its assumption.',
  }),
  headerMatchShare: z.number().min(0).max(1).optional().meta({
    description: 'Share of requests that carry a routing rule\'s header. Default: the cost model states its assumption.',
  }),
});

/** The monthly budget, its alerts, and what happens when the worst case exceeds it. */
export const BudgetSchema = z.strictObject({
  monthlyUsd: z.number().positive().meta({ description: 'Monthly budget in USD.' }),
  alertThresholdsPercent: z.array(z.number()).default([50, 80, 100]).meta({ description: 'Alert when actual spend passes these percentages, ascending. Default: [50, 80, 100].' }),
  forecastAlert: z.boolean().default(true).meta({ description: 'Also alert when the forecast passes 100%. Default: true.' }),
  notifyEmails: z.array(z.email({ error: (iss) => `'${String(iss.input)}' is not an email address` })).default([]).meta({ description: 'Who gets budget alerts. Default: none.' }),
  onExceed: z.enum(['error', 'warn']).default('warn').meta({
    description: 'error: cost and synth fail when the worst-case month exceeds monthlyUsd. Default: warn.',
  }),
});

/** Buying hardware instead, for the cost model's TCO comparison. */
export const OnPremSchema = z.strictObject({
  acceleratorType: z.string().min(1).meta({ description: 'Catalog accelerator id of the servers, e.g. nvidia-h100.' }),
  acceleratorsPerServer: positiveInt.meta({ description: 'Accelerators in one server.' }),
  serverCapexUsd: z.number().positive().meta({ description: 'Purchase price of one server in USD.' }),
  amortizationMonths: positiveInt.meta({ description: 'Months the purchase is spread over.' }),
  powerKwPerServer: z.number().nonnegative().meta({ description: 'Power draw of one server in kW.' }),
  usdPerKwh: z.number().nonnegative().meta({ description: 'Electricity price in USD per kWh.' }),
  pue: z.number().min(1).max(3).default(1.4).meta({ description: 'Power usage effectiveness of the data centre. Default: 1.4.' }),
  opsUsdPerServerMonth: z.number().nonnegative().default(0).meta({ description: 'Operations cost per server and month in USD (staff, space, network). Default: 0.' }),
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
    metadata: z.strictObject({
      name: dnsLabel(40).meta({ description: 'DNS-1123 label, at most 40 characters; prefixes every resource name.' }),
      environment: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]*$/, {
          error: (iss) => {
            const near = String(iss.input).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '');
            return `'${String(iss.input)}' must be lowercase letters, digits and '-', starting with a letter or digit${near && /^[a-z0-9][a-z0-9-]*$/.test(near) ? `; did you mean '${near}'?` : ''}`;
          },
        })
        .max(20)
        .default('dev'),
    }),
    tags: z.record(z.string(), z.string()).default({}).meta({ description: 'Cost-allocation tags on every resource.' }),
    targets: TargetsSchema,
    models: z.array(ModelSchema).min(1, { error: 'needs at least one model' }),
    routing: RoutingSchema.optional(),
    queue: QueueSchema.optional(),
    traffic: TrafficSchema.optional(),
    budget: BudgetSchema.optional(),
    onPrem: OnPremSchema.optional(),
    network: NetworkSchema.optional().meta({ description: 'Who may reach the router; model servers accept only the router and Prometheus.' }),
  })
  .meta({ title: 'inferstack InferenceStack spec', description: 'One typed spec of an AI inference deployment (DESIGN §2).' });

/** A validated spec with defaults applied. */
export type InferenceSpec = z.output<typeof InferenceSpecSchema>;
/** What users write (defaults optional). */
export type InferenceSpecInput = z.input<typeof InferenceSpecSchema>;
/** One entry of `models`, defaults applied. */
export type ModelSpec = InferenceSpec['models'][number];
/** `accelerator` of a model or an override: type, count and (TPU) topology. */
export type AcceleratorRequest = z.output<typeof AcceleratorRequestSchema>;
/** `routing`, defaults applied. */
export type RoutingSpec = NonNullable<InferenceSpec['routing']>;
/** `queue`, defaults applied. */
export type QueueSpec = NonNullable<InferenceSpec['queue']>;
/** `traffic`, defaults applied. */
export type TrafficSpec = NonNullable<InferenceSpec['traffic']>;
/** `budget`, defaults applied. */
export type BudgetSpec = NonNullable<InferenceSpec['budget']>;
/** `onPrem`, defaults applied. */
export type OnPremSpec = NonNullable<InferenceSpec['onPrem']>;
/** One of PRECISIONS. */
export type Precision = (typeof PRECISIONS)[number];
/** `network`, as written. */
export type NetworkSpec = NonNullable<InferenceSpec['network']>;
/** One entry of `network.routerClients`. */
export type NetworkPeerSpec = z.output<typeof NetworkPeerSchema>;
/** `targets`: a present key means deploy to that cloud. */
export type TargetsSpec = InferenceSpec['targets'];

/** The spec's JSON Schema (input side: defaults are optional), for editors. */
export function specJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(InferenceSpecSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $id: 'https://inferstack.dev/schema/inferstack.schema.json', ...schema };
}
