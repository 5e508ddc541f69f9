/**
 * Each construct on its own in a user's app: accelerator pools on an existing cluster, a queue
 * alone, a budget alone, a cluster in an existing VPC with a public (restricted) endpoint. The
 * stacks share one app synthesized once with cdk-nag and the Control Tower guard rules.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AcceleratorNodePools } from '../../lib/aws/node-pools';
import { AlertTopic } from '../../lib/aws/alerts';
import { InferenceBudget } from '../../lib/aws/budget';
import { applyCostTags } from '../../lib/aws/cost-tags';
import { InferenceCluster } from '../../lib/aws/inference-cluster';
import { InferenceDeployment } from '../../lib/aws/inference-deployment';
import { InferenceQueue } from '../../lib/aws/queue';
import { InferenceWorkload } from '../../lib/aws/workload';
import { resolvePlan } from '../../lib/plan/resolve';
import { acknowledgementsOf, exampleSpec, expectNoFindings, manifestObjects, testApp } from './support/synth';

const env = { account: '111122223333', region: 'us-east-1' };
const supportPlan = resolvePlan(exampleSpec('support-assistant'), 'aws');

let app: App;
let poolsStack: Stack;
let queueStack: Stack;
let budgetStack: Stack;
let clusterStack: Stack;
let pools: AcceleratorNodePools;
let queue: InferenceQueue;

beforeAll(() => {
  app = testApp(true);

  // 1. Accelerator pools on a cluster this app did not create.
  poolsStack = new Stack(app, 'PoolsOnExistingCluster', { env });
  const vpc = ec2.Vpc.fromVpcAttributes(poolsStack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
  });
  const cluster = eks.Cluster.fromClusterAttributes(poolsStack, 'Existing', {
    clusterName: 'platform',
    vpc,
    clusterSecurityGroupId: 'sg-0123456789abcdef0',
    kubectlProvider: eks.KubectlProvider.fromKubectlProviderAttributes(poolsStack, 'Kubectl', {
      serviceToken: 'arn:aws:lambda:us-east-1:111122223333:function:platform-kubectl',
      role: iam.Role.fromRoleName(poolsStack, 'KubectlRole', 'platform-kubectl'),
    }),
  });
  pools = new AcceleratorNodePools(poolsStack, 'GpuPools', {
    cluster,
    plan: supportPlan,
    nodeRole: iam.Role.fromRoleName(poolsStack, 'NodeRole', 'platform-auto-mode-nodes'),
  });

  // 2. A queue on its own (it creates its own alarm topic).
  queueStack = new Stack(app, 'QueueAlone', { env });
  queue = new InferenceQueue(queueStack, 'Requests', { maxReceiveCount: 3 });
  const worker = new iam.Role(queueStack, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  queue.grantConsume(worker);
  applyCostTags(queueStack, { team: 'search' });

  // 3. A budget on its own, with the alert topic.
  budgetStack = new Stack(app, 'BudgetAlone', { env });
  const alerts = new AlertTopic(budgetStack, 'Alerts', { emails: ['oncall@example.com'] });
  new InferenceBudget(budgetStack, 'Budget', { monthlyUsd: 1200, notifyEmails: ['finops@example.com'], topic: alerts.topic, costTag: { key: 'team', value: 'search' } });

  // 4. A cluster in an existing VPC, API reachable from one office network.
  clusterStack = new Stack(app, 'ClusterInExistingVpc', { env: { region: 'us-east-1' } });
  const existing = new ec2.Vpc(clusterStack, 'Network', {
    maxAzs: 2,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
    restrictDefaultSecurityGroup: false,
  });
  const logKey = new kms.Key(clusterStack, 'LogKey', { enableKeyRotation: true });
  logKey.addToResourcePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }),
  );
  logKey.grantEncryptDecrypt(new iam.ServicePrincipal('logs.us-east-1.amazonaws.com'));
  const flowLogs = new logs.LogGroup(clusterStack, 'FlowLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: logKey });
  existing.addFlowLog('Flows', { trafficType: ec2.FlowLogTrafficType.REJECT, destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });
  new InferenceCluster(clusterStack, 'Inference', {
    vpc: existing,
    endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom('203.0.113.0/24'),
    adminPrincipalArns: ['arn:aws:iam::111122223333:role/PlatformAdmin'],
  });

  app.synth();
});

it('passes cdk-nag AwsSolutions and the Control Tower guard rules', () => {
  expectNoFindings(app);
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
    const nodeClass = objects.find((o) => o.kind === 'NodeClass' && o.metadata.name === 'support-assistant-chat-small')!;
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
    expect(d.routerEndpoint).toBe('http://qwen-dev-router.qwen-dev.svc.cluster.local:4000');
    Template.fromStack(stack).resourceCountIs('AWS::EKS::Cluster', 1);
  });
});
