/** Argument validation of the GCP components: every problem at once, each naming its property. */
import * as pulumi from '@pulumi/pulumi';

/** One invalid argument: its path from the component's args (`args.plan.queue`) and why. */
export interface ArgProblem {
  readonly path: string;
  readonly reason: string;
}

/**
 * Throw when `problems` is not empty: a `pulumi.InputPropertyError` for one problem, a
 * `pulumi.InputPropertiesError` listing every problem for several, so one run reports them all.
 * Messages name the component, the property and what is allowed.
 * @internal
 */
export function assertValidArgs(component: string, name: string, problems: readonly ArgProblem[]): void {
  if (!problems.length) return;
  const line = (p: ArgProblem) => `${component} '${name}': ${p.path}: ${p.reason}`;
  if (problems.length === 1) throw new pulumi.InputPropertyError({ propertyPath: problems[0].path, reason: line(problems[0]) });
  throw new pulumi.InputPropertiesError({
    message: `${component} '${name}' has ${problems.length} invalid arguments:\n${problems.map((p) => `  ${line(p)}`).join('\n')}`,
    errors: problems.map((p) => ({ propertyPath: p.path, reason: p.reason })),
  });
}

/** A problem when a plan given to a GCP component is for another cloud. @internal */
export function planCloudProblem(plan: { readonly cloud: string }, path = 'args.plan'): ArgProblem[] {
  return plan.cloud === 'gcp' ? [] : [{ path, reason: `is a plan for ${plan.cloud}; resolve it for GCP with resolvePlan(spec, 'gcp')` }];
}
