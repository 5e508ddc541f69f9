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

/** Median milliseconds of `synthAwsTemplates`-equivalent synthesis per example, then with nag and guard. */
export function benchAws(): BenchResult[] {
  const out: BenchResult[] = [];
  for (const example of EXAMPLES) out.push(time(`aws synth ${example}`, () => synth(example, false), { minRuns: 3, maxRuns: 3, minMs: 0 }));
  // Validation is slow (cfn-guard evaluates every Control Tower rule): one run each, after the warm-ups above.
  for (const example of EXAMPLES) {
    const t = performance.now();
    synth(example, true);
    out.push({ name: `aws synth ${example} + cdk-nag + cfn-guard`, ms: performance.now() - t, runs: 1 });
  }
  return out;
}
