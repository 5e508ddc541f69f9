/** The tags every resource of a stack carries: inferstack's own, then the spec's. */
import { InferenceSpec } from '../spec/schema';

/** Tag key the budget filters on; its value is the stack name. */
export const STACK_TAG_KEY = 'inferstack-stack';

export function stackTags(spec: InferenceSpec): Record<string, string> {
  return {
    [STACK_TAG_KEY]: spec.metadata.name,
    'inferstack-environment': spec.metadata.environment,
    'managed-by': 'inferstack',
    ...spec.tags,
  };
}
