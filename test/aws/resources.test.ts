/**
 * Targeted checks of what the example stacks create (each example synthesized once, without
 * policy validation; stack.test.ts runs that): cluster, GPU/Neuron NodePools, queue, identities,
 * budget, cost tags and apply order.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ephemeralStorageGiB } from '../../lib/aws/node-pools';
import { flatten, manifestObjects, resourcesAt, resourcesIn, Synthesized, synthExamples, templatesOf } from './support/synth';

let support: Synthesized;
let batch: Synthesized;
beforeAll(() => {
  const synthesized = synthExamples(['support-assistant', 'batch-embeddings']);
  support = synthesized.get('support-assistant')!;
  batch = synthesized.get('batch-embeddings')!;
});

/** Kubernetes objects of every manifest under a construct path fragment, in the stack and its pool stacks, flattened. */
function objectsAt(s: Synthesized, fragment: string): Record<string, any>[] {
  return Object.values(resourcesIn(templatesOf(s), 'Custom::AWSCDK-EKS-KubernetesResource', fragment)).flatMap((r) => manifestObjects(r));
}
const nodePools = (s: Synthesized) => objectsAt(s, '/NodePools/').filter((o) => o.kind === 'NodePool');
const requirement = (np: Record<string, any>, key: string) => np.spec.template.spec.requirements.find((r: { key: string }) => r.key === key)?.values;

describe('cluster', () => {
  it('is an EKS Auto Mode cluster with a private endpoint, KMS-encrypted secrets and every control-plane log', () => {
    support.template.hasResourceProperties('AWS::EKS::Cluster', {
      Name: 'support-assistant-prod',
      Version: '1.35',
      ComputeConfig: { Enabled: true, NodePools: ['system', 'general-purpose'], NodeRoleArn: Match.anyValue() },
      ResourcesVpcConfig: { EndpointPrivateAccess: true, EndpointPublicAccess: false },
      EncryptionConfig: [{ Provider: { KeyArn: Match.anyValue() }, Resources: ['secrets'] }],
      Logging: { ClusterLogging: { EnabledTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].map((type) => ({ Type: type })) } },
      AccessConfig: { AuthenticationMode: 'API' },
      BootstrapSelfManagedAddons: false,
    });
  });

  it('keeps control-plane logs a year in a KMS-encrypted group EKS writes to', () => {
    support.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/eks/support-assistant-prod/cluster',
      RetentionInDays: 365,
      KmsKeyId: Match.anyValue(),
    });
  });

  it('rotates its KMS keys and refuses grants that are not for AWS resources', () => {
    support.template.allResourcesProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'kms:CreateGrant', Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } } }),
        ]),
      },
    });
  });

  it('lets AWS services use its keys only as far as they need', () => {
    const statements = Object.values(support.template.findResources('AWS::KMS::Key')).flatMap((k) => k.Properties.KeyPolicy.Statement as Record<string, any>[]);
    const byService = (service: string) => statements.filter((st) => JSON.stringify(st.Principal?.Service ?? '').includes(service));
    for (const publisher of ['cloudwatch.amazonaws.com', 'budgets.amazonaws.com']) {
      expect(byService(publisher).map((st) => st.Action)).toEqual([['kms:Decrypt', 'kms:GenerateDataKey*']]);
    }
    const [logs] = byService('logs.');
    expect(flatten(logs.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn'])).toBe('arn:${Ref:AWS::Partition}:logs:us-east-1:${Ref:AWS::AccountId}:log-group:*');
  });

  it('lets Auto Mode tag volumes and snapshots in its own region and account only', () => {
    const policy = Object.values(resourcesAt(support.template, 'AWS::IAM::Policy', '/Cluster/ClusterRole/'))[0];
    const storage = policy.Properties.PolicyDocument.Statement.find((st: { Sid?: string }) => st.Sid === 'AutoModeTaggedStorage');
    expect(storage.Resource.map(flatten)).toEqual(['volume', 'snapshot'].map((t) => `arn:\${Ref:AWS::Partition}:ec2:us-east-1:\${Ref:AWS::AccountId}:${t}/*`));
  });

  it('runs the kubectl handler in the private subnets with the pinned kubectl 1.35 layer', () => {
    const layers = support.template.findResources('AWS::Lambda::LayerVersion');
    expect(Object.values(layers).map((l) => l.Properties.Description)).toEqual(expect.arrayContaining([expect.stringMatching(/kubectl/i)]));
    support.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'onEvent handler for EKS kubectl resource provider',
      VpcConfig: { SubnetIds: Match.arrayWith([Match.objectLike({ Ref: Match.stringLikeRegexp('PrivateSubnet') })]) },
    });
  });

  it('puts the VPC in three zones resolved by CloudFormation, with no public IPs on launch', () => {
    const subnets = Object.values(support.template.findResources('AWS::EC2::Subnet'));
    expect(subnets).toHaveLength(6);
    for (const s of subnets) expect(s.Properties.MapPublicIpOnLaunch).toBe(false);
    expect(JSON.stringify(subnets.map((s) => s.Properties.AvailabilityZone))).toContain('Fn::GetAZs');
  });
});

describe('accelerator NodePools', () => {
  it('creates one Auto Mode NodePool per node group: on-demand floor and spot for chat-small, on-demand only for chat-large', () => {
    expect(nodePools(support).map((np) => np.metadata.name).sort()).toEqual([
      'support-assistant-prod-chat-large-od',
      'support-assistant-prod-chat-small-od',
      'support-assistant-prod-chat-small-spot',
    ]);
  });

  it('requires the GPU instance family and type, NVIDIA GPUs and the capacity type', () => {
    const spot = nodePools(support).find((np) => np.metadata.name === 'support-assistant-prod-chat-small-spot')!;
    expect(spot.apiVersion).toBe('karpenter.sh/v1');
    expect(requirement(spot, 'karpenter.sh/capacity-type')).toEqual(['spot']);
    expect(requirement(spot, 'eks.amazonaws.com/instance-family')).toEqual(['g6']);
    expect(requirement(spot, 'node.kubernetes.io/instance-type')).toEqual(['g6.xlarge']);
    expect(requirement(spot, 'eks.amazonaws.com/instance-gpu-manufacturer')).toEqual(['nvidia']);
    expect(requirement(spot, 'eks.amazonaws.com/instance-gpu-count')).toEqual(['1']);
    const large = nodePools(support).find((np) => np.metadata.name === 'support-assistant-prod-chat-large-od')!;
    expect(requirement(large, 'node.kubernetes.io/instance-type')).toEqual(['p5.4xlarge']);
    const plan = support.stack.plan.pools.find((p) => p.name === 'chat-large')!;
    const maxNodes = plan.nodeGroups[0].maxNodes;
    expect(large.spec.limits).toEqual({ 'nvidia.com/gpu': String(maxNodes * plan.machine.acceleratorsPerNode), cpu: String(maxNodes * plan.machine.vcpus) });
  });

  it('taints GPU nodes with the pool taint the model servers tolerate', () => {
    const servers = objectsAt(support, '/Pools/').filter((o) => o.kind === 'Deployment' && o.metadata.labels['inferstack.dev/pool']);
    for (const np of nodePools(support)) {
      const pool = np.spec.template.metadata.labels['inferstack.dev/pool'];
      expect(np.spec.template.spec.taints).toEqual([{ key: 'inferstack.dev/pool', value: pool, effect: 'NoSchedule' }]);
      const server = servers.find((d) => d.metadata.labels['inferstack.dev/pool'] === pool)!;
      expect(server.spec.template.spec.tolerations).toEqual(expect.arrayContaining([{ key: 'inferstack.dev/pool', operator: 'Equal', value: pool, effect: 'NoSchedule' }]));
      expect(server.spec.template.spec.nodeSelector).toEqual({ 'inferstack.dev/pool': pool });
    }
  });

  it('puts each pool on its own NodeClass: the node role, private subnets, a disk sized for the model, stable tags on EC2', () => {
    const classes = objectsAt(support, '/NodePools/').filter((o) => o.kind === 'NodeClass');
    expect(classes.map((c) => c.metadata.name).sort()).toEqual(['support-assistant-prod-chat-large', 'support-assistant-prod-chat-small']);
    const large = classes.find((c) => c.metadata.name === 'support-assistant-prod-chat-large')!;
    expect(large.apiVersion).toBe('eks.amazonaws.com/v1');
    // Through the pool stack's parameter for the parent's node role.
    expect(large.spec.role).toMatch(/^\$\{Ref:referenceto\w+InferenceClusterNodeRole\w+Ref\}$/);
    expect(large.spec.subnetSelectorTerms.map((t: { id: string }) => t.id).every((id: string) => id.includes('PrivateSubnet'))).toBe(true);
    // The disk holds what each replica's pod requests for its model cache, plus OS and image.
    const largePool = support.stack.plan.pools.find((p) => p.name === 'chat-large')!;
    const server = objectsAt(support, '/Pools/').find((o) => o.kind === 'Deployment' && o.metadata.labels['inferstack.dev/pool'] === 'chat-large')!;
    const cacheGiB = Number.parseInt(server.spec.template.spec.containers[0].resources.requests['ephemeral-storage'], 10);
    expect(large.spec.ephemeralStorage.size).toBe(`${ephemeralStorageGiB(largePool)}Gi`);
    expect(ephemeralStorageGiB(largePool)).toBeGreaterThan(cacheGiB * largePool.machine.replicasPerNode);
    // Identity only: a cost-tag edit must not drift the nodes; team and cost-center map from inferstack-deployment.
    expect(large.spec.tags).toEqual({
      'inferstack-stack': 'support-assistant',
      'inferstack-environment': 'prod',
      'inferstack-deployment': 'support-assistant-prod',
      'managed-by': 'inferstack',
      'inferstack-pool': 'chat-large',
    });
  });

  it('lets the cluster role tag what Auto Mode launches, only for its own cluster', () => {
    support.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AutoModeTaggedCompute',
            Action: ['ec2:CreateFleet', 'ec2:RunInstances', 'ec2:CreateLaunchTemplate'],
            Condition: Match.objectLike({ StringEquals: { 'aws:RequestTag/eks:eks-cluster-name': '${aws:PrincipalTag/eks:eks-cluster-name}' } }),
          }),
        ]),
      },
    });
  });

  it('renders Inferentia2 pools with the Neuron device limit and spot capacity', () => {
    const [np] = nodePools(batch);
    expect(np.metadata.name).toBe('batch-embeddings-prod-embedder-spot');
    expect(requirement(np, 'eks.amazonaws.com/instance-family')).toEqual(['inf2']);
    expect(requirement(np, 'karpenter.sh/capacity-type')).toEqual(['spot']);
    const embedder = batch.stack.plan.pools[0];
    expect(np.spec.limits['aws.amazon.com/neuron']).toBe(String(embedder.nodeGroups[0].maxNodes * embedder.machine.acceleratorsPerNode));
  });
});

describe('request queue', () => {
  it('redrives to the dead-letter queue after maxDeliveryAttempts, with the spec visibility and retention', () => {
    batch.template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'batch-embeddings-prod-requests',
      VisibilityTimeout: 900,
      MessageRetentionPeriod: 96 * 3600,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('QueueDeadLetterQueue'), 'Arn'] }, maxReceiveCount: 5 },
    });
    batch.template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'batch-embeddings-prod-requests-dlq', SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86400 });
  });

  it('denies every request to both queues that is not over TLS', () => {
    const policies = Object.values(batch.template.findResources('AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      expect(p.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });

  it('alarms on the age of the oldest request and on any dead letter, notifying the alert topic', () => {
    batch.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 1800,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlertsTopic') }],
    });
    batch.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlertsTopic') }],
    });
  });
});

describe('least-privilege identities', () => {
  const statementsOf = (s: Synthesized, fragment: string) =>
    Object.values(resourcesAt(s.template, 'AWS::IAM::Policy', fragment)).flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[]);

  it('lets the KEDA operator read only this queue’s attributes', () => {
    expect(statementsOf(batch, '/QueueIdentities/Scaler/')).toEqual([
      { Action: 'sqs:GetQueueAttributes', Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^InferenceQueue[0-9A-F]{8}$/), 'Arn'] } },
    ]);
  });

  it('lets consumers only receive, delete and change visibility on this queue', () => {
    expect(statementsOf(batch, '/QueueIdentities/Consumer/')).toEqual([
      {
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^InferenceQueue[0-9A-F]{8}$/), 'Arn'] },
      },
    ]);
  });

  it('trusts exactly one service account token each (IRSA)', () => {
    const roles = resourcesAt(batch.template, 'AWS::IAM::Role', '/QueueIdentities/');
    const trusts = Object.values(roles).map((r) => JSON.stringify(r.Properties.AssumeRolePolicyDocument));
    expect(trusts).toHaveLength(2);
    for (const t of trusts) expect(t).toContain('sts:AssumeRoleWithWebIdentity');
    const conditions = Object.values(batch.template.findResources('Custom::AWSCDKCfnJson')).map((r) => flatten(r.Properties.Value));
    expect(conditions.join('\n')).toContain('system:serviceaccount:keda:keda-operator');
    expect(conditions.join('\n')).toContain('system:serviceaccount:batch-embeddings-prod:batch-embeddings-queue-consumer');
  });

  it('binds the roles and the queue URL into the workload: KEDA values, consumer service account, trigger', () => {
    const keda = Object.values(resourcesAt(batch.template, 'Custom::AWSCDK-EKS-HelmChart', 'Chart-keda'))[0];
    expect(flatten(keda.Properties.Values)).toMatch(/eks\.amazonaws\.com\/role-arn.*QueueIdentitiesScalerRole/);
    const objects = objectsAt(batch, '/Inference/');
    const sa = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'batch-embeddings-queue-consumer')!;
    expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/QueueIdentitiesConsumerRole/);
    expect(JSON.stringify(objects)).not.toContain('inferstack-unbound:');
    const scaled = objectsAt(batch, '/Pools/').filter((o) => o.kind === 'ScaledObject');
    expect(JSON.stringify(scaled)).toMatch(/"queueURL":"\$\{Ref:referenceto\w+InferenceQueue\w+Ref\}"/);
  });
});

describe('apply order on a fresh cluster', () => {
  const manifestIds = (fragment: string) => Object.keys(resourcesAt(support.template, 'Custom::AWSCDK-EKS-KubernetesResource', fragment));

  it('applies ScaledObjects after the KEDA and Prometheus charts and after the workload objects', () => {
    const crd = Object.values(resourcesAt(support.template, 'Custom::AWSCDK-EKS-KubernetesResource', '/Workload/CrdObjects'))[0];
    const charts = Object.keys(resourcesAt(support.template, 'Custom::AWSCDK-EKS-HelmChart', '/Workload/'));
    expect(charts).toHaveLength(2);
    expect(crd.DependsOn).toEqual(expect.arrayContaining([...charts, ...manifestIds('/Workload/Objects'), ...manifestIds('/Workload/Router')]));
    // Each pool stack, holding its ScaledObject, waits for the charts and the shared objects.
    const poolStacks = Object.values(resourcesAt(support.template, 'AWS::CloudFormation::Stack', '/Pools/'));
    expect(poolStacks).toHaveLength(2);
    for (const p of poolStacks) expect(p.DependsOn).toEqual(expect.arrayContaining([...charts, ...manifestIds('/Workload/Objects')]));
  });

  it("applies each pool's objects after its own NodePools and its ScaledObject after them, and KEDA with --wait", () => {
    for (const nested of Object.values(support.stack.deployment.poolStacks)) {
      const t = Template.fromStack(nested);
      const [nodePoolsId] = Object.keys(resourcesAt(t, 'Custom::AWSCDK-EKS-KubernetesResource', '/NodePools/'));
      const [[objectsId, objects]] = Object.entries(resourcesAt(t, 'Custom::AWSCDK-EKS-KubernetesResource', '/Objects/'));
      const [crd] = Object.values(resourcesAt(t, 'Custom::AWSCDK-EKS-KubernetesResource', '/CrdObjects/'));
      expect(objects.DependsOn).toEqual([nodePoolsId]);
      expect(crd.DependsOn).toEqual([objectsId]);
    }
    support.template.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', { Chart: 'keda', Repository: 'https://kedacore.github.io/charts', Wait: true, Namespace: 'keda', CreateNamespace: true });
  });

  it('turns on NetworkPolicy enforcement (the Auto Mode network policy controller)', () => {
    const [configMap] = objectsAt(support, '/Cluster/NetworkPolicyController/');
    expect(configMap).toEqual(expect.objectContaining({ kind: 'ConfigMap', data: { 'enable-network-policy-controller': 'true' } }));
    expect(configMap.metadata).toEqual(expect.objectContaining({ name: 'amazon-vpc-cni', namespace: 'kube-system' }));
  });
});

describe('budget', () => {
  it('alerts on actual spend at each threshold and on the forecast, filtered by the stack cost tag', () => {
    support.template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: Match.stringLikeRegexp('^support-assistant-prod-budget-[0-9a-f]{6}$'),
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 40000, Unit: 'USD' },
        CostFilters: { TagKeyValue: ['user:inferstack-deployment$support-assistant-prod'] },
      },
      NotificationsWithSubscribers: [50, 80, 100]
        .map((t) => ({ Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: t, ThresholdType: 'PERCENTAGE' } }))
        .concat([{ Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' } }])
        .map((n) => ({
          ...n,
          Subscribers: [
            { SubscriptionType: 'EMAIL', Address: 'finops@example.com' },
            { SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('AlertsTopic') } },
          ],
        })),
    });
  });

  it('lets AWS Budgets publish to the encrypted, TLS-only alert topic for this account only', () => {
    support.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    support.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Sid: 'AwsBudgetsPublish', Principal: { Service: 'budgets.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }),
        ]),
      },
    });
  });
});

describe('cost tags', () => {
  const costTags = [
    { Key: 'cost-center', Value: 'cc-1234' },
    { Key: 'inferstack-environment', Value: 'prod' },
    { Key: 'inferstack-stack', Value: 'support-assistant' },
    { Key: 'managed-by', Value: 'inferstack' },
    { Key: 'team', Value: 'ml-platform' },
  ];

  it('tags the cluster, queues, topic, keys and roles', () => {
    support.template.hasResourceProperties('AWS::EKS::Cluster', { Tags: Match.arrayWith(costTags.map((t) => Match.objectLike(t))) });
    for (const type of ['AWS::SNS::Topic', 'AWS::KMS::Key', 'AWS::IAM::Role', 'AWS::Logs::LogGroup', 'AWS::EC2::VPC']) {
      support.template.allResourcesProperties(type, { Tags: Match.arrayWith(costTags.map((t) => Match.objectLike(t))) });
    }
    batch.template.allResourcesProperties('AWS::SQS::Queue', { Tags: Match.arrayWith([Match.objectLike({ Key: 'inferstack-stack', Value: 'batch-embeddings' }), Match.objectLike({ Key: 'team', Value: 'search' })]) });
  });

  it('labels NodePools with the cost labels and their nodes with the identity labels only', () => {
    for (const np of nodePools(support)) {
      expect(np.metadata.labels).toMatchObject({ 'inferstack-stack': 'support-assistant', team: 'ml-platform', 'cost-center': 'cc-1234' });
      expect(np.spec.template.metadata.labels).toMatchObject({ 'inferstack-stack': 'support-assistant', 'inferstack-deployment': 'support-assistant-prod' });
      expect(np.spec.template.metadata.labels).not.toHaveProperty('team');
    }
  });

  it('leaves the pool stacks untagged: they hold only manifests, and each tag would grow the main template per model', () => {
    support.template.allResourcesProperties('AWS::CloudFormation::Stack', { Tags: Match.absent() });
  });
});
