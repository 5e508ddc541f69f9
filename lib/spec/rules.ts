/**
 * Cross-field rules over a structurally valid spec. A table: every rule runs, and each returns
 * all of its issues. Rules that need the catalog (accelerators, regions, memory fit, tags per
 * cloud) live in `lib/plan/checks.ts` and use the same shape.
 */
import { SpecIssue, SpecPath } from './errors';
import { RuleReads } from './partial';
import type { AcceleratorRequest, InferenceSpec } from './types';
import { didYouMean, quoteList } from './suggest';

/**
 * One validation rule: an id, why it exists, the parts of the spec it reads (so it runs
 * whenever those parsed, see partial.ts), and a check returning every violation.
 */
export interface SpecRule extends RuleReads {
  readonly id: string;
  readonly description: string;
  check(spec: InferenceSpec): SpecIssue[];
}

/** An issue found by `rule` at `path` (the loader adds the file position). */
export const issue = (rule: string, path: SpecPath, message: string): SpecIssue => ({ rule, path, message });

/** A warning: worth saying, but the spec stays valid. */
export const warning = (rule: string, path: SpecPath, message: string): SpecIssue => ({ rule, path, message, severity: 'warning' });

/**
 * The parameter count a model id names, in billions: `Llama-3.1-70B-Instruct` -> 70,
 * `Mixtral-8x7B` -> 56, `SmolLM2-135M` -> 0.135. Undefined when it names none, or names
 * mixture-of-experts counts that are not the total (`Llama-4-Scout-17B-16E`: 17B active).
 */
export function namedParametersBillion(model: string): number | undefined {
  const name = model.slice(model.lastIndexOf('/') + 1);
  if (/(?:^|[-_.])\d+E(?:$|[-_.])/i.test(name)) return undefined;
  const sizes = [...name.matchAll(/(?:^|[-_])(?:(\d+)x)?(\d+(?:\.\d+)?)([BbMm])(?=$|[-_.])/g)].map((m) => ({
    value: (m[1] ? Number(m[1]) : 1) * Number(m[2]) * (m[3].toLowerCase() === 'm' ? 0.001 : 1),
    unit: m[3].toLowerCase(),
  }));
  return (sizes.find((x) => x.unit === 'b') ?? sizes[0])?.value;
}

/** Tensor-parallel degrees vLLM can use for practically every model: powers of two up to 16. */
export const TENSOR_PARALLEL_SIZES: readonly number[] = [1, 2, 4, 8, 16];

/** A named size this far from `parametersBillion` (either way) is worth a warning. */
const SIZE_MISMATCH_FACTOR = 2;

/** Names of the online models, each once (a duplicate name is reported by 'unique-model-names'). */
const onlineModels = (spec: InferenceSpec) => [...new Set(spec.models.filter((m) => m.serve === 'online').map((m) => m.name))];

/** The cross-field rules, in the order their issues are reported; every rule always runs. */
export const SPEC_RULES: readonly SpecRule[] = [
  {
    id: 'unique-model-names',
    description: 'Model names identify pools, services and routes, so they must be unique.',
    reads: ['modelNames'],
    check: (spec) => {
      const seen = new Map<string, number>();
      const out: SpecIssue[] = [];
      spec.models.forEach((m, i) => {
        const first = seen.get(m.name);
        if (first !== undefined) out.push(issue('unique-model-names', ['models', i, 'name'], `duplicate model name '${m.name}' (also models[${first}].name); names must be unique`));
        else seen.set(m.name, i);
      });
      return out;
    },
  },
  {
    id: 'replica-bounds',
    description: 'replicas.min <= replicas.max, and the on-demand base fits within max.',
    reads: ['models'],
    perItem: true,
    check: (spec) =>
      spec.models.flatMap((m, i) => {
        const out: SpecIssue[] = [];
        if (m.replicas.min > m.replicas.max)
          out.push(issue('replica-bounds', ['models', i, 'replicas', 'min'], `min (${m.replicas.min}) is greater than max (${m.replicas.max}); set min <= max`));
        if (m.capacity.onDemandBase > m.replicas.max)
          out.push(issue('replica-bounds', ['models', i, 'capacity', 'onDemandBase'], `onDemandBase (${m.capacity.onDemandBase}) is greater than replicas.max (${m.replicas.max}); set it to at most ${m.replicas.max}`));
        return out;
      }),
  },
  {
    id: 'custom-engine-image',
    description: "engine: custom has no default image, so 'image' is required.",
    reads: ['models'],
    perItem: true,
    check: (spec) =>
      spec.models.flatMap((m, i) =>
        m.engine === 'custom' && !m.image
          ? [issue('custom-engine-image', ['models', i, 'image'], "engine 'custom' needs an image; set image (pinned tag or digest, e.g. registry.example.com/worker:1.0.0)")]
          : [],
      ),
  },
  {
    id: 'queue-consumer-image',
    description: 'A queue pool runs the user\'s consumer; the vLLM server does not read a queue.',
    reads: ['models'],
    perItem: true,
    check: (spec) =>
      spec.models.flatMap((m, i) =>
        m.serve === 'queue' && m.engine !== 'custom'
          ? [issue('queue-consumer-image', ['models', i, 'engine'], `serve: queue runs your consumer image, but engine is '${m.engine}' (its server does not read a queue); set engine: custom and image: <your consumer, pinned>`)]
          : [],
      ),
  },
  {
    id: 'queue-required',
    description: "A model with serve: queue consumes the stack's request queue, so 'queue' must be set.",
    reads: ['modelNames', 'queue'],
    check: (spec) => {
      const i = spec.models.findIndex((m) => m.serve === 'queue');
      return i >= 0 && !spec.queue
        ? [issue('queue-required', ['queue'], `models[${i}] ('${spec.models[i].name}') has serve: queue but no queue is configured; add queue: { maxDeliveryAttempts: 5, visibilityTimeoutSeconds: 900, retentionHours: 96 }`)]
        : [];
    },
  },
  {
    id: 'queue-unused',
    description: 'A queue no model consumes would be provisioned and billed for nothing.',
    reads: ['modelNames', 'queue'],
    check: (spec) =>
      spec.queue && !spec.models.some((m) => m.serve === 'queue')
        ? [issue('queue-unused', ['queue'], 'queue is set but no model has serve: queue; remove queue, or set serve: queue (with engine: custom and image) on the model that consumes it')]
        : [],
  },
  {
    id: 'routing-required',
    description: 'With more than one online model, the router needs to know which gets what.',
    reads: ['modelNames', 'routing'],
    check: (spec) => {
      const online = onlineModels(spec);
      return online.length > 1 && !spec.routing
        ? [issue('routing-required', ['routing'], `${online.length} online models (${quoteList(online, 'and')}) need routing; add routing: { default: ${online[0]} }`)]
        : [];
    },
  },
  {
    id: 'routing-targets',
    description: 'Every route, default and fallback names an existing online model.',
    reads: ['modelNames', 'routing'],
    check: (spec) => {
      if (!spec.routing) return [];
      const online = onlineModels(spec);
      const all = spec.models.map((m) => m.name);
      const check = (name: string, path: SpecPath): SpecIssue[] => {
        if (online.includes(name)) return [];
        if (all.includes(name)) return [issue('routing-targets', path, `model '${name}' has serve: queue; routing can only send to online models (${quoteList(online)})`)];
        return [issue('routing-targets', path, `unknown model '${name}'.${didYouMean(name, online) || ` Online models: ${quoteList(online)}.`}`)];
      };
      const r = spec.routing;
      return [
        ...check(r.default, ['routing', 'default']),
        ...r.rules.flatMap((rule, i) => [
          ...check(rule.to, ['routing', 'rules', i, 'to']),
          ...(rule.when.minPromptTokens === undefined && rule.when.header === undefined
            ? [issue('routing-targets', ['routing', 'rules', i, 'when'], 'a rule needs a condition: minPromptTokens or header')]
            : []),
        ]),
        ...Object.entries(r.fallbacks).flatMap(([from, tos]) => [
          ...check(from, ['routing', 'fallbacks', from]),
          ...tos.flatMap((to, j) => check(to, ['routing', 'fallbacks', from, j])),
        ]),
      ];
    },
  },
  {
    id: 'budget-thresholds',
    description: 'Alert thresholds are positive and strictly ascending.',
    reads: ['budget'],
    check: (spec) => {
      const t = spec.budget?.alertThresholdsPercent ?? [];
      const out: SpecIssue[] = [];
      t.forEach((v, i) => {
        if (!(v > 0)) out.push(issue('budget-thresholds', ['budget', 'alertThresholdsPercent', i], `threshold ${v} must be positive (percent of monthlyUsd, e.g. 80)`));
        else if (i > 0 && v <= t[i - 1]) out.push(issue('budget-thresholds', ['budget', 'alertThresholdsPercent', i], `thresholds must ascend: ${v} follows ${t[i - 1]}; e.g. [50, 80, 100]`));
      });
      return out;
    },
  },
  {
    id: 'traffic-profile',
    description: 'Peak >= mean; custom patterns have 24 or 168 hourly weights.',
    reads: ['traffic'],
    check: (spec) => {
      const tr = spec.traffic;
      if (!tr) return [];
      const out: SpecIssue[] = [];
      if (tr.requestsPerSecond.peak < tr.requestsPerSecond.mean)
        out.push(issue('traffic-profile', ['traffic', 'requestsPerSecond', 'peak'], `peak (${tr.requestsPerSecond.peak}) is below mean (${tr.requestsPerSecond.mean}); peak must be >= mean`));
      if (tr.pattern === 'custom') {
        const n = tr.hourlyWeights?.length;
        if (n === undefined) out.push(issue('traffic-profile', ['traffic', 'hourlyWeights'], 'pattern custom needs hourlyWeights: 24 numbers (a day) or 168 (a week)'));
        else if (n !== 24 && n !== 168) out.push(issue('traffic-profile', ['traffic', 'hourlyWeights'], `has ${n} weights; use 24 (a day) or 168 (a week)`));
        else if (!tr.hourlyWeights!.some((w) => w > 0)) out.push(issue('traffic-profile', ['traffic', 'hourlyWeights'], 'all weights are 0; at least one hour must carry traffic'));
      } else if (tr.hourlyWeights !== undefined) {
        out.push(issue('traffic-profile', ['traffic', 'hourlyWeights'], `hourlyWeights is only used with pattern: custom (pattern is '${tr.pattern}'); remove it or set pattern: custom`));
      }
      return out;
    },
  },
  {
    id: 'routing-fallbacks',
    description: 'A model never falls back to itself, and each fallback is listed once.',
    reads: ['routing'],
    check: (spec) =>
      Object.entries(spec.routing?.fallbacks ?? {}).flatMap(([from, tos]) =>
        tos.flatMap((to, j) => {
          if (to === from) return [issue('routing-fallbacks', ['routing', 'fallbacks', from, j], `'${from}' falls back to itself, which retries the failing model; list other online models`)];
          const first = tos.indexOf(to);
          return first < j ? [issue('routing-fallbacks', ['routing', 'fallbacks', from, j], `'${to}' is listed twice (also [${first}]); each fallback is tried once`)] : [];
        }),
      ),
  },
  {
    id: 'model-size',
    description: 'The size a model id names (70B) agrees with parametersBillion, which memory fit and cost use.',
    reads: ['models'],
    perItem: true,
    check: (spec) =>
      spec.models.flatMap((m, i) => {
        const named = namedParametersBillion(m.model);
        if (named === undefined || (m.parametersBillion <= named * SIZE_MISMATCH_FACTOR && m.parametersBillion >= named / SIZE_MISMATCH_FACTOR)) return [];
        return [
          warning(
            'model-size',
            ['models', i, 'parametersBillion'],
            `'${m.model}' names ${named}B parameters but parametersBillion is ${m.parametersBillion}; memory fit and cost use parametersBillion, so set it to the model's size`,
          ),
        ];
      }),
  },
  {
    id: 'tensor-parallel',
    description:
      "vLLM splits a model over a replica's accelerators by tensor parallelism, whose degree must divide the model's attention heads (vllm ModelConfig.verify_with_parallel_config); heads are powers of two or multiples of 8, so only 1, 2, 4, 8 and 16 are dependable.",
    reads: ['models'],
    perItem: true,
    check: (spec) =>
      spec.models.flatMap((m, i) => {
        if (m.engine !== 'vllm') return [];
        const requests: { path: SpecPath; req: AcceleratorRequest }[] = [
          { path: ['models', i, 'accelerator'], req: m.accelerator },
          ...(['aws', 'gcp', 'azure'] as const).flatMap((c) => (m.overrides?.[c]?.accelerator ? [{ path: ['models', i, 'overrides', c, 'accelerator'] as SpecPath, req: m.overrides[c]!.accelerator! }] : [])),
        ];
        return requests.flatMap(({ path, req }) => {
          // Only an explicit count can be wrong: TPU topologies have power-of-two chip counts.
          if (req.count === undefined || TENSOR_PARALLEL_SIZES.includes(req.count)) return [];
          const lower = [...TENSOR_PARALLEL_SIZES].reverse().find((n) => n < req.count!);
          const higher = TENSOR_PARALLEL_SIZES.find((n) => n > req.count!);
          return [
            issue(
              'tensor-parallel',
              [...path, 'count'],
              `vLLM would split the model over ${req.count} accelerators (tensor parallelism ${req.count}), which must divide the model's attention heads; almost no model has a head count ${req.count} divides. Use count ${[lower, higher].filter((n) => n !== undefined).join(' or ')} (1, 2, 4, 8 or 16), or engine: custom with a server that uses ${req.count}`,
            ),
          ];
        });
      }),
  },
  {
    id: 'router-clients-need-router',
    description: 'network.routerClients opens the router to clients; without an online model there is no router.',
    reads: ['network', 'models'],
    check: (spec) =>
      spec.network?.routerClients && onlineModels(spec).length === 0
        ? [issue('router-clients-need-router', ['network', 'routerClients'], 'routerClients is set but no model has serve: online, so there is no router to reach; remove network.routerClients')]
        : [],
  },
  {
    id: 'targets-present',
    description: 'At least one target: a target\'s presence means "deploy there".',
    reads: ['targets'],
    check: (spec) =>
      Object.values(spec.targets).some((t) => t !== undefined)
        ? []
        : [issue('targets-present', ['targets'], 'no target; add at least one of aws: { region }, gcp: { project, region }, azure: { location }')],
  },
];

/** Run every spec rule; never throws on a structurally valid spec. */
export function runSpecRules(spec: InferenceSpec, rules: readonly SpecRule[] = SPEC_RULES): SpecIssue[] {
  return rules.flatMap((r) => r.check(spec));
}
