/**
 * Who serves what, derived from the spec once for the plan and the cost model: the router (one
 * online model routes to itself) and the queue's consumers.
 */
import type { InferenceSpec } from '../spec/types';

/** The router's routing, as the plan carries it. */
export interface RouterRouting {
  /** Model that gets requests no rule matches. */
  readonly default: string;
  /** Routing rules, first match wins. */
  readonly rules: readonly { readonly to: string; readonly minPromptTokens?: number; readonly header?: { readonly name: string; readonly value: string } }[];
  /** Per model, the models retried in order when it fails. */
  readonly fallbacks: Readonly<Record<string, readonly string[]>>;
  /** The online models the router serves. */
  readonly models: readonly string[];
}

/** The router's routing, or undefined when the spec has no online model. */
export function routerRouting(spec: InferenceSpec): RouterRouting | undefined {
  const online = spec.models.filter((m) => m.serve === 'online').map((m) => m.name);
  if (online.length === 0) return undefined;
  const routing = spec.routing ?? { default: online[0], rules: [], fallbacks: {} };
  return { default: routing.default, rules: routing.rules.map((r) => ({ to: r.to, ...r.when })), fallbacks: routing.fallbacks, models: online };
}

/** Models that consume the request queue (`serve: queue`). */
export function queueConsumers(spec: InferenceSpec): string[] {
  return spec.models.filter((m) => m.serve === 'queue').map((m) => m.name);
}
