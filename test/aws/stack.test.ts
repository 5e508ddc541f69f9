/**
 * Every example with an AWS target and every composition of support/composition.ts, synthesized
 * in one app with cdk-nag AwsSolutionsChecks and the cfn-guard Control Tower proactive controls:
 * no unacknowledged finding, a template snapshot
 * (asset hashes stripped by test/support/asset-hash-serializer.js), the stack outputs and an
 * offline synthesis (no context lookups).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Template } from 'aws-cdk-lib/assertions';
import { InferenceStack, synthAwsTemplates } from '../../stacks/aws-stack';
import { addCompositionStacks, CompositionStacks } from './support/composition';
import { AWS_EXAMPLES, acknowledgementsOf, exampleSpec, expectNoFindings, Synthesized, synthExamples, testApp } from './support/synth';

describe('policy validation', () => {
  it('fails synthesis on an unacknowledged cdk-nag or Control Tower finding', () => {
    // Without the schema check, which this case does not exercise (~15 s).
    const app = testApp(true, false);
    new sqs.Queue(new Stack(app, 'Unencrypted'), 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    // AwsSolutions-SQS2/SQS3/SQS4 and CT.SQS.PR.1/PR.2 all fire on a bare, unencrypted queue.
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS2[\s\S]*CT\.SQS\.PR\.2|CT\.SQS\.PR\.2[\s\S]*AwsSolutions-SQS2/);
  });
});

let validated: Map<string, Synthesized>;
let composition: CompositionStacks;
beforeAll(() => {
  // One app holds every example and the composition stacks, so the policy plugins run once.
  // Throws the whole policy-validation report when any finding is not acknowledged.
  validated = synthExamples(AWS_EXAMPLES, { validate: true, addToApp: (app) => (composition = addCompositionStacks(app)) });
});

it('passes cdk-nag AwsSolutions and the Control Tower guard rules on every example and composition, every acknowledgement reasoned', () => {
  const { app } = validated.get(AWS_EXAMPLES[0])!;
  expectNoFindings(app);
  const acks = acknowledgementsOf(app);
  expect(acks.length).toBeGreaterThan(0);
  for (const a of acks) expect(a.reason.length).toBeGreaterThan(30);
  // Each acknowledgement is recorded once where it applies.
  const keys = acks.map((a) => `${a.path} ${a.id}`);
  expect(keys).toEqual([...new Set(keys)]);
  expect(composition.poolsStack.node.children.length).toBeGreaterThan(0);
});

describe.each(AWS_EXAMPLES)('%s', (example) => {
  let s: Synthesized;
  beforeAll(() => {
    s = validated.get(example)!;
  });

  it('synthesizes offline: no context lookups, no credentials', () => {
    expect(s.app.synth().manifest.missing ?? []).toEqual([]);
  });

  it('outputs the cluster name and the kubeconfig command', () => {
    const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ClusterName', 'KubeconfigCommand', 'AlertTopicArn']));
    expect(JSON.stringify(outputs.KubeconfigCommand.Value)).toContain('aws eks update-kubeconfig --name');
    expect(s.stack.plan.router ? 'RouterEndpoint' in outputs : !('RouterEndpoint' in outputs)).toBe(true);
    expect(s.stack.plan.queue ? 'QueueUrl' in outputs && 'DeadLetterQueueUrl' in outputs : !('QueueUrl' in outputs)).toBe(true);
  });

  it('matches the template snapshot', () => {
    expect(s.template.toJSON()).toMatchSnapshot();
  });

  it("matches each pool stack's template snapshot", () => {
    const pools = Object.fromEntries(Object.entries(s.stack.deployment.poolStacks).map(([model, nested]) => [model, Template.fromStack(nested).toJSON()]));
    expect(Object.keys(pools)).toEqual(s.stack.plan.pools.map((p) => p.name));
    expect(pools).toMatchSnapshot();
  });
});

describe('synthAwsTemplates', () => {
  it('writes a deployable cloud assembly and returns the template paths', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'inferstack-aws-'));
    try {
      const files = synthAwsTemplates(exampleSpec('minimal-aws'), out);
      // The stack, then one nested stack per pool.
      expect(files).toEqual([path.join(out, 'qwen-dev.template.json'), expect.stringMatching(/^.*Poolschat.*\.nested\.template\.json$/)]);
      const template = JSON.parse(readFileSync(files[0], 'utf8'));
      expect(Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::EKS::Cluster')).toHaveLength(1);
      expect(existsSync(path.join(out, 'manifest.json'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('InferenceStack environment', () => {
  it('deploys to the spec account and region without looking up availability zones', () => {
    const spec = exampleSpec('minimal-aws');
    const app = testApp();
    const stack = new InferenceStack(app, 'Pinned', { spec: { ...spec, targets: { aws: { region: 'eu-central-1', account: '111122223333' } } } });
    expect([stack.account, stack.region]).toEqual(['111122223333', 'eu-central-1']);
    expect(app.synth().manifest.missing ?? []).toEqual([]);
  });
});

describe('InferenceStack budget guard', () => {
  it('refuses a spec whose ceiling is over budget with onExceed: error, before creating anything', () => {
    const spec = exampleSpec('support-assistant');
    const app = testApp();
    const over = { ...spec, budget: { ...spec.budget!, onExceed: 'error' as const } };
    expect(() => new InferenceStack(app, 'Over', { spec: over })).toThrow(/^over budget with onExceed: error\naws: the ceiling/);
    expect(app.node.children).toHaveLength(0);
  });
});
