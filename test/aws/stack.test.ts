/**
 * Every example with an AWS target, synthesized once with cdk-nag AwsSolutionsChecks and the
 * cfn-guard Control Tower proactive controls: no unacknowledged finding, a template snapshot
 * (asset hashes stripped by test/support/asset-hash-serializer.js), the stack outputs and an
 * offline synthesis (no context lookups).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { InferenceStack, synthAwsTemplates } from '../../stacks/aws-stack';
import { AWS_EXAMPLES, acknowledgementsOf, exampleSpec, expectNoFindings, Synthesized, synthExample, testApp } from './support/synth';

describe('policy validation', () => {
  it('fails synthesis on an unacknowledged cdk-nag or Control Tower finding', () => {
    const app = testApp(true);
    new sqs.Queue(new Stack(app, 'Unencrypted'), 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    // AwsSolutions-SQS2/SQS3/SQS4 and CT.SQS.PR.1/PR.2 all fire on a bare, unencrypted queue.
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS2[\s\S]*CT\.SQS\.PR\.2|CT\.SQS\.PR\.2[\s\S]*AwsSolutions-SQS2/);
  });
});

describe.each(AWS_EXAMPLES)('%s', (example) => {
  let s: Synthesized;
  beforeAll(() => {
    // Throws the whole policy-validation report when any finding is not acknowledged.
    s = synthExample(example, { validate: true });
  });

  it('passes cdk-nag AwsSolutions and the Control Tower guard rules with every acknowledgement reasoned', () => {
    expectNoFindings(s.app);
    const acks = acknowledgementsOf(s.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) expect(a.reason.length).toBeGreaterThan(30);
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
});

describe('synthAwsTemplates', () => {
  it('writes a deployable cloud assembly and returns the template paths', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'inferstack-aws-'));
    try {
      const files = synthAwsTemplates(exampleSpec('minimal-aws'), out);
      expect(files).toEqual([path.join(out, 'qwen-dev-dev.template.json')]);
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
