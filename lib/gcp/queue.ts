/**
 * The request queue of `serve: queue` models on Pub/Sub: a topic, the pull subscription the
 * consumers read, a dead-letter topic with its own subscription (a dead-letter topic without a
 * subscription loses what it receives), and the IAM the Pub/Sub service agent needs to forward
 * dead letters.
 *
 * Fields: @pulumi/gcp 9.37.0 `pubsub.Topic`, `pubsub.Subscription` (ackDeadlineSeconds 10-600,
 * messageRetentionDuration 600s-2678400s, retryPolicy, deadLetterPolicy.maxDeliveryAttempts
 * 5-100, expirationPolicy.ttl "" = never), `pubsub.TopicIAMMember`, `pubsub.SubscriptionIAMMember`.
 */
import * as pulumi from '@pulumi/pulumi';
import * as kms from '@pulumi/gcp/kms';
import * as organizations from '@pulumi/gcp/organizations';
import * as pubsub from '@pulumi/gcp/pubsub';
import { InferencePlan } from '../plan/types';
import { ArgProblem, assertValidArgs } from './errors';
import { withCostLabels } from './labels';

/** Pub/Sub's limits on the settings this component takes (REST reference, projects.subscriptions). */
export const PUBSUB_LIMITS = {
  ackDeadlineSeconds: { min: 10, max: 600 },
  maxDeliveryAttempts: { min: 5, max: 100 },
  retentionSeconds: { min: 600, max: 2678400 },
  backoffSeconds: { min: 0, max: 600 },
} as const;

/** Arguments of {@link InferenceQueue}. */
export interface InferenceQueueArgs {
  /** GCP project id. */
  readonly project: string;
  /**
   * Topic producers publish requests to.
   * @default - the component's name
   */
  readonly topicName?: string;
  /**
   * The consumers' pull subscription.
   * @default - the topic's name
   */
  readonly subscriptionName?: string;
  /**
   * Topic that receives messages after `maxDeliveryAttempts` failed deliveries.
   * @default - `<topic>-dlq`
   */
  readonly deadLetterTopicName?: string;
  /**
   * Subscription on the dead-letter topic that keeps dead letters for inspection and replay.
   * @default - the dead-letter topic's name
   */
  readonly deadLetterSubscriptionName?: string;
  /**
   * Seconds a consumer has to acknowledge a message before Pub/Sub delivers it again (10-600);
   * consumers extend it for longer inferences.
   * @default 600 - Pub/Sub's maximum
   */
  readonly ackDeadlineSeconds?: number;
  /**
   * Deliveries of one message before it goes to the dead-letter topic (5-100).
   * @default 5
   */
  readonly maxDeliveryAttempts?: number;
  /**
   * How long an unacknowledged message is kept, in seconds (600-2678400).
   * @default 604800 - 7 days, Pub/Sub's default
   */
  readonly retentionSeconds?: number;
  /**
   * How long the dead-letter subscription keeps a message, in seconds (600-2678400).
   * @default 2678400 - 31 days, Pub/Sub's maximum, to leave time to inspect failures
   */
  readonly deadLetterRetentionSeconds?: number;
  /**
   * Backoff between redeliveries of a message that was not acknowledged, in seconds (0-600).
   * @default - 10 to 600 seconds, exponential (Pub/Sub's defaults once a retry policy is set)
   */
  readonly retryBackoffSeconds?: { readonly minimum: number; readonly maximum: number };
  /**
   * Cloud KMS key (`projects/.../cryptoKeys/...`) that encrypts both topics' messages (CMEK). The
   * component grants the Pub/Sub service agent `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it.
   * @default - Google-managed encryption: Pub/Sub encrypts every message at rest with keys Google
   * manages, which satisfies the plan's `encrypted: true` without a key to administer
   */
  readonly kmsKeyName?: pulumi.Input<string>;
  /**
   * Project number, for the Pub/Sub service agent `service-<number>@gcp-sa-pubsub.iam.gserviceaccount.com`.
   * @default - looked up with `organizations.getProject`
   */
  readonly projectNumber?: pulumi.Input<string>;
  /**
   * Cost labels for the topics and subscriptions.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const seconds = (n: number) => `${n}s`;
const inRange = (v: number, r: { readonly min: number; readonly max: number }) => Number.isInteger(v) && v >= r.min && v <= r.max;

/** The Pub/Sub service agent of a project (it forwards dead letters and uses CMEK keys). */
export const pubsubServiceAgent = (projectNumber: pulumi.Input<string>): pulumi.Output<string> =>
  pulumi.interpolate`service-${projectNumber}@gcp-sa-pubsub.iam.gserviceaccount.com`;

/**
 * A Pub/Sub request queue with its dead-letter topic and subscription.
 *
 * Dead letters: Pub/Sub forwards a message that was delivered `maxDeliveryAttempts` times to the
 * dead-letter topic. For that its service agent needs `roles/pubsub.publisher` on the dead-letter
 * topic and `roles/pubsub.subscriber` on the source subscription (to acknowledge the message it
 * forwarded): https://cloud.google.com/pubsub/docs/dead-letter-topics (the roles to grant the Pub/Sub
 * service account). Without them Pub/Sub neither forwards nor counts delivery attempts.
 */
export class InferenceQueue extends pulumi.ComponentResource {
  /** Args rendering the plan's queue (names, ack deadline, redelivery limit, retention). */
  static argsFromPlan(plan: InferencePlan): Pick<InferenceQueueArgs, 'project' | 'topicName' | 'subscriptionName' | 'deadLetterTopicName' | 'deadLetterSubscriptionName' | 'ackDeadlineSeconds' | 'maxDeliveryAttempts' | 'retentionSeconds'> {
    const q = plan.queue;
    if (!q) throw new Error(`the ${plan.cloud} plan of ${plan.name} has no queue (no model has serve: queue)`);
    return {
      project: plan.project ?? '',
      topicName: q.name,
      // The KEDA trigger and the consumers name the subscription by the queue's name (lib/k8s gcp-pubsub profile).
      subscriptionName: q.name,
      deadLetterTopicName: q.deadLetterName,
      deadLetterSubscriptionName: q.deadLetterName,
      ackDeadlineSeconds: q.visibilityTimeoutSeconds,
      maxDeliveryAttempts: q.maxDeliveryAttempts,
      retentionSeconds: q.retentionSeconds,
    };
  }

  /** The topic producers publish requests to. */
  readonly topic: pubsub.Topic;
  /** The consumers' pull subscription. */
  readonly subscription: pubsub.Subscription;
  /** Where messages go after `maxDeliveryAttempts` deliveries. */
  readonly deadLetterTopic: pubsub.Topic;
  /** Keeps the dead letters for inspection and replay. */
  readonly deadLetterSubscription: pubsub.Subscription;
  /** Email of the project's Pub/Sub service agent. */
  readonly serviceAgent: pulumi.Output<string>;

  constructor(name: string, args: InferenceQueueArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const labels = args.labels ?? {};
    super('inferstack:gcp:InferenceQueue', name, {}, withCostLabels(opts, labels));
    const ack = args.ackDeadlineSeconds ?? PUBSUB_LIMITS.ackDeadlineSeconds.max;
    const attempts = args.maxDeliveryAttempts ?? 5;
    const retention = args.retentionSeconds ?? 604800;
    const dlqRetention = args.deadLetterRetentionSeconds ?? PUBSUB_LIMITS.retentionSeconds.max;
    const backoff = args.retryBackoffSeconds ?? { minimum: 10, maximum: 600 };
    const problems: ArgProblem[] = [];
    const range = (path: string, v: number, r: { readonly min: number; readonly max: number }, what: string) => {
      if (!inRange(v, r)) problems.push({ path, reason: `must be a whole number from ${r.min} to ${r.max} (${what}), got ${v}` });
    };
    if (!args.project) problems.push({ path: 'args.project', reason: 'is required (the GCP project id)' });
    range('args.ackDeadlineSeconds', ack, PUBSUB_LIMITS.ackDeadlineSeconds, 'Pub/Sub ack deadline seconds');
    range('args.maxDeliveryAttempts', attempts, PUBSUB_LIMITS.maxDeliveryAttempts, 'Pub/Sub dead-letter policy');
    range('args.retentionSeconds', retention, PUBSUB_LIMITS.retentionSeconds, 'Pub/Sub message retention seconds');
    range('args.deadLetterRetentionSeconds', dlqRetention, PUBSUB_LIMITS.retentionSeconds, 'Pub/Sub message retention seconds');
    range('args.retryBackoffSeconds.minimum', backoff.minimum, PUBSUB_LIMITS.backoffSeconds, 'Pub/Sub retry policy');
    range('args.retryBackoffSeconds.maximum', backoff.maximum, PUBSUB_LIMITS.backoffSeconds, 'Pub/Sub retry policy');
    if (backoff.minimum > backoff.maximum) problems.push({ path: 'args.retryBackoffSeconds', reason: `minimum ${backoff.minimum} is above maximum ${backoff.maximum}` });
    const topicName = args.topicName ?? name;
    const dlqName = args.deadLetterTopicName ?? `${topicName}-dlq`;
    const names = { topicName, subscriptionName: args.subscriptionName ?? topicName, deadLetterTopicName: dlqName, deadLetterSubscriptionName: args.deadLetterSubscriptionName ?? dlqName };
    for (const [k, v] of Object.entries(names)) {
      // Pub/Sub resource names: 3-255 characters, a letter first, then [A-Za-z0-9-_.~+%], never starting with "goog".
      if (!/^[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/.test(v) || v.startsWith('goog')) problems.push({ path: `args.${k}`, reason: `'${v}' is not a Pub/Sub name (3-255 characters, a letter first, then letters, digits and - _ . ~ + %, not starting with goog)` });
    }
    if (names.topicName === names.deadLetterTopicName) problems.push({ path: 'args.deadLetterTopicName', reason: 'must differ from the topic: dead letters need their own topic' });
    assertValidArgs('InferenceQueue', name, problems);

    const { project } = args;
    const child = { parent: this };
    const projectNumber = args.projectNumber ?? organizations.getProjectOutput({ projectId: project }, child).apply((p) => p.number);
    this.serviceAgent = pubsubServiceAgent(projectNumber);
    const agentMember = pulumi.interpolate`serviceAccount:${this.serviceAgent}`;

    // With a customer-managed key the service agent must be able to use it before a topic names it.
    const keyGrant = args.kmsKeyName
      ? [new kms.CryptoKeyIAMMember(`${name}-kms-pubsub`, { cryptoKeyId: args.kmsKeyName, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: agentMember }, child)]
      : [];
    const encryption = args.kmsKeyName ? { kmsKeyName: args.kmsKeyName } : {};
    this.deadLetterTopic = new pubsub.Topic(`${name}-dlq`, { name: names.deadLetterTopicName, project, ...encryption }, { ...child, dependsOn: keyGrant });
    this.topic = new pubsub.Topic(`${name}-topic`, { name: names.topicName, project, ...encryption }, { ...child, dependsOn: keyGrant });

    const never = { ttl: '' };
    this.subscription = new pubsub.Subscription(
      `${name}-subscription`,
      {
        name: names.subscriptionName,
        project,
        topic: this.topic.id,
        ackDeadlineSeconds: ack,
        messageRetentionDuration: seconds(retention),
        retainAckedMessages: false,
        // An idle subscription (a pool at zero) must not expire after 31 days (Pub/Sub's default policy).
        expirationPolicy: never,
        retryPolicy: { minimumBackoff: seconds(backoff.minimum), maximumBackoff: seconds(backoff.maximum) },
        deadLetterPolicy: { deadLetterTopic: this.deadLetterTopic.id, maxDeliveryAttempts: attempts },
      },
      child,
    );
    this.deadLetterSubscription = new pubsub.Subscription(
      `${name}-dlq-subscription`,
      {
        name: names.deadLetterSubscriptionName,
        project,
        topic: this.deadLetterTopic.id,
        ackDeadlineSeconds: ack,
        messageRetentionDuration: seconds(dlqRetention),
        retainAckedMessages: false,
        expirationPolicy: never,
      },
      child,
    );

    // Forwarding permissions of the Pub/Sub service agent, on these two resources only.
    new pubsub.TopicIAMMember(`${name}-dlq-publisher`, { project, topic: this.deadLetterTopic.name, role: 'roles/pubsub.publisher', member: agentMember }, child);
    new pubsub.SubscriptionIAMMember(`${name}-dlq-forwarder`, { project, subscription: this.subscription.name, role: 'roles/pubsub.subscriber', member: agentMember }, child);

    this.registerOutputs({
      topic: this.topic.id,
      subscription: this.subscription.id,
      deadLetterTopic: this.deadLetterTopic.id,
      deadLetterSubscription: this.deadLetterSubscription.id,
      serviceAgent: this.serviceAgent,
    });
  }
}

