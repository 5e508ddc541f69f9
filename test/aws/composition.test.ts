/**
 * Each construct on its own in a user's app: accelerator pools on an existing cluster, a queue
 * alone, a budget alone, a cluster in an existing VPC with a public (restricted) endpoint
 * (built by support/composition.ts, synthesized once), plus smaller one-off compositions.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AcceleratorNodePools } from '../../lib/aws/node-pools';
import { InferenceBudget } from '../../lib/aws/budget';
import { InferenceCluster } from '../../lib/aws/inference-cluster';
import { InferenceDeployment } from '../../lib/aws/inference-deployment';
import { InferenceQueue } from '../../lib/aws/queue';
import { InferenceWorkload } from '../../lib/aws/workload';
import { resolvePlan } from '../../lib/plan/resolve';
import { addCompositionStacks, COMPOSITION_ENV } from './support/composition';
import { acknowledgementsOf, exampleSpec, manifestObjects, testApp } from './support/synth';

const env = COMPOSITION_ENV;
const supportPlan = resolvePlan(exampleSpec('support-assistant'), 'aws');

// Policy validation of these stacks runs in stack.test.ts, in the same pass as the examples.
let poolsStack: Stack;
let queueStack: Stack;
let budgetStack: Stack;
let clusterStack: Stack;
let pools: AcceleratorNodePools;

beforeAll(() => {
  const app = testApp();
  ({ poolsStack, queueStack, budgetStack, clusterStack, pools } = addCompositionStacks(app));
  app.synth();
});

describe('AcceleratorNodePools on an existing cluster', () => {
  it('applies NodeClasses and NodePools through the existing kubectl provider', () => {
    const t = Template.fromStack(poolsStack);
    const manifests = t.findResources('Custom::AWSCDK-EKS-KubernetesResource');
    expect(Object.keys(manifests)).toHaveLength(2);
    for (const m of Object.values(manifests)) {
      expect(m.Properties.ServiceToken).toBe('arn:aws:lambda:us-east-1:111122223333:function:platform-kubectl');
      expect(m.Properties.ClusterName).toBe('platform');
    }
    const objects = Object.values(manifests).flatMap((m) => manifestObjects(m));
    expect(objects.filter((o) => o.kind === 'NodePool').map((o) => o.metadata.name)).toEqual(pools.nodePoolNames['chat-small'].concat(pools.nodePoolNames['chat-large']));
    const nodeClass = objects.find((o) => o.kind === 'NodeClass' && o.metadata.name === 'support-assistant-prod-chat-small')!;
    expect(nodeClass.spec).toMatchObject({
      role: 'platform-auto-mode-nodes',
      subnetSelectorTerms: [{ id: 'subnet-0aaaaaaaaaaaaaaa1' }, { id: 'subnet-0aaaaaaaaaaaaaaa2' }],
      securityGroupSelectorTerms: [{ id: 'sg-0123456789abcdef0' }],
    });
  });

  it('uses the built-in default NodeClass when no node role is given', () => {
    const stack = new Stack(new App(), 'Defaults', { env });
    const cluster = eks.Cluster.fromClusterAttributes(stack, 'Existing', {
      clusterName: 'platform',
      kubectlProvider: eks.KubectlProvider.fromKubectlProviderAttributes(stack, 'Kubectl', { serviceToken: 'arn:aws:lambda:us-east-1:111122223333:function:k' }),
    });
    new AcceleratorNodePools(stack, 'GpuPools', { cluster, plan: supportPlan });
    const objects = Object.values(Template.fromStack(stack).findResources('Custom::AWSCDK-EKS-KubernetesResource')).flatMap((m) => manifestObjects(m));
    expect(objects.map((o) => o.kind)).toEqual(['NodePool', 'NodePool', 'NodePool']);
    for (const np of objects) expect(np.spec.template.spec.nodeClassRef.name).toBe('default');
  });

  it('refuses plans of other clouds', () => {
    const stack = new Stack(new App(), 'Other');
    const cluster = eks.Cluster.fromClusterAttributes(stack, 'Existing', { clusterName: 'x' });
    expect(() => new AcceleratorNodePools(stack, 'P', { cluster, plan: resolvePlan(exampleSpec('support-assistant'), 'gcp') })).toThrow(/renders AWS plans; this plan is for gcp/);
  });
});

describe('InferenceQueue on its own', () => {
  it('has a redriving, encrypted, TLS-only queue with its own alarm topic and tags', () => {
    const t = Template.fromStack(queueStack);
    t.resourceCountIs('AWS::SQS::Queue', 2);
    t.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 3 }, SqsManagedSseEnabled: true, Tags: [{ Key: 'team', Value: 'search' }] });
    t.resourceCountIs('AWS::SNS::Topic', 1);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 2);
  });

  it('grants consumers exactly receive, delete and change visibility on the queue', () => {
    Template.fromStack(queueStack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RequestsQueue'), 'Arn'] } }] },
    });
  });

  it('adds kms:Decrypt for consumers when the queue uses a customer key', () => {
    const stack = new Stack(new App(), 'Kms');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const q = new InferenceQueue(stack, 'Q', { encryptionKey: key, alarmTopic: new sns.Topic(stack, 'T') });
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    q.grantConsume(role);
    q.grantScalerRead(role);
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.map((s: { Action: unknown }) => s.Action)).toEqual([
      ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
      'kms:Decrypt',
      'sqs:GetQueueAttributes',
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
  });

  it('rejects a redrive count SQS does not allow', () => {
    expect(() => new InferenceQueue(new Stack(new App(), 'Bad'), 'Q', { maxReceiveCount: 0 })).toThrow(/maxReceiveCount must be an integer from 1 to 1000/);
  });
});

describe('InferenceBudget on its own', () => {
  it('filters by the cost tag and notifies emails and the topic', () => {
    Template.fromStack(budgetStack).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetLimit: { Amount: 1200, Unit: 'USD' }, CostFilters: { TagKeyValue: ['user:team$search'] } },
      NotificationsWithSubscribers: Match.arrayWith([
        Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }), Subscribers: Match.arrayWith([{ SubscriptionType: 'EMAIL', Address: 'finops@example.com' }]) }),
      ]),
    });
  });

  it('reports every problem of its props at once', () => {
    expect(() => new InferenceBudget(new Stack(new App(), 'Bad'), 'B', { monthlyUsd: 0, actualThresholdsPercent: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })).toThrow(
      'InferenceBudget: monthlyUsd must be positive, got 0; a budget has at most 10 notifications; 10 thresholds plus the forecast alert exceed it; give notifyEmails or a topic, or nobody hears about the budget',
    );
  });

  it('covers the whole account without a cost tag', () => {
    const stack = new Stack(new App(), 'Account');
    new InferenceBudget(stack, 'B', { monthlyUsd: 10, notifyEmails: ['a@example.com'], forecastAlert: false, actualThresholdsPercent: [100] });
    const budget = Object.values(Template.fromStack(stack).findResources('AWS::Budgets::Budget'))[0];
    expect(budget.Properties.Budget.CostFilters).toBeUndefined();
    expect(budget.Properties.NotificationsWithSubscribers).toHaveLength(1);
  });
});

describe('InferenceCluster in an existing VPC', () => {
  it('uses the VPC, restricts the public endpoint to the given network, and records why it is public', () => {
    const t = Template.fromStack(clusterStack);
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: { EndpointPublicAccess: true, EndpointPrivateAccess: true, PublicAccessCidrs: ['203.0.113.0/24'] },
    });
    t.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: 'arn:aws:iam::111122223333:role/PlatformAdmin',
      AccessPolicies: [{ AccessScope: { Type: 'cluster' }, PolicyArn: Match.anyValue() }],
    });
    const acks = acknowledgementsOf(clusterStack).map((a) => a.id);
    expect(acks).toEqual(expect.arrayContaining(['Annotation::AwsSolutions-EKS1', 'cdk-validator-cfnguard::eks_endpoint_no_public_access_check']));
  });

  it('rejects an invalid cluster name', () => {
    expect(() => new InferenceCluster(new Stack(new App(), 'Bad'), 'C', { clusterName: '-bad name' })).toThrow(/not a valid EKS cluster name/);
  });
});

describe('InferenceWorkload on its own', () => {
  it('applies the rendered workload through an existing cluster and warns about missing bindings', () => {
    const stack = new Stack(new App(), 'Workload', { env });
    const cluster = eks.Cluster.fromClusterAttributes(stack, 'Existing', {
      clusterName: 'platform',
      kubectlProvider: eks.KubectlProvider.fromKubectlProviderAttributes(stack, 'Kubectl', {
        serviceToken: 'arn:aws:lambda:us-east-1:111122223333:function:k',
        role: iam.Role.fromRoleName(stack, 'KubectlRole', 'k'),
      }),
    });
    const workload = new InferenceWorkload(stack, 'Workload', { cluster, plan: resolvePlan(exampleSpec('batch-embeddings'), 'aws') });
    expect(workload.rendered.unbound).toEqual(['identities.consumer', 'identities.scaler', 'queue.queueUrl']);
    Annotations.fromStack(stack).hasWarning('/Workload/Workload', Match.stringLikeRegexp('placeholders for identities.consumer, identities.scaler, queue.queueUrl'));
    const t = Template.fromStack(stack);
    t.resourceCountIs('Custom::AWSCDK-EKS-HelmChart', 2);
    const crd = Object.entries(t.findResources('Custom::AWSCDK-EKS-KubernetesResource')).find(([id]) => id.includes('CrdObjects'))!;
    expect(crd[1].DependsOn).toHaveLength(3);
  });
});

describe('InferenceDeployment in any stack', () => {
  it('takes exactly one of spec or plan', () => {
    const stack = new Stack(new App(), 'Either');
    expect(() => new InferenceDeployment(stack, 'D', {})).toThrow('InferenceDeployment: give exactly one of spec or plan');
    expect(() => new InferenceDeployment(stack, 'E', { spec: exampleSpec('minimal-aws'), plan: resolvePlan(exampleSpec('minimal-aws'), 'aws') })).toThrow(/exactly one/);
  });

  it('composes into an environment-agnostic stack of the user', () => {
    const stack = new Stack(new App(), 'UserStack');
    const d = new InferenceDeployment(stack, 'Inference', { spec: exampleSpec('minimal-aws') });
    expect(d.queue).toBeUndefined();
    expect(d.routerEndpoint).toBe('http://qwen-router.qwen-dev.svc.cluster.local:4000');
    Template.fromStack(stack).resourceCountIs('AWS::EKS::Cluster', 1);
  });
});
