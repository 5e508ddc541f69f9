/**
 * CDK app entry (`cdk.json`: `npx tsx bin/app.ts`). Context:
 *   -c spec=examples/support-assistant.yaml   the spec to deploy (default shown)
 *   -c admins=arn:aws:iam::111122223333:role/Admin,...   principals that may run kubectl
 *   -c apiAllowedCidrs=203.0.113.0/24,...     open the Kubernetes API to these networks
 *   -c alarmEmails=oncall@example.com,...     subscribe to queue alarms and budget notifications
 * An invalid spec prints every problem with its file position and exits 1, without a stack trace.
 */
import { App } from 'aws-cdk-lib';
import { BudgetExceededError } from '../lib/cost';
import { loadSpecFile } from '../lib/load';
import { resolvePlan } from '../lib/plan/resolve';
import { formatIssue, SpecFileError, SpecValidationError } from '../lib/spec/errors';
import { awsStackName, InferenceStack } from '../stacks/aws-stack';

const DEFAULT_SPEC = 'examples/support-assistant.yaml';

const app = new App();
const list = (key: string): string[] | undefined => {
  const raw: unknown = app.node.tryGetContext(key);
  if (raw === undefined || raw === '') return undefined;
  return (Array.isArray(raw) ? raw.map(String) : String(raw).split(',')).map((s) => s.trim()).filter(Boolean);
};
const specPath = String(app.node.tryGetContext('spec') ?? DEFAULT_SPEC);

try {
  const spec = loadSpecFile(specPath);
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
    process.stderr.write(`${e.issues.map((i) => formatIssue(i, e.file)).join('\n')}\n${e.issues.length} problem${e.issues.length === 1 ? '' : 's'} found in ${specPath}.\n`);
    process.exit(1);
  }
  if (e instanceof BudgetExceededError) {
    process.stderr.write(`inferstack: ${specPath}: ${e.message}\n`);
    process.exit(1);
  }
  if (e instanceof SpecFileError) {
    process.stderr.write(`inferstack: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
