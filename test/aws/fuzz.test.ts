/**
 * A sample of the fuzz specs (test/support/fuzz-specs.ts) through the real AWS synthesis (issue
 * 12): every spec `validate` accepts (budget included) synthesizes, and its template holds no
 * unresolved CDK token, stays within CloudFormation's resource limit and renders the workload
 * manifests it planned with unique object names. 20 specs in one app, synthesized once without
 * the slow schema check (measured: about 13 s on the 2-core machine).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestedStack } from 'aws-cdk-lib';
import fc from 'fast-check';
import { assertWithinBudget } from '../../lib/cost';
import { checkSpec } from '../../lib/load';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferenceSpec } from '../../lib/spec/schema';
import { InferenceStack } from '../../stacks/aws-stack';
import { generatedSpecs } from '../support/fuzz-specs';
import { testApp } from './support/synth';

/** Accepted specs with an AWS target, as `inferstack validate` decides (structure, rules, catalog, budget). */
function acceptedAwsSpecs(n: number): InferenceSpec[] {
  const out: InferenceSpec[] = [];
  for (const input of fc.sample(generatedSpecs, { numRuns: 2000, seed: 12 })) {
    const { spec } = checkSpec(input);
    if (!spec?.targets.aws) continue;
    try {
      assertWithinBudget(spec, [resolvePlan(spec, 'aws')]);
    } catch {
      continue;
    }
    out.push(spec);
    if (out.length === n) break;
  }
  return out;
}

/** A manifest property as text: a string, or an Fn::Join whose references (role ARNs, queue URLs) become placeholders. */
function manifestText(m: unknown): string {
  if (typeof m === 'string') return m;
  const join = (m as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) throw new Error(`unexpected manifest ${JSON.stringify(m).slice(0, 200)}`);
  return join[1].map((p) => (typeof p === 'string' ? p : 'REF')).join(join[0]);
}

describe('fuzz specs through the AWS synthesis', () => {
  const specs = acceptedAwsSpecs(20);
  const app = testApp();
  const stacks = specs.map((spec, i) => new InferenceStack(app, `Fuzz${i}`, { spec }));
  const assembly = app.synth();

  it('has a sample of 20 accepted specs', () => {
    expect(specs).toHaveLength(20);
  });

  it.each(stacks.map((s, i) => [i, s] as const))('spec %i synthesizes a deployable-looking template', (_i, stack) => {
    type Template = { Resources: Record<string, { Type: string; Properties?: { Manifest?: unknown } }> };
    const template = assembly.getStackByName(stack.stackName).template as Template;
    // The per-model nested stacks hold the pools' manifests (one nested stack per model).
    const nested = stack.node
      .findAll()
      .filter((c): c is NestedStack => c instanceof NestedStack)
      .map((n) => JSON.parse(readFileSync(join(assembly.directory, n.templateFile), 'utf8')) as Template);
    for (const t of [template, ...nested]) {
      expect(JSON.stringify(t)).not.toContain('${Token[');
      expect(Object.keys(t.Resources).length).toBeLessThanOrEqual(500);
    }
    // Every manifest applied to the cluster, as kubectl gets it.
    const objects = [template, ...nested]
      .flatMap((t) => Object.values(t.Resources))
      .filter((r) => r.Type === 'Custom::AWSCDK-EKS-KubernetesResource')
      .flatMap((r) => JSON.parse(manifestText(r.Properties?.Manifest)) as { kind: string; metadata: { name: string; namespace?: string } }[]);
    const keys = objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    const deployments = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    for (const pool of stack.plan.pools) expect(deployments).toContain(pool.resourceName);
  });
});
