/**
 * Cross-field rules over a structurally valid spec. A table: every rule runs, and each returns
 * all of its issues. Rules that need the catalog (accelerators, regions, memory fit, tags per
 * cloud) live in `lib/plan/checks.ts` and use the same shape.
 */
import { SpecIssue, SpecPath } from './errors';
import { InferenceSpec } from './schema';
import { didYouMean, quoteList } from './suggest';

/** One validation rule: an id, why it exists, and a check returning every violation. */
export interface SpecRule {
  readonly id: string;
  readonly description: string;
  check(spec: InferenceSpec): SpecIssue[];
}

/** An issue found by `rule` at `path` (the loader adds the file position). */
export const issue = (rule: string, path: SpecPath, message: string): SpecIssue => ({ rule, path, message });

/** Names of the online models, each once (a duplicate name is reported by 'unique-model-names'). */
const onlineModels = (spec: InferenceSpec) => [...new Set(spec.models.filter((m) => m.serve === 'online').map((m) => m.name))];

/** The cross-field rules, in the order their issues are reported; every rule always runs. */
export const SPEC_RULES: readonly SpecRule[] = [
  {
    id: 'unique-model-names',
    description: 'Model names identify pools, services and routes, so they must be unique.',
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
    check: (spec) =>
      spec.queue && !spec.models.some((m) => m.serve === 'queue')
        ? [issue('queue-unused', ['queue'], 'queue is set but no model has serve: queue; remove queue, or set serve: queue (with engine: custom and image) on the model that consumes it')]
        : [],
  },
  {
    id: 'routing-required',
    description: 'With more than one online model, the router needs to know which gets what.',
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
    id: 'router-clients-need-router',
    description: 'network.routerClients opens the router to clients; without an online model there is no router.',
    check: (spec) =>
      spec.network?.routerClients && onlineModels(spec).length === 0
        ? [issue('router-clients-need-router', ['network', 'routerClients'], 'routerClients is set but no model has serve: online, so there is no router to reach; remove network.routerClients')]
        : [],
  },
  {
    id: 'targets-present',
    description: 'At least one target: a target\'s presence means "deploy there".',
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
