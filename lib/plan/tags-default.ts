/** The tags every resource of a stack carries: inferstack's own, then the spec's. */
import type { InferenceSpec } from '../spec/types';

/** Tag key whose value is the stack name (all environments of a spec). */
export const STACK_TAG_KEY = 'inferstack-stack';

/**
 * Tag key whose value is `<name>-<environment>`: one deployment. Budgets filter on it, so dev and
 * prod of one spec in the same account do not count each other's costs (a budget's tag filter
 * matches values of one key, so the two other tags cannot be combined there).
 */
export const DEPLOYMENT_TAG_KEY = 'inferstack-deployment';

/** Tag key whose value is the environment. */
export const ENVIRONMENT_TAG_KEY = 'inferstack-environment';

/**
 * The identity tags of a stack: who it is, never what it is billed to. Their values follow from
 * `metadata` alone, so no tag edit changes them; node pools carry only these where a tag edit
 * would replace nodes (`plan.costAllocation`).
 */
export function identityTags(spec: Pick<InferenceSpec, 'metadata'>): Record<string, string> {
  return {
    [STACK_TAG_KEY]: spec.metadata.name,
    [ENVIRONMENT_TAG_KEY]: spec.metadata.environment,
    [DEPLOYMENT_TAG_KEY]: `${spec.metadata.name}-${spec.metadata.environment}`,
    'managed-by': 'inferstack',
  };
}

/** The stack's tags before per-cloud normalisation: inferstack's own, overridden by the spec's `tags`. */
export function stackTags(spec: InferenceSpec): Record<string, string> {
  return { ...identityTags(spec), ...spec.tags };
}
