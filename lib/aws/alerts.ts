/** An encrypted SNS topic for inferstack's alarms and budget notifications. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { createManagedKey, topicPublisher } from './private/keys';

/** Props of {@link AlertTopic}; every prop is optional. */
export interface AlertTopicProps {
  /**
   * Email addresses subscribed to the topic (each confirms the subscription once).
   * @default - no subscriptions; subscribe endpoints to `topic` yourself
   */
  readonly emails?: readonly string[];

  /**
   * Key encrypting the topic. CloudWatch and AWS Budgets must be allowed to use it.
   * @default - a new customer-managed key with yearly rotation whose policy lets CloudWatch
   * alarms and AWS Budgets publish
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Removal policy of the generated key.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * SNS topic that CloudWatch alarms and AWS Budgets publish to: KMS-encrypted, TLS-only publishing
 * (AwsSolutions-SNS2/SNS3) and a topic policy that lets AWS Budgets publish for this account only.
 */
export class AlertTopic extends Construct {
  /** The encrypted topic; pass it as `alarmTopic` or `topic` to the queue and the budget. */
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertTopicProps = {}) {
    super(scope, id);
    const key =
      props.encryptionKey ??
      createManagedKey(this, 'Key', {
        description: 'inferstack alarms and budget notifications',
        serviceUses: [topicPublisher('cloudwatch.amazonaws.com'), topicPublisher('budgets.amazonaws.com')],
        removalPolicy: props.removalPolicy,
      });
    this.topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    // AWS Budgets publishes with its service principal; scope it to this account (confused deputy).
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AwsBudgetsPublish',
        actions: ['sns:Publish'],
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.topic.env.account } },
      }),
    );
    for (const email of props.emails ?? []) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }
}
