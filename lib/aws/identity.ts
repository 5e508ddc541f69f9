/**
 * IAM roles for Kubernetes service accounts (IRSA). KEDA documents IRSA on its operator's service
 * account for the `aws` pod identity provider; EKS Pod Identity is not documented for KEDA
 * (kedacore/keda#6418, #6706), so inferstack uses IRSA for the scaler and, for one mechanism
 * throughout, for queue consumers as well.
 */
import { CfnJson, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeGuard } from './private/acknowledge';
import { InferenceQueue } from './queue';

/** Construct id of the singleton provider behind `CfnJson` (aws-cdk-lib core, CfnUtilsProvider). */
const CFN_JSON_PROVIDER_ID = 'AWSCDKCfnUtilsProviderCustomResourceProvider';
/** CfnJson providers already acknowledged. */
const acknowledgedProviders = new WeakSet<IConstruct>();

/** Props of {@link ServiceAccountRole}: the cluster and the one service account that may assume the role. */
export interface ServiceAccountRoleProps {
  /** Cluster whose OIDC provider issues the service account's tokens. */
  readonly cluster: eks.ICluster;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccountName: string;
  /**
   * Role description.
   * @default - names the service account
   */
  readonly description?: string;
}

/**
 * An IAM role that exactly one Kubernetes service account can assume with its projected token
 * (`sts:AssumeRoleWithWebIdentity`, audience `sts.amazonaws.com`). Annotate the service account
 * with `eks.amazonaws.com/role-arn: <roleArn>`. The role starts with no permissions.
 */
export class ServiceAccountRole extends Construct implements iam.IGrantable {
  /** The IAM role, trusting only the service account's projected token. */
  readonly role: iam.Role;
  /** The role as a principal, for `grant*` methods. */
  readonly grantPrincipal: iam.IPrincipal;
  /** ARN of the role: the value of the service account's `eks.amazonaws.com/role-arn` annotation. */
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: ServiceAccountRoleProps) {
    super(scope, id);
    const provider = props.cluster.openIdConnectProvider;
    const issuer = provider.openIdConnectProviderIssuer;
    // The issuer is only known at deploy time, and IAM condition keys cannot be intrinsic
    // functions; CfnJson resolves the keys during deployment (as aws-eks-v2's ServiceAccount does).
    const conditions = new CfnJson(this, 'TrustConditions', {
      value: {
        [`${issuer}:aud`]: 'sts.amazonaws.com',
        [`${issuer}:sub`]: `system:serviceaccount:${props.namespace}:${props.serviceAccountName}`,
      },
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.OpenIdConnectPrincipal(provider).withConditions({ StringEquals: conditions }),
      description: props.description ?? `IRSA role of service account ${props.namespace}/${props.serviceAccountName}`,
    });
    this.grantPrincipal = this.role.grantPrincipal;
    this.roleArn = this.role.roleArn;
    const cfnJsonProvider = Stack.of(this).node.tryFindChild(CFN_JSON_PROVIDER_ID);
    // The provider is one per stack: acknowledge it once, not once per role.
    if (cfnJsonProvider && !acknowledgedProviders.has(cfnJsonProvider)) {
      acknowledgedProviders.add(cfnJsonProvider);
      acknowledgeGuard(cfnJsonProvider, 'CT.LAMBDA.PR.3', "aws-cdk-lib's CfnJson resolver (a stack-wide singleton) only evaluates JSON during deployment and calls no AWS API; it needs no VPC.");
    }
  }
}

/** Props of {@link QueueIdentities}: the cluster, the queue and the service accounts that get roles. */
export interface QueueIdentitiesProps {
  /** Cluster whose OIDC provider issues the service accounts' tokens. */
  readonly cluster: eks.ICluster;
  /** The queue the roles may read (scaler) and consume (consumers). */
  readonly queue: InferenceQueue;
  /** KEDA operator's service account (namespace and name), e.g. `keda/keda-operator`. */
  readonly scalerServiceAccount: { readonly namespace: string; readonly name: string };
  /**
   * Consumers' service account.
   * @default - no consumer role (the queue has no in-cluster consumers)
   */
  readonly consumerServiceAccount?: { readonly namespace: string; readonly name: string };
}

/**
 * The two least-privilege identities around an inference queue: KEDA's operator may only read
 * the queue's attributes (`sqs:GetQueueAttributes` on this queue), consumers may only receive,
 * delete and change the visibility of its messages. No wildcard actions or resources.
 */
export class QueueIdentities extends Construct {
  /** Role of KEDA's operator: `sqs:GetQueueAttributes` on the queue only. */
  readonly scaler: ServiceAccountRole;
  /** Role of the queue consumers: receive, delete and change visibility; absent without `consumerServiceAccount`. */
  readonly consumer?: ServiceAccountRole;

  constructor(scope: Construct, id: string, props: QueueIdentitiesProps) {
    super(scope, id);
    this.scaler = new ServiceAccountRole(this, 'Scaler', {
      cluster: props.cluster,
      namespace: props.scalerServiceAccount.namespace,
      serviceAccountName: props.scalerServiceAccount.name,
      description: 'KEDA operator: reads the inference queue depth',
    });
    props.queue.grantScalerRead(this.scaler);
    if (props.consumerServiceAccount) {
      this.consumer = new ServiceAccountRole(this, 'Consumer', {
        cluster: props.cluster,
        namespace: props.consumerServiceAccount.namespace,
        serviceAccountName: props.consumerServiceAccount.name,
        description: 'Queue consumers: receive, delete and extend inference requests',
      });
      props.queue.grantConsume(this.consumer);
    }
  }
}
