/**
 * The constructs of lib/aws used on their own, as a user composes them: accelerator pools on an
 * existing cluster, a queue alone, a budget alone, a cluster in an existing VPC with a public
 * (restricted) endpoint. composition.test.ts asserts their behaviour; stack.test.ts adds them to
 * its policy-validated app, so cdk-nag and cfn-guard check them in the same (slow) pass.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AlertTopic } from '../../../lib/aws/alerts';
import { InferenceBudget } from '../../../lib/aws/budget';
import { applyCostTags } from '../../../lib/aws/cost-tags';
import { InferenceCluster } from '../../../lib/aws/inference-cluster';
import { AcceleratorNodePools } from '../../../lib/aws/node-pools';
import { InferenceQueue } from '../../../lib/aws/queue';
import { resolvePlan } from '../../../lib/plan/resolve';
import { exampleSpec } from './synth';

export const COMPOSITION_ENV = { account: '111122223333', region: 'us-east-1' };

export interface CompositionStacks {
  readonly poolsStack: Stack;
  readonly queueStack: Stack;
  readonly budgetStack: Stack;
  readonly clusterStack: Stack;
  readonly pools: AcceleratorNodePools;
  readonly queue: InferenceQueue;
}

/** Add the four composition stacks to `app` (not synthesized). */
export function addCompositionStacks(app: App): CompositionStacks {
  const env = COMPOSITION_ENV;
  const supportPlan = resolvePlan(exampleSpec('support-assistant'), 'aws');

  // 1. Accelerator pools on a cluster this app did not create.
  const poolsStack = new Stack(app, 'PoolsOnExistingCluster', { env });
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
  const pools = new AcceleratorNodePools(poolsStack, 'GpuPools', {
    cluster,
    plan: supportPlan,
    autoMode: true,
    nodeRole: iam.Role.fromRoleName(poolsStack, 'NodeRole', 'platform-auto-mode-nodes'),
  });

  // 2. A queue on its own (it creates its own alarm topic).
  const queueStack = new Stack(app, 'QueueAlone', { env });
  const queue = new InferenceQueue(queueStack, 'Requests', { maxReceiveCount: 3 });
  const worker = new iam.Role(queueStack, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  queue.grantConsume(worker);
  applyCostTags(queueStack, { team: 'search' });

  // 3. A budget on its own, with the alert topic.
  const budgetStack = new Stack(app, 'BudgetAlone', { env });
  const alerts = new AlertTopic(budgetStack, 'Alerts', { emails: ['oncall@example.com'] });
  new InferenceBudget(budgetStack, 'Budget', { monthlyUsd: 1200, notifyEmails: ['finops@example.com'], topic: alerts.topic, costTag: { key: 'team', value: 'search' } });

  // 4. A cluster in an existing VPC, API reachable from one office network.
  const clusterStack = new Stack(app, 'ClusterInExistingVpc', { env: { region: 'us-east-1' } });
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

  return { poolsStack, queueStack, budgetStack, clusterStack, pools, queue };
}
