/**
 * An EKS cluster for inference: aws-cdk-lib `aws-eks-v2`, EKS Auto Mode, private API endpoint,
 * KMS-encrypted secrets, every control-plane log type in an encrypted, expiring log group,
 * access entries (no aws-auth ConfigMap) and a kubectl provider with a pinned layer.
 */
import { createHash } from 'node:crypto';
import { Fn, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { EKS_USE_NATIVE_OIDC_PROVIDER } from 'aws-cdk-lib/cx-api';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, defaultKubectlLayer } from './kubernetes-version';
import { acknowledge, acknowledgeGuard } from './private/acknowledge';
import { createManagedKey, logGroupEncryption } from './private/keys';

export interface InferenceClusterProps {
  /**
   * Physical name of the EKS cluster (also names its control-plane log group).
   * @default - a name derived from the construct path, stable across deployments
   */
  readonly clusterName?: string;

  /**
   * The VPC to run in. Nodes and the kubectl handler use its private subnets.
   * @default - a new VPC: public and private subnets in `availabilityZones`, `natGateways` NAT
   * gateways, an S3 gateway endpoint and flow logs of rejected traffic
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Availability zones of the new VPC (ignored when `vpc` is given).
   * @default - the region's first three zones, resolved by CloudFormation (`Fn::GetAZs`), so
   * synthesis needs no AWS credentials or context lookups
   */
  readonly availabilityZones?: string[];

  /**
   * NAT gateways of the new VPC (ignored when `vpc` is given).
   * @default 1 - one gateway shared by all zones; use one per zone for zone-independent egress
   */
  readonly natGateways?: number;

  /**
   * Kubernetes version. When you change it, also pass the matching `kubectlLayer`.
   * @default - DEFAULT_KUBERNETES_VERSION (1.35), matching the pinned kubectl layer
   */
  readonly version?: eks.KubernetesVersion;

  /**
   * Lambda layer with `kubectl` and `helm` for the kubectl provider that applies NodePools,
   * Helm releases and workload objects.
   * @default - `KubectlV35Layer` from `@aws-cdk/lambda-layer-kubectl-v35`
   */
  readonly kubectlLayer?: lambda.ILayerVersion;

  /**
   * Who can reach the Kubernetes API server.
   * @default - eks.EndpointAccess.PRIVATE: reachable only from the VPC (AwsSolutions-EKS1,
   * CT.EKS.PR.1). Pass `eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(cidr)` to reach it from
   * an operator network; that choice is recorded as an acknowledged finding.
   */
  readonly endpointAccess?: eks.EndpointAccess;

  /**
   * IAM role or user ARNs that get cluster-admin through an EKS access entry
   * (`AmazonEKSClusterAdminPolicy`, cluster scope).
   * @default - none: only the identity that deployed the stack (CloudFormation's execution
   * role) and the kubectl handler are admins
   */
  readonly adminPrincipalArns?: string[];

  /**
   * Key that encrypts Kubernetes secrets and the control-plane and flow log groups.
   * @default - a new customer-managed key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Retention of the control-plane and VPC flow log groups.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Turn on NetworkPolicy enforcement (EKS Auto Mode's network policy controller, the ConfigMap
   * `kube-system/amazon-vpc-cni` with `enable-network-policy-controller: "true"`). Until it is
   * on, NetworkPolicies are accepted but not enforced. Pods no policy selects are unaffected.
   * @default true
   */
  readonly enforceNetworkPolicies?: boolean;

  /**
   * Removal policy of the cluster, its key, log groups and VPC.
   * @default RemovalPolicy.DESTROY - `cdk destroy` removes everything (keys after KMS's waiting period)
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Control-plane log types EKS can export; all of them are enabled (AwsSolutions-EKS2). */
const ALL_LOG_TYPES = [
  eks.ClusterLoggingTypes.API,
  eks.ClusterLoggingTypes.AUDIT,
  eks.ClusterLoggingTypes.AUTHENTICATOR,
  eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
  eks.ClusterLoggingTypes.SCHEDULER,
];

/**
 * Tag-propagation permissions EKS Auto Mode needs before a NodeClass's `spec.tags` reach the
 * EC2 instances and volumes it launches (EKS user guide, automode/auto-learn-iam.adoc,
 * "Custom AWS tags for EKS Auto resources": Compute and Storage statements, each conditioned on
 * the cluster-name request tag that Auto Mode sets).
 */
export function grantAutoModeTagPropagation(clusterRole: iam.IRole): void {
  const stack = Stack.of(clusterRole);
  const sameCluster = { 'aws:RequestTag/eks:eks-cluster-name': '${aws:PrincipalTag/eks:eks-cluster-name}' };
  clusterRole.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'AutoModeTaggedCompute',
      actions: ['ec2:CreateFleet', 'ec2:RunInstances', 'ec2:CreateLaunchTemplate'],
      resources: ['*'],
      conditions: {
        StringEquals: sameCluster,
        StringLike: { 'aws:RequestTag/eks:kubernetes-node-class-name': '*', 'aws:RequestTag/eks:kubernetes-node-pool-name': '*' },
      },
    }),
  );
  clusterRole.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'AutoModeTaggedStorage',
      actions: ['ec2:CreateVolume', 'ec2:CreateSnapshot'],
      // The guide's example allows every region and account; the cluster only ever creates
      // volumes and snapshots in its own, so the statement names them.
      resources: ['volume', 'snapshot'].map((type) => stack.formatArn({ service: 'ec2', resource: type, resourceName: '*' })),
      conditions: { StringEquals: sameCluster },
    }),
  );
}

/** How cdk-nag names a value in a finding id: the literal, or `<Pseudo::Parameter>` for a token. */
function nagName(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<${pseudo}>` : value;
}

/**
 * An EKS Auto Mode cluster ready for accelerator NodePools and the inference workload.
 *
 * Auto Mode keeps its built-in `system` and `general-purpose` NodePools (router, Prometheus and
 * KEDA run there); accelerator pools are added with `AcceleratorNodePools`.
 */
export class InferenceCluster extends Construct {
  /** The aws-eks-v2 cluster. */
  readonly cluster: eks.Cluster;
  readonly vpc: ec2.IVpc;
  /** IAM role of the EC2 instances Auto Mode launches; NodeClasses reference it. */
  readonly nodeRole: iam.Role;
  /** IAM role of the EKS control plane. */
  readonly clusterRole: iam.Role;
  readonly encryptionKey: kms.IKey;
  /** Log group receiving the control-plane logs. */
  readonly controlPlaneLogGroup: logs.LogGroup;
  /** Physical cluster name. */
  readonly clusterName: string;
  /** `aws eks update-kubeconfig ...` for this cluster. */
  readonly kubeconfigCommand: string;
  /** The manifest that turns on NetworkPolicy enforcement (absent with `enforceNetworkPolicies: false`). */
  readonly networkPolicyController?: eks.KubernetesManifest;

  constructor(scope: Construct, id: string, props: InferenceClusterProps = {}) {
    super(scope, id);
    // IRSA needs the cluster's OIDC provider; make aws-eks-v2 create the native
    // AWS::IAM::OIDCProvider rather than its deprecated Lambda-backed custom resource
    // (cx-api EKS_USE_NATIVE_OIDC_PROVIDER), whatever the app's feature flags say.
    this.node.setContext(EKS_USE_NATIVE_OIDC_PROVIDER, true);
    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    this.clusterName = props.clusterName ?? Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    if (!Token.isUnresolved(this.clusterName) && !/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(this.clusterName)) {
      throw new Error(`InferenceCluster: clusterName '${this.clusterName}' is not a valid EKS cluster name (letters, digits, '-' and '_', at most 100 characters, starting with a letter or digit)`);
    }

    this.encryptionKey =
      props.encryptionKey ??
      createManagedKey(this, 'Key', {
        description: `Secrets and logs of EKS cluster ${this.clusterName}`,
        serviceUses: [logGroupEncryption(this)],
        removalPolicy,
      });

    this.vpc = props.vpc ?? this.createVpc(props, retention, removalPolicy);

    // EKS writes control-plane logs to /aws/eks/<name>/cluster; creating the group first gives it
    // a retention and KMS encryption (CT.CLOUDWATCH.PR.2/3) instead of a never-expiring default.
    this.controlPlaneLogGroup = new logs.LogGroup(this, 'ControlPlaneLogs', {
      logGroupName: `/aws/eks/${this.clusterName}/cluster`,
      retention,
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });

    this.clusterRole = new iam.Role(this, 'ClusterRole', {
      assumedBy: new iam.ServicePrincipal('eks.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKSClusterPolicy')],
    });
    // Auto Mode node role with the policies the EKS user guide suggests
    // (automode/auto-learn-iam.adoc, "Node IAM role").
    this.nodeRole = new iam.Role(this, 'NodeRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKSWorkerNodeMinimalPolicy'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEC2ContainerRegistryPullOnly'),
      ],
    });
    grantAutoModeTagPropagation(this.clusterRole);
    // Envelope encryption of secrets: EKS uses the key through the cluster role (as aws-eks v1 granted).
    this.encryptionKey.grant(this.clusterRole, 'kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey');

    const endpointAccess = props.endpointAccess ?? eks.EndpointAccess.PRIVATE;
    // The kubectl handler runs in the private subnets with its own security group, allowed into
    // the cluster on 443 below (instead of sharing the EKS-created cluster security group).
    const kubectlSecurityGroup = new ec2.SecurityGroup(this, 'KubectlSecurityGroup', {
      vpc: this.vpc,
      description: 'kubectl handler that applies NodePools, Helm releases and workload objects',
    });
    // aws-eks-v2 ClusterProps: version, vpc, vpcSubnets, role, defaultCapacityType (AUTOMODE),
    // compute {nodePools, nodeRole}, secretsEncryptionKey, clusterLogging, endpointAccess,
    // kubectlProviderOptions {kubectlLayer} (aws-cdk-lib 2.276.0 aws-eks-v2/lib/cluster.d.ts).
    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName: this.clusterName,
      version: props.version ?? DEFAULT_KUBERNETES_VERSION,
      vpc: this.vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      role: this.clusterRole,
      defaultCapacityType: eks.DefaultCapacityType.AUTOMODE,
      compute: { nodePools: ['system', 'general-purpose'], nodeRole: this.nodeRole },
      // Auto Mode runs pod networking, kube-proxy and CoreDNS itself; the self-managed copies
      // (vpc-cni, kube-proxy, coredns) would only duplicate them.
      bootstrapSelfManagedAddons: false,
      secretsEncryptionKey: this.encryptionKey,
      clusterLogging: ALL_LOG_TYPES,
      endpointAccess,
      kubectlProviderOptions: {
        kubectlLayer: props.kubectlLayer ?? defaultKubectlLayer(this, 'KubectlLayer'),
        securityGroups: [kubectlSecurityGroup],
        privateSubnets: this.vpc.privateSubnets,
      },
      outputConfigCommand: false,
      removalPolicy,
    });
    // Only the cluster resource needs the log group to exist first.
    this.cluster.node.defaultChild!.node.addDependency(this.controlPlaneLogGroup);
    this.cluster.clusterSecurityGroup.addIngressRule(kubectlSecurityGroup, ec2.Port.tcp(443), 'kubectl handler to the Kubernetes API');

    for (const [i, arn] of (props.adminPrincipalArns ?? []).entries()) {
      // The id follows the principal, not its position, so reordering the list replaces nothing.
      const key = Token.isUnresolved(arn) ? String(i) : createHash('sha256').update(arn).digest('hex').slice(0, 8);
      this.cluster.grantClusterAdmin(`Admin-${key}`, arn);
    }

    if (props.enforceNetworkPolicies ?? true) {
      // EKS user guide, automode/auto-net-pol.adoc, "Enable Network Policy Controller".
      this.networkPolicyController = new eks.KubernetesManifest(this, 'NetworkPolicyController', {
        cluster: this.cluster,
        manifest: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system' }, data: { 'enable-network-policy-controller': 'true' } }],
        overwrite: true,
      });
    }

    this.kubeconfigCommand = `aws eks update-kubeconfig --name ${this.clusterName} --region ${stack.region}`;
    this.acknowledgeFindings();
  }

  private createVpc(props: InferenceClusterProps, retention: logs.RetentionDays, removalPolicy: RemovalPolicy): ec2.Vpc {
    const availabilityZones = props.availabilityZones ?? [0, 1, 2].map((i) => Fn.select(i, Fn.getAzs()));
    const vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones,
      natGateways: props.natGateways ?? 1,
      // Nodes and pods take addresses from the private subnets (VPC CNI): /19 gives ~8k per zone.
      subnetConfiguration: [
        // Public subnets hold the NAT gateway (and internet-facing load balancers); nothing in
        // them needs an automatic public address (CT.EC2.PR.11).
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 19 },
      ],
      // Model weights and ECR layers come from S3; a gateway endpoint keeps them off the NAT bill.
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
      restrictDefaultSecurityGroup: false,
    });
    const flowLogGroup = new logs.LogGroup(this, 'FlowLogs', { retention, encryptionKey: this.encryptionKey, removalPolicy });
    vpc.addFlowLog('RejectedTraffic', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
    vpc.applyRemovalPolicy(removalPolicy);
    return vpc;
  }

  private acknowledgeFindings(): void {
    const stack = Stack.of(this);
    acknowledge(
      this.clusterRole,
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy]', reason: 'EKS requires this AWS managed policy on the cluster role (EKS user guide, cluster-iam-role).' },
      ...['AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy'].map((p) => ({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${p}]`,
        reason: 'EKS Auto Mode requires this AWS managed policy on the cluster role; aws-eks-v2 attaches it (automode/auto-learn-iam.adoc).',
      })),
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'Auto Mode tag propagation: EC2 fleet/instance/launch-template ARNs do not exist before launch; every statement is conditioned on the cluster-name request tag (automode/auto-learn-iam.adoc).' },
      ...['volume', 'snapshot'].map((type) => ({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:${nagName(stack.region, 'AWS::Region')}:${nagName(stack.account, 'AWS::AccountId')}:${type}/*]`,
        reason: `Auto Mode creates node ${type}s whose ids are unknown in advance; limited to this region and account and conditioned on the cluster-name request tag.`,
      })),
    );
    acknowledge(
      this.nodeRole,
      ...['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly'].map((p) => ({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${p}]`,
        reason: 'The EKS user guide prescribes this AWS managed policy for the Auto Mode node role (automode/auto-learn-iam.adoc).',
      })),
    );
    this.acknowledgeKubectlProvider();
    acknowledge(this.cluster, {
      id: 'CloudFormation-Validate::W9009',
      reason: "aws-eks-v2 sets EncryptionConfig.Resources: ['secrets'], the only value the EKS API accepts; the schema's deprecation warning has no alternative.",
    });
    // Read the endpoint back from the synthesized cluster (ResourcesVpcConfig) rather than from
    // EndpointAccess internals.
    const vpcConfig = stack.resolve((this.cluster.node.defaultChild as eks.CfnCluster).resourcesVpcConfig) as {
      endpointPublicAccess?: boolean;
      publicAccessCidrs?: string[];
    };
    if (vpcConfig.endpointPublicAccess) {
      const cidrs = vpcConfig.publicAccessCidrs ?? [];
      const reason = `The operator chose a public API endpoint${cidrs.length ? ` restricted to ${cidrs.join(', ')}` : ''} through InferenceClusterProps.endpointAccess.`;
      acknowledge(this.cluster, { id: 'AwsSolutions-EKS1', reason });
      acknowledgeGuard(this.cluster, 'CT.EKS.PR.1', reason);
    }
  }

  /** Findings on the kubectl provider that aws-eks-v2 builds (roles, runtime and VPC placement are fixed by CDK). */
  private acknowledgeKubectlProvider(): void {
    const provider = this.cluster.node.findChild('KubectlProvider');
    const cdkManaged = 'CDK-managed kubectl provider of aws-eks-v2; inferstack cannot change its roles or runtime';
    acknowledge(
      provider,
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: `${cdkManaged} (CloudWatch Logs for the handler and provider framework).` },
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]', reason: `${cdkManaged} (ENIs in the private subnets so it reaches the private endpoint).` },
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly]', reason: `${cdkManaged} (pulls OCI Helm charts from ECR).` },
      {
        id: `AwsSolutions-IAM4[Policy::${JSON.stringify(Stack.of(this).resolve(this.ecrPublicPolicyArn(provider)))}]`,
        reason: `${cdkManaged} (pulls OCI Helm charts from ECR Public, in the aws partition only).`,
      },
      { id: 'AwsSolutions-L1', reason: `${cdkManaged}; aws-cdk-lib picks its Python runtime (Runtime.determineLatestPythonRuntime) and upgrades it with the library.` },
      { id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(provider.node.findChild('Handler').node.defaultChild as lambda.CfnFunction)}.Arn>:*]`, reason: `${cdkManaged}: the custom-resource provider framework invokes any version of its own handler.` },
    );
  }

  private ecrPublicPolicyArn(provider: Construct): string {
    const handler = provider.node.findChild('Handler') as lambda.Function;
    const role = handler.role as iam.Role;
    const arns = (Stack.of(this).resolve((role.node.defaultChild as iam.CfnRole).managedPolicyArns) as unknown[]).filter((a) => JSON.stringify(a).includes('AmazonElasticContainerRegistryPublicReadOnly'));
    return arns[0] as string;
  }
}
