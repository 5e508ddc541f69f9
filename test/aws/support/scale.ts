/**
 * Template figures of a synthesized AWS stack against CloudFormation's quotas (shared by the
 * scale test and the benchmark). Quotas from "Understand CloudFormation quotas"
 * (docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html): a template
 * body in S3 of at most 1 MB, at most 500 resources, 200 parameters and 200 outputs per template.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { defineSpec } from '../../../lib';
import { resolvePlan } from '../../../lib/plan/resolve';
import { InferenceSpecInput } from '../../../lib/spec/schema';
import { awsStackName, InferenceStack } from '../../../stacks/aws-stack';

export const CFN_QUOTAS = { templateBytes: 1_000_000, resources: 500, parameters: 200, outputs: 200 } as const;

/** One template as CloudFormation receives it: the file `cdk deploy` uploads. */
export interface TemplateFigures {
  readonly file: string;
  readonly nested: boolean;
  readonly bytes: number;
  readonly resources: number;
  readonly parameters: number;
  readonly outputs: number;
  /** Logical id to the JSON of the resource, to diff syntheses. */
  readonly body: Readonly<Record<string, string>>;
}

/** Synthesize a spec (no policy validation, assets referenced in place) and measure every template. */
export function templateFigures(input: InferenceSpecInput): TemplateFigures[] {
  const spec = defineSpec(input);
  const outdir = mkdtempSync(join(tmpdir(), 'inferstack-scale-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:disable-asset-staging': true }, builtinCloudFormationValidation: false });
    new InferenceStack(app, awsStackName(resolvePlan(spec, 'aws')), { spec });
    const dir = app.synth().directory;
    return readdirSync(dir)
      .filter((f) => f.endsWith('.template.json'))
      .sort()
      .map((file) => {
        const path = join(dir, file);
        const t = JSON.parse(readFileSync(path, 'utf8'));
        const resources = (t.Resources ?? {}) as Record<string, unknown>;
        return {
          file,
          nested: file.endsWith('.nested.template.json'),
          bytes: statSync(path).size,
          resources: Object.keys(resources).length,
          parameters: Object.keys(t.Parameters ?? {}).length,
          outputs: Object.keys(t.Outputs ?? {}).length,
          body: Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, JSON.stringify(r)])),
        };
      });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The main template of a synthesis. */
export const mainTemplate = (figures: readonly TemplateFigures[]): TemplateFigures => figures.find((f) => !f.nested)!;
