/** How the traffic splits across pools: the router's rules for online pools, the queue for queue pools. */
import { RouterPlan } from '../plan/types';
import { queueConsumers, routerRouting } from '../plan/routing';
import type { InferenceSpec, TrafficSpec } from '../spec/types';
import { DEFAULT_HEADER_MATCH_SHARE, DEFAULT_LONG_PROMPT_SHARE } from './model';

/** The part of the traffic one pool receives. */
export interface PoolShare {
  /** Share of the traffic's requests (0..1). */
  readonly share: number;
  /** Mean prompt tokens of those requests. */
  readonly inputTokens: number;
  /** Mean output tokens of those requests. */
  readonly outputTokens: number;
}

/** Per pool name, its share; plus the assumptions the split rests on. */
export interface RoutingSplit {
  readonly shares: ReadonlyMap<string, PoolShare>;
  readonly assumptions: readonly string[];
}

/** Above this many header combinations the split treats rules as independent instead of enumerating. */
const MAX_STATES = 4096;

type Rule = RouterPlan['rules'][number];

/** What the split needs from a plan (or from a spec): pools with their serve mode, the router, the queue's consumers. */
export interface RoutedStack {
  readonly pools: readonly { readonly name: string; readonly serve: 'online' | 'queue' }[];
  readonly router?: Pick<RouterPlan, 'default' | 'rules'>;
  readonly queue?: { readonly consumers: readonly string[] };
}

/**
 * Split the traffic across pools.
 *
 * Online pools: the router applies its rules in order and the first match wins; unmatched
 * requests go to the default. A request has a long prompt (at or above a rule's
 * `minPromptTokens`) with probability `traffic.longPromptShare`, the same share for every
 * threshold; it carries a rule's header value with probability `traffic.headerMatchShare`,
 * independently of its prompt, and values of one header exclude each other. Long prompts are
 * taken to average the smallest threshold (at least the mean), and the other prompts shrink so
 * the overall mean stays `traffic.inputTokens`. Fallbacks carry no traffic (they fire on errors).
 *
 * Queue pools: each consumer of the queue takes an equal part of the queued requests. When a
 * spec has both kinds, the one traffic profile is applied to the router and to the queue alike
 * (the spec has no field for the split, so the estimate errs high).
 */
export function routingSplit(plan: RoutedStack, traffic: TrafficSpec): RoutingSplit {
  const shares = new Map<string, PoolShare>();
  const assumptions: string[] = [];
  const out = traffic.outputTokens;
  const online = plan.pools.filter((p) => p.serve === 'online').map((p) => p.name);
  const queued = plan.queue?.consumers.length ? [...plan.queue.consumers] : plan.pools.filter((p) => p.serve === 'queue').map((p) => p.name);
  const add = (name: string, share: number, inputTokens: number) => {
    const prev = shares.get(name);
    const s = (prev?.share ?? 0) + share;
    const tokens = s > 0 ? ((prev?.share ?? 0) * (prev?.inputTokens ?? 0) + share * inputTokens) / s : inputTokens;
    shares.set(name, { share: s, inputTokens: tokens, outputTokens: out });
  };
  if (online.length && queued.length) {
    assumptions.push('The spec has online and queue models but one traffic profile: both the router and the queue are costed at the full profile (an overestimate when the traffic is split between them).');
  }
  if (online.length) {
    const router = plan.router;
    if (!router || router.rules.length === 0) {
      const target = router && online.includes(router.default) ? [router.default] : online;
      for (const name of target) add(name, 1 / target.length, traffic.inputTokens);
      if (!router && online.length > 1) assumptions.push(`No router in the plan: online traffic split evenly across ${online.join(', ')}.`);
    } else {
      splitByRules(router.default, router.rules, traffic, add, assumptions);
    }
  }
  if (queued.length) {
    for (const name of queued) add(name, 1 / queued.length, traffic.inputTokens);
    if (queued.length > 1) assumptions.push(`Queue consumers ${queued.join(', ')} each take an equal part of the queued requests.`);
  }
  for (const p of plan.pools) if (!shares.has(p.name)) shares.set(p.name, { share: 0, inputTokens: traffic.inputTokens, outputTokens: out });
  return { shares, assumptions };
}

function splitByRules(defaultPool: string, rules: readonly Rule[], traffic: TrafficSpec, add: (name: string, share: number, inputTokens: number) => void, assumptions: string[]) {
  const longShare = traffic.longPromptShare ?? DEFAULT_LONG_PROMPT_SHARE;
  const headerShare = traffic.headerMatchShare ?? DEFAULT_HEADER_MATCH_SHARE;
  const thresholds = rules.flatMap((r) => (r.minPromptTokens !== undefined ? [r.minPromptTokens] : []));
  const headerNames = [...new Set(rules.flatMap((r) => (r.header ? [r.header.name] : [])))];
  if (thresholds.length) {
    assumptions.push(
      `${fmtShare(longShare)} of requests have prompts at or above ${thresholds.map((t) => `${t}`).join('/')} tokens (${traffic.longPromptShare === undefined ? 'default assumption; set traffic.longPromptShare' : 'traffic.longPromptShare'}).`,
    );
  }
  if (headerNames.length) {
    assumptions.push(
      `${fmtShare(headerShare)} of requests carry each routing header value (${headerNames.join(', ')}) (${traffic.headerMatchShare === undefined ? 'default assumption; set traffic.headerMatchShare' : 'traffic.headerMatchShare'}).`,
    );
  }
  const longTokens = thresholds.length ? Math.max(traffic.inputTokens, Math.min(...thresholds)) : traffic.inputTokens;
  let shortTokens = traffic.inputTokens;
  if (thresholds.length && longShare < 1) {
    shortTokens = (traffic.inputTokens - longShare * longTokens) / (1 - longShare);
    if (shortTokens < 0) {
      assumptions.push(`A mean prompt of ${traffic.inputTokens} tokens cannot include ${fmtShare(longShare)} prompts of ${longTokens}+ tokens; the other prompts are taken as empty.`);
      shortTokens = 0;
    }
  }
  const values = headerNames.map((n) => [...new Set(rules.flatMap((r) => (r.header?.name === n ? [r.header.value] : [])))]);
  const states = values.reduce((p, v) => p * (v.length + 1), 2);
  const first = (long: boolean, has: (name: string, value: string) => boolean): string =>
    rules.find((r) => (r.minPromptTokens === undefined || long) && (!r.header || has(r.header.name, r.header.value)))?.to ?? defaultPool;
  if (states > MAX_STATES) {
    // Too many header combinations to enumerate: treat each rule's match as independent.
    assumptions.push('Many routing headers: rules are treated as matching independently of each other.');
    let rest = 1;
    for (const r of rules) {
      const p = (r.minPromptTokens !== undefined ? longShare : 1) * (r.header ? headerShare : 1);
      add(r.to, rest * p, r.minPromptTokens !== undefined ? longTokens : traffic.inputTokens);
      rest *= 1 - p;
    }
    add(defaultPool, rest, traffic.inputTokens);
    return;
  }
  // Each header name takes one of its values (share each) or none.
  const choiceProbs = values.map((v) => {
    const each = v.length * headerShare > 1 ? 1 / v.length : headerShare;
    return [Math.max(0, 1 - v.length * each), ...v.map(() => each)];
  });
  const pick = new Array<number>(headerNames.length).fill(0);
  for (;;) {
    let p = 1;
    for (let i = 0; i < pick.length; i++) p *= choiceProbs[i][pick[i]];
    if (p > 0) {
      const has = (name: string, value: string) => {
        const i = headerNames.indexOf(name);
        return pick[i] > 0 && values[i][pick[i] - 1] === value;
      };
      if (1 - longShare > 0) add(first(false, has), p * (1 - longShare), shortTokens);
      if (longShare > 0) add(first(true, has), p * longShare, longTokens);
    }
    let i = 0;
    while (i < pick.length && ++pick[i] > values[i].length) pick[i++] = 0;
    if (i === pick.length) break;
  }
}

const fmtShare = (s: number) => `${Number((s * 100).toPrecision(3))}%`;

/** The routed shape of a spec, as `resolvePlan` builds it (one online model routes to itself). */
export function routedStackOf(spec: InferenceSpec): RoutedStack {
  const router = routerRouting(spec);
  const consumers = queueConsumers(spec);
  return {
    pools: spec.models.map((m) => ({ name: m.name, serve: m.serve })),
    ...(router ? { router } : {}),
    ...(consumers.length ? { queue: { consumers } } : {}),
  };
}
