/**
 * Shared synthesis for the AWS tests: each example is synthesized once per test file (EKS
 * synthesis is the slow part), optionally with cdk-nag AwsSolutionsChecks and the cfn-guard
 * Control Tower rules as CDK policy-validation plugins.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, IPolicyValidationPluginBeta1, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadSpecFile } from '../../../lib/load';
import { InferenceSpec } from '../../../lib/spec/schema';
import { awsStackName, InferenceStack, InferenceStackProps } from '../../../stacks/aws-stack';
import { resolvePlan } from '../../../lib/plan/resolve';

export const ROOT = path.resolve(__dirname, '../../..');

/** Examples with an AWS target. */
export const AWS_EXAMPLES = ['support-assistant', 'batch-embeddings', 'minimal-aws'] as const;
export type AwsExample = (typeof AWS_EXAMPLES)[number];

export function exampleSpec(name: string): InferenceSpec {
  return loadSpecFile(path.join(ROOT, 'examples', `${name}.yaml`));
}

/**
 * An App for tests: resource paths in the template metadata (tests find resources by construct
 * path), asset staging off (the 37 MB kubectl layer is referenced in place instead of
 * copied on every synth) and, with `validate`, cdk-nag and cfn-guard registered (plus the
 * built-in CloudFormation schema check unless `schemaCheck` is false).
 */
export function testApp(validate = false, schemaCheck = validate): App {
  const app = new App({
    context: { 'aws:cdk:disable-asset-staging': true, 'aws:cdk:enable-path-metadata': true },
    // The built-in CloudFormation schema check costs ~15 s per app; it runs with the others.
    builtinCloudFormationValidation: schemaCheck,
  });
  if (validate) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // cdk-validator-cfnguard implements the Beta1 plugin interface that Validations still accepts.
    Validations.of(app).addPlugins(new CfnGuardValidator() as unknown as IPolicyValidationPluginBeta1);
  }
  return app;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: InferenceStack;
  readonly template: Template;
  /** Wall time of construction plus synthesis (and validation, when on) of the whole app. */
  readonly ms: number;
}

/**
 * Build the stacks of several examples in ONE app and synthesize it once. With `validate`, the
 * policy plugins then run once for all of them: cfn-guard and the built-in CloudFormation check
 * cost a fixed ~20 s and ~15 s per app, whatever the number of stacks. `addToApp` adds further
 * stacks to the same validation pass.
 */
export function synthExamples(
  names: readonly string[],
  options: { validate?: boolean; props?: Partial<InferenceStackProps>; addToApp?: (app: App) => void } = {},
): Map<string, Synthesized> {
  const t0 = Date.now();
  const app = testApp(options.validate);
  const stacks = names.map((name) => {
    const spec = exampleSpec(name);
    return [name, new InferenceStack(app, awsStackName(resolvePlan(spec, 'aws')), { spec, ...options.props })] as const;
  });
  options.addToApp?.(app);
  app.synth();
  const ms = Date.now() - t0;
  return new Map(stacks.map(([name, stack]) => [name, { app, stack, template: Template.fromStack(stack), ms }]));
}

/** The policy-validation report of a synthesized app. */
export interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly { readonly ruleName: string; readonly violatingConstructs?: readonly { readonly constructPath: string }[] }[];
    readonly suppressedViolations?: readonly { readonly ruleName: string; readonly reason?: string; readonly violatingConstructs?: readonly { readonly constructPath: string }[] }[];
  }[];
}

export function validationReport(app: App): ValidationReport {
  return JSON.parse(readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
}

/**
 * Assert the synthesized app has no unacknowledged finding of any plugin. Checking the report
 * matters: once an app holds any acknowledgement, aws-cdk-lib re-derives each report's success
 * from severities, so an unacknowledged cfn-guard finding may not fail `app.synth()` by itself.
 */
export function expectNoFindings(app: App): void {
  for (const plugin of validationReport(app).pluginReports) {
    const findings = plugin.violations.map((v) => `${v.ruleName} at ${(v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ')}`);
    expect({ plugin: plugin.pluginName, findings }).toEqual({ plugin: plugin.pluginName, findings: [] });
  }
}

/** The stack's template and the template of every pool's nested stack. */
export function templatesOf(s: Synthesized): Template[] {
  return [s.template, ...Object.values(s.stack.deployment.poolStacks).map((n) => Template.fromStack(n))];
}

/** Resources of one type across several templates (logical ids are unique per template only, so keyed by template index). */
export function resourcesIn(templates: readonly Template[], type: string, fragment: string): Record<string, any> {
  return Object.fromEntries(templates.flatMap((t, i) => Object.entries(resourcesAt(t, type, fragment)).map(([id, r]) => [`${i}/${id}`, r])));
}

/** Resources of one type (logical id to resource) whose construct path contains `fragment`. */
export function resourcesAt(template: Template, type: string, fragment: string): Record<string, any> {
  return Object.fromEntries(
    Object.entries(template.findResources(type)).filter(([, r]) => String((r as { Metadata?: Record<string, string> }).Metadata?.['aws:cdk:path'] ?? '').includes(fragment)),
  );
}

/**
 * Kubernetes objects of a `Custom::AWSCDK-EKS-KubernetesResource`: its `Manifest` is JSON, a
 * string or an `Fn::Join` when it embeds tokens (rendered here as `${Ref:Id}` / `${Id.Attr}`).
 */
export function manifestObjects(resource: { readonly [key: string]: any }): Record<string, any>[] {
  return JSON.parse(flatten(resource.Properties.Manifest)) as Record<string, any>[];
}

/** Concatenate an Fn::Join of literals and references into one string with readable placeholders. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(flatten).join(v['Fn::Join'][0]);
  if (v.Ref) return `\${Ref:${v.Ref}}`;
  if (v['Fn::GetAtt']) return `\${${v['Fn::GetAtt'].join('.')}}`;
  return JSON.stringify(v).replace(/"/g, "'");
}

/** Every acknowledgement recorded in the construct tree: rule id, where, and the reason given. */
export interface RecordedAcknowledgement {
  readonly id: string;
  readonly path: string;
  readonly reason: string;
}

export function acknowledgementsOf(scope: IConstruct): RecordedAcknowledgement[] {
  const out: RecordedAcknowledgement[] = [];
  for (const c of scope.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) out.push({ id, path: c.node.path, reason });
    }
  }
  return out;
}
