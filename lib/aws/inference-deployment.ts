/**
 * The spec-driven composition: everything one AWS plan describes, built from the constructs of
 * this folder. It reads the plan only; nothing here decides what the plan already decided.
 */
import { NestedStack, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { KEDA_NAMESPACE, KEDA_OPERATOR_ACCOUNT } from '../k8s';
import { ROUTER_PORT, serviceHost, workloadNames } from '../k8s/meta';
import { resolvePlan } from '../plan/resolve';
import { InferencePlan, PoolPlan } from '../plan/types';
import type { InferenceSpec } from '../spec/types';
import { AlertTopic } from './alerts';
import { InferenceBudget } from './budget';
import { applyCostTags } from './cost-tags';
import { QueueIdentities } from './identity';
import { InferenceCluster } from './inference-cluster';
import { AcceleratorNodePools } from './node-pools';
import { InferenceQueue } from './queue';
import { InferenceWorkload } from './workload';

export interface InferenceDeploymentProps {
  /**
   * The inference spec; resolved for AWS with `resolvePlan(spec, 'aws')`. Give `spec` or `plan`.
   * @default - use `plan`
   */
  readonly spec?: InferenceSpec;
  /**
   * An already resolved AWS plan. Give `spec` or `plan`.
   * @default - resolved from `spec`
   */
  readonly plan?: InferencePlan;
  /**
   * VPC for the cluster.
   * @default - a new VPC (see InferenceClusterProps.vpc)
   */
  readonly vpc?: ec2.IVpc;
  /**
   * Availability zones of the new VPC (ignored with `vpc`).
   * @default - the region's first three zones via `Fn::GetAZs`
   */
  readonly availabilityZones?: string[];
  /**
   * Who reaches the Kubernetes API.
   * @default eks.EndpointAccess.PRIVATE
   */
  readonly endpointAccess?: eks.EndpointAccess;
  /**
   * IAM principals that get cluster-admin access entries (to run kubectl).
   * @default - none besides the deploying identity
   */
  readonly adminPrincipalArns?: string[];
  /**
   * Email addresses subscribed to the alert topic that queue alarms and the budget publish to.
   * @default - none: subscribe your on-call endpoint to `alerts.topic` (the budget still emails
   * the spec's `budget.notifyEmails` directly)
   */
  readonly alarmEmails?: string[];
  /**
   * Require exactly the plan's instance types in the NodePools.
   * @default true
   */
  readonly pinInstanceTypes?: boolean;
  /**
   * Apply the plan's cost tags to everything in this construct. Pass false when an enclosing
   * scope applies them already (`InferenceStack` tags the whole stack once).
   * @default true
   */
  readonly applyCostTags?: boolean;
}

/**
 * An AWS inference deployment from one plan: EKS Auto Mode cluster, accelerator NodePools, the
 * request queue with its dead-letter queue and alarms, least-privilege IRSA roles for KEDA and
 * consumers, the in-cluster workload (KEDA, Prometheus, router, model servers, ScaledObjects),
 * the budget and cost tags on everything.
 *
 * Each pool (its NodeClass and NodePools, its model server or consumer, its ScaledObject) lives in
 * a nested stack of its own, `Pools/<model>`: the main template stays within CloudFormation's
 * quotas at hundreds of models (one AWS::CloudFormation::Stack resource per model), and adding or
 * changing a model updates only its nested stack and the router.
 */
export class InferenceDeployment extends Construct {
  readonly plan: InferencePlan;
  readonly alerts: AlertTopic;
  readonly cluster: InferenceCluster;
  readonly nodePools: AcceleratorNodePools;
  readonly queue?: InferenceQueue;
  readonly identities?: QueueIdentities;
  readonly workload: InferenceWorkload;
  /** One nested stack per pool, by model name. */
  readonly poolStacks: Readonly<Record<string, NestedStack>>;
  readonly budget?: InferenceBudget;
  /** In-cluster URL of the OpenAI-compatible router, when the plan has online models. */
  readonly routerEndpoint?: string;

  constructor(scope: Construct, id: string, props: InferenceDeploymentProps) {
    super(scope, id);
    if ((props.spec === undefined) === (props.plan === undefined)) {
      throw new Error('InferenceDeployment: give exactly one of spec or plan');
    }
    const plan = props.plan ?? resolvePlan(props.spec!, 'aws');
    if (plan.cloud !== 'aws') throw new Error(`InferenceDeployment renders AWS plans; this plan is for ${plan.cloud}`);
    this.plan = plan;

    this.alerts = new AlertTopic(this, 'Alerts', { emails: props.alarmEmails });
    this.cluster = new InferenceCluster(this, 'Cluster', {
      clusterName: `${plan.name}-${plan.environment}`,
      vpc: props.vpc,
      availabilityZones: props.availabilityZones,
      endpointAccess: props.endpointAccess,
      adminPrincipalArns: props.adminPrincipalArns,
    });
    const cluster = this.cluster.cluster;
    // Construct ids follow the model name, never its position: reordering models moves nothing.
    const pools = new Construct(this, 'Pools');
    const poolStacks: Record<string, NestedStack> = {};
    for (const pool of plan.pools) {
      poolStacks[pool.name] = new NestedStack(pools, pool.name, { description: `inferstack: ${plan.name} (${plan.environment}) pool ${pool.name}` });
    }
    this.poolStacks = poolStacks;
    const poolScope = (pool: PoolPlan) => poolStacks[pool.name];
    this.nodePools = new AcceleratorNodePools(this, 'AcceleratorPools', {
      cluster,
      plan,
      nodeRole: this.cluster.nodeRole,
      pinInstanceType: props.pinInstanceTypes,
      poolScope,
    });

    if (plan.queue) {
      this.queue = new InferenceQueue(this, 'Queue', { ...InferenceQueue.propsFromPlan(plan.queue), alarmTopic: this.alerts.topic });
      // Service account names come from lib/k8s, which creates them (KEDA's chart on EKS).
      const operator = { namespace: KEDA_NAMESPACE, serviceAccountName: KEDA_OPERATOR_ACCOUNT };
      const consumers = plan.pools.some((p) => p.serve === 'queue');
      this.identities = new QueueIdentities(this, 'QueueIdentities', {
        cluster,
        queue: this.queue,
        scalerServiceAccount: { namespace: operator.namespace, name: operator.serviceAccountName },
        consumerServiceAccount: consumers ? { namespace: plan.namespace, name: workloadNames(plan).consumerAccount } : undefined,
      });
    }

    this.workload = new InferenceWorkload(this, 'Workload', {
      cluster,
      plan,
      bindings: {
        ...(this.identities
          ? { identities: { scaler: this.identities.scaler.roleArn, ...(this.identities.consumer ? { consumer: this.identities.consumer.roleArn } : {}) } }
          : {}),
        ...(this.queue ? { queue: { queueUrl: this.queue.queue.queueUrl, region: Stack.of(this).region } } : {}),
      },
      poolScope,
      // A pool's servers wait for its own NodePools only; shared objects and charts wait for none.
      poolDependsOn: (pool) => [this.nodePools.manifests[pool.name]],
    });

    if (plan.budget) {
      this.budget = new InferenceBudget(this, 'Budget', InferenceBudget.propsFromPlan(plan.budget, this.alerts.topic));
    }
    if (plan.router) {
      this.routerEndpoint = `http://${serviceHost(plan.router.resourceName, plan.namespace)}:${ROUTER_PORT}`;
    }
    if (props.applyCostTags ?? true) applyCostTags(this, plan.tags);
    // The pool stacks hold only Kubernetes manifests, which take no tags and cost nothing; their
    // stack resources stay untagged so the main template does not grow by the tags per model.
    for (const key of Object.keys(plan.tags)) Tags.of(pools).remove(key, { includeResourceTypes: ['aws:cdk:stack', 'AWS::CloudFormation::Stack'] });
  }
}
