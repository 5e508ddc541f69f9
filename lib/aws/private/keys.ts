/** Customer-managed KMS keys with the controls every inferstack key carries. */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** One AWS service's use of a key: who, which KMS actions, under which conditions. */
export interface ServiceKeyUse {
  readonly principal: iam.IPrincipal;
  readonly actions: readonly string[];
  /**
   * IAM conditions of the key-policy statement.
   * @default - none
   */
  readonly conditions?: Record<string, Record<string, unknown>>;
}

/**
 * A service that publishes to an encrypted SNS topic (CloudWatch alarms, AWS Budgets): it needs
 * only to create and read the data key (SNS developer guide, "Enable compatibility between event
 * sources from AWS services and encrypted topics").
 */
export function topicPublisher(servicePrincipal: string): ServiceKeyUse {
  return { principal: new iam.ServicePrincipal(servicePrincipal), actions: ['kms:Decrypt', 'kms:GenerateDataKey*'] };
}

/**
 * CloudWatch Logs encrypting this account's log groups in this region: the actions and the
 * encryption-context condition of the CloudWatch Logs user guide ("Encrypt log data in
 * CloudWatch Logs using AWS KMS", step 2), so the key serves no other account's log groups.
 */
export function logGroupEncryption(scope: Construct): ServiceKeyUse {
  const stack = Stack.of(scope);
  return {
    principal: new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`),
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) } },
  };
}

export interface ManagedKeyProps {
  readonly description: string;
  /**
   * AWS services that encrypt or decrypt with the key on the account's behalf, each with only
   * the actions it needs.
   * @default - none: only the account's IAM policies and the grants EKS and EBS create
   */
  readonly serviceUses?: readonly ServiceKeyUse[];
  /**
   * What happens to the key when it leaves the stack.
   * @default RemovalPolicy.DESTROY - scheduled for deletion after KMS's waiting period
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A symmetric key with yearly rotation (AwsSolutions-KMS5, CT.KMS.PR.1) and a policy statement
 * that refuses `kms:CreateGrant` unless the grant is for an AWS resource or the caller is an
 * AWS service (CT.KMS.PR.3: EKS and EBS create their grants that way).
 */
export function createManagedKey(scope: Construct, id: string, props: ManagedKeyProps): kms.Key {
  const key = new kms.Key(scope, id, {
    description: props.description,
    enableKeyRotation: true,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'GrantsOnlyForAwsResources',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }),
  );
  for (const use of props.serviceUses ?? []) {
    key.addToResourcePolicy(
      new iam.PolicyStatement({ actions: [...use.actions], principals: [use.principal], resources: ['*'], ...(use.conditions ? { conditions: use.conditions } : {}) }),
    );
  }
  return key;
}
