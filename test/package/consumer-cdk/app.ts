// A CDK app that installs inferstack from its packed tarball, as a user would: aws-cdk-lib 2.261.0
// (the version cdk-eks-blueprints 1.19 pins), compiled with plain tsc. Three compositions.
import { App, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';
import { loadSpecFile, resolvePlan } from 'inferstack';
import { AcceleratorNodePools, InferenceBudget, InferenceDeployment, InferenceQueue } from 'inferstack/aws';

const app = new App({ outdir: process.argv[2] ?? 'cdk.out' });
const env = { account: '111122223333', region: 'us-east-1' };

// 1. The contract from the README: the whole spec in a stack of the user's.
const whole = new Stack(app, 'Whole', { env });
new InferenceDeployment(whole, 'Inference', { spec: loadSpecFile('inference.yaml') });

// 2. Accelerator NodePools on an aws-eks-v2 Auto Mode cluster this app creates itself.
const pools = new Stack(app, 'Pools', { env });
const cluster = new eks.Cluster(pools, 'Cluster', {
  version: eks.KubernetesVersion.of('1.35'),
  defaultCapacityType: eks.DefaultCapacityType.AUTOMODE,
  kubectlProviderOptions: { kubectlLayer: new KubectlV35Layer(pools, 'Kubectl') },
});
const nodeRole = new iam.Role(pools, 'NodeRole', {
  assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKSWorkerNodeMinimalPolicy')],
});
new AcceleratorNodePools(pools, 'GpuPools', { cluster, plan: resolvePlan(loadSpecFile('inference.yaml'), 'aws'), nodeRole });

// 3. A queue with its dead-letter queue and a budget, nothing else.
const small = new Stack(app, 'QueueAndBudget', { env });
const queue = new InferenceQueue(small, 'Requests', { maxReceiveCount: 3 });
new InferenceBudget(small, 'Budget', { monthlyUsd: 1200, notifyEmails: ['finops@example.com'], costTag: { key: 'team', value: 'search' } });
queue.grantConsume(new iam.Role(small, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }));

app.synth();
