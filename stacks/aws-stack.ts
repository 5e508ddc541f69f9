/**
 * The deployable AWS unit: a CDK Stack built from one spec, and a function that synthesizes it
 * (`inferstack synth --cloud aws` calls it). Synthesis needs no AWS credentials and no context
 * lookups: availability zones are resolved by CloudFormation (`Fn::GetAZs`).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnOutput, Fn, Stack, StackProps } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { applyCostTags } from '../lib/aws/cost-tags';
import { assertWithinBudget } from '../lib/cost';
import { InferenceDeployment } from '../lib/aws/inference-deployment';
import { resolvePlan } from '../lib/plan/resolve';
import { InferencePlan } from '../lib/plan/types';
import type { InferenceSpec } from '../lib/spec/types';

export interface InferenceStackProps extends StackProps {
  /** The spec; must have an `aws` target. */
  readonly spec: InferenceSpec;
  /**
   * The spec's AWS plan, when the caller has resolved it already (so one synth resolves it once).
   * @default - `resolvePlan(spec, 'aws')`
   */
  readonly plan?: InferencePlan;
  /**
   * Refuse a ceiling over `budget.monthlyUsd` when `budget.onExceed` is `error`. Pass false only
   * when the caller has made that check itself (as `inferstack synth` does).
   * @default true
   */
  readonly checkBudget?: boolean;
  /**
   * IAM principals given cluster-admin access entries, so they can run kubectl.
   * @default - none besides CloudFormation's execution role
   */
  readonly adminPrincipalArns?: string[];
  /**
   * CIDR blocks allowed to reach the Kubernetes API over the internet.
   * @default - none: the API endpoint is private to the VPC
   */
  readonly publicApiCidrs?: string[];
  /**
   * Emails subscribed to the alert topic (queue alarms and budget notifications).
   * @default - none
   */
  readonly alarmEmails?: string[];
  /**
   * Number of availability zones for the new VPC (the region must have that many).
   * @default 3
   */
  readonly availabilityZoneCount?: number;
}

/** Stack id (and CloudFormation stack name) of a plan: `<name>-<environment>`. */
export function awsStackName(plan: InferencePlan): string {
  return `${plan.name}-${plan.environment}`;
}

/**
 * One spec on AWS. The stack's region is the spec's `targets.aws.region`; its account is
 * `targets.aws.account` when given, otherwise the account of the credentials used to deploy.
 */
export class InferenceStack extends Stack {
  readonly plan: InferencePlan;
  readonly deployment: InferenceDeployment;
  private readonly azCount: number;

  constructor(scope: Construct, id: string, props: InferenceStackProps) {
    const plan = props.plan ?? resolvePlan(props.spec, 'aws');
    if (plan.cloud !== 'aws') throw new Error(`InferenceStack deploys AWS plans; this plan is for ${plan.cloud}`);
    // A ceiling over budget with onExceed: error refuses the stack before anything is created.
    if (props.checkBudget ?? true) assertWithinBudget(props.spec, [plan]);
    super(scope, id, {
      description: `inferstack: ${plan.name} (${plan.environment}) inference on AWS`,
      ...props,
      env: props.env ?? { region: plan.region, ...(plan.account ? { account: plan.account } : {}) },
    });
    this.plan = plan;
    this.azCount = props.availabilityZoneCount ?? 3;
    const cidrs = props.publicApiCidrs ?? [];
    this.deployment = new InferenceDeployment(this, 'Inference', {
      plan,
      adminPrincipalArns: props.adminPrincipalArns,
      alarmEmails: props.alarmEmails,
      availabilityZones: this.availabilityZones,
      endpointAccess: cidrs.length ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...cidrs) : eks.EndpointAccess.PRIVATE,
      // Tagged once, at the stack: stack tags also reach resources whose L1 takes no tags.
      applyCostTags: false,
    });
    applyCostTags(this, plan.tags);

    const d = this.deployment;
    new CfnOutput(this, 'ClusterName', { value: d.cluster.clusterName, description: 'EKS cluster name' });
    new CfnOutput(this, 'KubeconfigCommand', { value: d.cluster.kubeconfigCommand, description: 'Adds the cluster to ~/.kube/config (needs network access to the API endpoint)' });
    if (d.queue) {
      new CfnOutput(this, 'QueueUrl', { value: d.queue.queue.queueUrl, description: 'Request queue: send inference requests here' });
      new CfnOutput(this, 'DeadLetterQueueUrl', { value: d.queue.deadLetterQueue.queueUrl, description: 'Requests that failed every attempt' });
    }
    if (d.routerEndpoint && plan.router) {
      new CfnOutput(this, 'RouterEndpoint', { value: d.routerEndpoint, description: 'OpenAI-compatible router (in-cluster URL)' });
      new CfnOutput(this, 'RouterPortForwardCommand', {
        value: `kubectl -n ${plan.namespace} port-forward service/${plan.router.resourceName} 4000:4000`,
        description: 'Reach the router from your machine at http://localhost:4000',
      });
    }
    new CfnOutput(this, 'AlertTopicArn', { value: d.alerts.topic.topicArn, description: 'Queue alarms and budget notifications; subscribe your on-call endpoint' });
  }

  /**
   * The new VPC's zones, resolved by CloudFormation so that synthesis never looks them up,
   * even when the stack has an explicit account.
   */
  override get availabilityZones(): string[] {
    return Array.from({ length: this.azCount ?? 3 }, (_, i) => Fn.select(i, Fn.getAzs()));
  }
}

/** Options of {@link synthAwsTemplates}. */
export interface SynthAwsOptions {
  /**
   * The spec's AWS plan, resolved and budget-checked by the caller.
   * @default - resolved here, and the budget checked here
   */
  readonly plan?: InferencePlan;
  /**
   * Also run aws-cdk-lib's built-in CloudFormation validation (about 3 s and 220 MiB more per
   * synth; inferstack's tests run it on every template they render).
   * @default false
   */
  readonly validate?: boolean;
}

/**
 * Synthesize the spec's AWS stack into `outDir` (a CDK cloud assembly: templates, assets and
 * manifest, deployable with `cdk deploy --app <outDir>`) and return the template paths: the
 * stack's, then its nested stacks' (one per pool), sorted. Assets already staged in `outDir` by an
 * earlier synth (content-addressed, e.g. the 36 MB kubectl layer) are reused instead of copied again.
 */
export function synthAwsTemplates(spec: InferenceSpec, outDir: string, opts: SynthAwsOptions = {}): string[] {
  const app = new App({ outdir: outDir, builtinCloudFormationValidation: opts.validate ?? false });
  const resolved = opts.plan ?? resolvePlan(spec, 'aws');
  // With a plan given, the caller (inferstack synth) has checked the budget already.
  new InferenceStack(app, awsStackName(resolved), { spec, plan: resolved, checkBudget: opts.plan === undefined });
  const assembly = app.synth();
  const nested = readdirSync(assembly.directory)
    .filter((f) => f.endsWith('.nested.template.json'))
    .sort()
    .map((f) => join(assembly.directory, f));
  return [...assembly.stacks.map((s) => s.templateFullPath), ...nested];
}
