/**
 * CDK app entry (`cdk.json`: `node dist/bin/app.js`, built by `npm run build`). Context:
 *   -c spec=examples/support-assistant.yaml   the spec to deploy (default shown)
 *   -c admins=arn:aws:iam::111122223333:role/Admin,...   principals that may run kubectl
 *   -c apiAllowedCidrs=203.0.113.0/24,...     open the Kubernetes API to these networks
 *   -c alarmEmails=oncall@example.com,...     subscribe to queue alarms and budget notifications
 *   -c inferstack:validate=true               also run aws-cdk-lib's built-in CloudFormation
 *                                             validation (off by default: see docs/aws.md)
 * An invalid spec prints every problem with its file position and exits 1, without a stack trace.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { BudgetExceededError } from '../lib/cost';
import { loadSpecFileChecked } from '../lib/load';
import { resolvePlan } from '../lib/plan/resolve';
import { escapeControl, formatIssue, SpecFileError, SpecValidationError } from '../lib/spec/errors';
import { awsStackName, InferenceStack } from '../stacks/aws-stack';

const DEFAULT_SPEC = 'examples/support-assistant.yaml';

/** Context key that turns aws-cdk-lib's built-in CloudFormation validation on for this synth. */
export const VALIDATE_CONTEXT_KEY = 'inferstack:validate';

/**
 * The CLI's context as the app receives it (`CDK_CONTEXT_JSON`, or the overflow file the CLI
 * writes when the context is large), read before the App exists because the built-in validation
 * is an App property.
 */
function cliContext(): Record<string, unknown> {
  try {
    const inline = process.env[cxapi.CONTEXT_ENV];
    const overflow = process.env[cxapi.CONTEXT_OVERFLOW_LOCATION_ENV];
    return { ...(overflow ? JSON.parse(readFileSync(overflow, 'utf8')) : {}), ...(inline ? JSON.parse(inline) : {}) };
  } catch {
    return {};
  }
}

// aws-cdk-lib 2.276's built-in CloudFormation validation costs about 3 s and 220 MiB per synth;
// inferstack's tests run it (with cdk-nag and cfn-guard) on every template they render, so an
// everyday synth skips it unless asked (docs/aws.md, "Synthesis speed and validation").
const validate = String(cliContext()[VALIDATE_CONTEXT_KEY] ?? 'false') === 'true';
const app = new App({ builtinCloudFormationValidation: validate });
const list = (key: string): string[] | undefined => {
  const raw: unknown = app.node.tryGetContext(key);
  if (raw === undefined || raw === '') return undefined;
  return (Array.isArray(raw) ? raw.map(String) : String(raw).split(',')).map((s) => s.trim()).filter(Boolean);
};
const specPath = String(app.node.tryGetContext('spec') ?? DEFAULT_SPEC);

try {
  const { spec, warnings } = loadSpecFileChecked(specPath);
  // Warnings do not stop the synth; they are printed like `inferstack validate` prints them.
  if (warnings.length) process.stderr.write(`${warnings.map((w) => formatIssue(w, specPath)).join('\n')}\n`);
  const plan = resolvePlan(spec, 'aws');
  new InferenceStack(app, awsStackName(plan), {
    spec,
    plan,
    adminPrincipalArns: list('admins'),
    publicApiCidrs: list('apiAllowedCidrs'),
    alarmEmails: list('alarmEmails'),
  });
} catch (e) {
  if (e instanceof SpecValidationError) {
    process.stderr.write(`${e.issues.map((i) => formatIssue(i, e.file)).join('\n')}\n${e.issues.length} problem${e.issues.length === 1 ? '' : 's'} found in ${escapeControl(specPath)}.\n`);
    process.exit(1);
  }
  if (e instanceof BudgetExceededError) {
    process.stderr.write(`inferstack: ${escapeControl(specPath)}: ${escapeControl(e.message)}\n`);
    process.exit(1);
  }
  if (e instanceof SpecFileError) {
    process.stderr.write(`inferstack: ${escapeControl(e.message)}\n`);
    process.exit(2);
  }
  throw e;
}
