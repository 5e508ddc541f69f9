/**
 * AWS synthesis timings per example: a real CDK synth (construct tree, CloudFormation template,
 * asset staging into a temporary cloud assembly, the built-in CloudFormation schema check), and
 * the same with cdk-nag AwsSolutions and the cfn-guard Control Tower rules as the tests run them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, IPolicyValidationPluginBeta1, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadSpecFile } from '../lib/load';
import { resolvePlan } from '../lib/plan/resolve';
import { awsStackName, InferenceStack } from '../stacks/aws-stack';
import { BenchResult, time } from './time';
import { generateSpec } from './generate';
import { CFN_QUOTAS, mainTemplate, templateFigures } from '../test/aws/support/scale';

const EXAMPLES = ['support-assistant', 'batch-embeddings', 'minimal-aws'];

function synth(example: string, validate: boolean): void {
  const outdir = mkdtempSync(join(tmpdir(), 'inferstack-bench-'));
  try {
    const app = new App({ outdir });
    if (validate) {
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      Validations.of(app).addPlugins(new CfnGuardValidator() as unknown as IPolicyValidationPluginBeta1);
    }
    const spec = loadSpecFile(join(__dirname, '..', 'examples', `${example}.yaml`));
    new InferenceStack(app, awsStackName(resolvePlan(spec, 'aws')), { spec });
    app.synth();
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Synthesis of generated specs at scale, with the figures CloudFormation's quotas apply to: the
 * main template's size and resources, and the largest pool stack (test/aws/scale.test.ts projects
 * the same from 1 and 10 models).
 */
function benchScale(models: number): BenchResult {
  const t = performance.now();
  const figures = templateFigures(generateSpec(models));
  const ms = performance.now() - t;
  const main = mainTemplate(figures);
  const nested = figures.filter((f) => f.nested);
  const largest = Math.max(...nested.map((f) => f.bytes));
  const kb = (b: number) => `${(b / 1000).toFixed(0)} KB`;
  return {
    name: `aws synth ${models} models: main ${kb(main.bytes)} of ${kb(CFN_QUOTAS.templateBytes)}, ${main.resources} of ${CFN_QUOTAS.resources} resources; ${nested.length} pool stacks, largest ${kb(largest)}`,
    ms,
    runs: 1,
  };
}

/** Median milliseconds of `synthAwsTemplates`-equivalent synthesis per example, then with nag and guard, then at scale. */
export function benchAws(): BenchResult[] {
  const out: BenchResult[] = [];
  for (const example of EXAMPLES) out.push(time(`aws synth ${example}`, () => synth(example, false), { minRuns: 3, maxRuns: 3, minMs: 0 }));
  // Validation is slow (cfn-guard evaluates every Control Tower rule): one run each, after the warm-ups above.
  for (const example of EXAMPLES) {
    const t = performance.now();
    synth(example, true);
    out.push({ name: `aws synth ${example} + cdk-nag + cfn-guard`, ms: performance.now() - t, runs: 1 });
  }
  for (const models of [100, 300]) out.push(benchScale(models));
  return out;
}
