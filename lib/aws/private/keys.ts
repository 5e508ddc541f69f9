/** Customer-managed KMS keys with the controls every inferstack key carries. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface ManagedKeyProps {
  readonly description: string;
  /** Service principals that encrypt or decrypt with the key on the account's behalf. */
  readonly servicePrincipals?: readonly iam.IPrincipal[];
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
  for (const principal of props.servicePrincipals ?? []) {
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:DescribeKey'],
        principals: [principal],
        resources: ['*'],
      }),
    );
  }
  return key;
}
