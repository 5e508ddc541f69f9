/** Cost-allocation tags on every taggable resource under a scope. */
import { Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Apply cost tags (normalised for AWS, e.g. `plan.tags`) to `scope` and everything below it,
 * through CDK's tag aspect: every L1 resource whose CloudFormation type supports tags gets them
 * (EKS cluster, SQS queues, SNS topics, KMS keys, IAM roles, Lambda functions, VPC parts, log
 * groups, the budget). Instances that EKS Auto Mode launches are
 * not CloudFormation resources; they get the plan's stable node tags through their NodeClass
 * (`AcceleratorNodePools` with a `nodeRole`), and the other cost tags reach them through the
 * deployment tag (docs/cost.md).
 *
 * Returns the tags applied, for chaining into NodeClasses or outputs.
 */
export function applyCostTags(scope: IConstruct, tags: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  for (const [key, value] of Object.entries(tags)) Tags.of(scope).add(key, value);
  return tags;
}
