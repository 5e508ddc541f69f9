/**
 * Per-queue-service differences as a table keyed by the plan's KEDA queue trigger
 * (`plan.queue.kedaTrigger`): binding keys, consumer environment and the KEDA trigger itself.
 * No code here asks which cloud it is.
 */
import { InferencePlan, PoolPlan, QueuePlan } from '../plan/types';
import { EnvVar } from './api';
import { Unbound } from './meta';

/** A KEDA trigger as plain data (`spec.triggers[]` of a ScaledObject). */
export interface KedaTrigger {
  readonly type: string;
  readonly name: string;
  readonly metadata: Readonly<Record<string, string>>;
  /** @default - AverageValue (KEDA's default): the target is per replica */
  readonly metricType?: 'AverageValue' | 'Value' | 'Utilization';
  /** @default - no authentication: the trigger reads an in-cluster source (Prometheus) */
  readonly authenticationRef?: { readonly name: string };
}

/** One binding key of a queue trigger. */
export interface QueueBindingKey {
  readonly key: string;
  readonly description: string;
  /** Value used when the binding is absent; undefined renders a placeholder. */
  readonly fallback: (plan: InferencePlan, queue: QueuePlan) => string | undefined;
}

/** How one queue service is consumed and scaled. */
export interface QueueTriggerProfile {
  readonly keys: readonly QueueBindingKey[];
  /** Environment giving consumers the queue's coordinates (plus the cloud SDK's own variables). */
  readonly consumerEnv: (coords: Readonly<Record<string, string>>) => EnvVar[];
  /** The ScaledObject trigger: scale on backlog per replica, active from the first message. */
  readonly trigger: (coords: Readonly<Record<string, string>>, pool: PoolPlan, authName: string) => KedaTrigger;
  readonly source: string;
}

const env = (name: string, value: string): EnvVar => ({ name, value });

/** Google Managed Service for Prometheus query API of a project. */
export const gmpServerAddress = (projectId: string) => `https://monitoring.googleapis.com/v1/projects/${projectId}/location/global/prometheus`;

/** Queue trigger profiles by `plan.queue.kedaTrigger`. */
export const QUEUE_TRIGGERS: Readonly<Record<string, QueueTriggerProfile>> = {
  'aws-sqs-queue': {
    keys: [
      { key: 'queueUrl', description: 'SQS queue URL', fallback: () => undefined },
      { key: 'region', description: 'AWS region of the queue', fallback: (plan) => plan.region },
    ],
    consumerEnv: (c) => [env('INFERSTACK_QUEUE_URL', c.queueUrl), env('AWS_REGION', c.region)],
    // keda-docs scalers/aws-sqs: queueURL, queueLength (target per replica), activationQueueLength,
    // awsRegion; identityOwner in metadata is deprecated in favour of TriggerAuthentication podIdentity.
    trigger: (c, pool, authName) => ({
      type: 'aws-sqs-queue',
      name: 'queue-backlog',
      metadata: {
        queueURL: c.queueUrl,
        queueLength: String(pool.scaling.target),
        activationQueueLength: String(pool.scaling.activationThreshold),
        awsRegion: c.region,
      },
      authenticationRef: { name: authName },
    }),
    source: 'https://keda.sh/docs/2.21/scalers/aws-sqs/',
  },
  'gcp-pubsub': {
    keys: [
      { key: 'subscriptionName', description: 'Pub/Sub subscription id', fallback: (_plan, queue) => queue.name },
      { key: 'projectId', description: 'GCP project of the subscription', fallback: (plan) => plan.project },
    ],
    consumerEnv: (c) => [
      env('INFERSTACK_QUEUE_SUBSCRIPTION', `projects/${c.projectId}/subscriptions/${c.subscriptionName}`),
      env('GOOGLE_CLOUD_PROJECT', c.projectId),
    ],
    // KEDA deprecated the MQL-based gcp-pubsub scaler (blog 2025-09-15 "Google Cloud deprecations")
    // and recommends the prometheus scaler against Managed Service for Prometheus, which serves
    // Cloud Monitoring metrics over PromQL; same roles/monitoring.viewer, same podIdentity gcp.
    trigger: (c, pool, authName) => ({
      type: 'prometheus',
      name: 'queue-backlog',
      metadata: {
        serverAddress: gmpServerAddress(c.projectId),
        query:
          'sum({"__name__"="pubsub.googleapis.com/subscription/num_undelivered_messages",' +
          `"monitored_resource"="pubsub_subscription","subscription_id"="${c.subscriptionName}"})`,
        threshold: String(pool.scaling.target),
        activationThreshold: String(pool.scaling.activationThreshold),
        ignoreNullValues: 'true',
      },
      authenticationRef: { name: authName },
    }),
    source: 'https://keda.sh/blog/2025-09-15-gcp-deprecations/ ; https://keda.sh/docs/2.21/scalers/prometheus/',
  },
  'azure-servicebus': {
    keys: [
      { key: 'namespace', description: 'Service Bus namespace name (without .servicebus.windows.net)', fallback: () => undefined },
      { key: 'queueName', description: 'Service Bus queue name', fallback: (_plan, queue) => queue.name },
    ],
    consumerEnv: (c) => [
      env('INFERSTACK_QUEUE_NAMESPACE', `${c.namespace}.servicebus.windows.net`),
      env('INFERSTACK_QUEUE_NAME', c.queueName),
    ],
    // keda-docs 2.19 scalers/azure-service-bus: queueName, namespace (required with pod identity),
    // messageCount (active messages per replica), activationMessageCount.
    trigger: (c, pool, authName) => ({
      type: 'azure-servicebus',
      name: 'queue-backlog',
      metadata: {
        queueName: c.queueName,
        namespace: c.namespace,
        messageCount: String(pool.scaling.target),
        activationMessageCount: String(pool.scaling.activationThreshold),
      },
      authenticationRef: { name: authName },
    }),
    source: 'https://keda.sh/docs/2.19/scalers/azure-service-bus/',
  },
};

/** The profile of a plan's queue; throws when the plan names a trigger this table lacks. */
export function queueTriggerProfile(queue: QueuePlan): QueueTriggerProfile {
  const profile = QUEUE_TRIGGERS[queue.kedaTrigger];
  if (!profile) {
    throw new Error(`lib/k8s has no queue trigger '${queue.kedaTrigger}'; supported: ${Object.keys(QUEUE_TRIGGERS).join(', ')}`);
  }
  return profile;
}

/** Queue coordinates from bindings, plan defaults, then placeholders. Unknown binding keys throw. */
export function queueCoordinates(
  plan: InferencePlan,
  queue: QueuePlan,
  bound: Readonly<Record<string, string>> | undefined,
  unbound: Unbound,
): Record<string, string> {
  const profile = queueTriggerProfile(queue);
  const known = profile.keys.map((k) => k.key);
  const unknown = Object.keys(bound ?? {}).filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new Error(
      `bindings.queue has ${unknown.map((k) => `'${k}'`).join(', ')}, which the ${queue.kedaTrigger} trigger does not use; ` +
        `expected ${profile.keys.map((k) => `${k.key} (${k.description})`).join(', ')}`,
    );
  }
  const out: Record<string, string> = {};
  for (const k of profile.keys) out[k.key] = unbound.value(`queue.${k.key}`, bound?.[k.key] ?? k.fallback(plan, queue));
  return out;
}
