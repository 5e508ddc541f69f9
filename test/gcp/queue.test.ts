/**
 * The Pub/Sub queue and its identities: settings from the plan, the dead-letter policy and the
 * service agent's forwarding permissions, and Workload Identity scoped to one subscription.
 */
import * as pulumi from '@pulumi/pulumi';
import { InferenceQueue, QueueIdentities } from '../../lib/gcp';
import { workloadNames } from '../../lib/k8s';
import { ResourceGraph } from '../../lib/util/resource-graph';
import { OFFLINE_PROJECT_NUMBER } from '../../stacks/pulumi/gcp';
import { graphOf, inputs, named, ofType, planOf, runGcp, thrownBy } from './support/graph';
import { ALL_GCP_SPECS } from './support/specs';

const AGENT = `serviceAccount:service-${OFFLINE_PROJECT_NUMBER}@gcp-sa-pubsub.iam.gserviceaccount.com`;

describe.each(['batch-embeddings', 'queue-only', 'several-models'])('%s queue', (spec) => {
  let graph: ResourceGraph;
  beforeAll(async () => {
    graph = await graphOf(spec);
  });
  const plan = () => planOf(spec);
  const prefix = () => `${plan().name}-${plan().environment}-queue`;

  test('subscription: ack deadline, retention, retry policy and dead-letter policy from the plan; never expires', () => {
    const q = plan().queue!;
    const sub = inputs(named(graph, `${prefix()}-subscription`));
    expect(sub).toMatchObject({
      name: q.name,
      topic: `projects/${plan().project}/topics/${q.name}`,
      ackDeadlineSeconds: q.visibilityTimeoutSeconds,
      messageRetentionDuration: `${q.retentionSeconds}s`,
      expirationPolicy: { ttl: '' },
      retryPolicy: { minimumBackoff: '10s', maximumBackoff: '600s' },
      deadLetterPolicy: { deadLetterTopic: `projects/${plan().project}/topics/${q.deadLetterName}`, maxDeliveryAttempts: q.maxDeliveryAttempts },
    });
  });

  test('dead letters are kept: a subscription on the dead-letter topic, retained 31 days', () => {
    const q = plan().queue!;
    const dlq = inputs(named(graph, `${prefix()}-dlq-subscription`));
    expect(dlq).toMatchObject({ name: q.deadLetterName, topic: `projects/${plan().project}/topics/${q.deadLetterName}`, messageRetentionDuration: '2678400s', expirationPolicy: { ttl: '' } });
    expect(dlq.deadLetterPolicy).toBeUndefined();
  });

  test("the Pub/Sub service agent (project number from getProject) may publish to the dead-letter topic and acknowledge on the source subscription, nothing else", () => {
    const q = plan().queue!;
    const agentGrants = graph.resources.filter((r) => (r.inputs as any).member === AGENT);
    expect(agentGrants.map((r) => [r.type, inputs(r).role, inputs(r).topic ?? inputs(r).subscription]).sort()).toEqual(
      [
        ['gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember', 'roles/pubsub.subscriber', q.name],
        ['gcp:pubsub/topicIAMMember:TopicIAMMember', 'roles/pubsub.publisher', q.deadLetterName],
      ].sort(),
    );
  });

  test('Workload Identity: the consumer may subscribe to this subscription only; KEDA reads metrics only; each bound to one Kubernetes service account', () => {
    const p = plan();
    const ids = `${p.name}-${p.environment}-identities`;
    const consumer = named(graph, `${ids}-consumer`);
    const scaler = named(graph, `${ids}-scaler`);
    const emailOf = (r: typeof consumer) => `${inputs(r).accountId}@${p.project}.iam.gserviceaccount.com`;
    const grantsTo = (email: string) => graph.resources.filter((r) => (r.inputs as any).member === `serviceAccount:${email}`);
    expect(grantsTo(emailOf(consumer)).map((r) => [r.type, inputs(r).role, inputs(r).subscription])).toEqual([['gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember', 'roles/pubsub.subscriber', p.queue!.name]]);
    expect(grantsTo(emailOf(scaler)).map((r) => [r.type, inputs(r).role, inputs(r).project])).toEqual([['gcp:projects/iAMMember:IAMMember', 'roles/monitoring.viewer', p.project]]);
    const wi = ofType(graph, 'gcp:serviceaccount/iAMMember:IAMMember').map((r) => [inputs(r).serviceAccountId.split('/').pop(), inputs(r).role, inputs(r).member]);
    expect(wi.sort()).toEqual(
      [
        [emailOf(consumer), 'roles/iam.workloadIdentityUser', `serviceAccount:${p.project}.svc.id.goog[${p.namespace}/${workloadNames(p).consumerAccount}]`],
        [emailOf(scaler), 'roles/iam.workloadIdentityUser', `serviceAccount:${p.project}.svc.id.goog[keda/keda-operator]`],
      ].sort(),
    );
  });

  test('the Kubernetes service accounts carry the Google service accounts the bindings name', () => {
    const p = plan();
    const ids = `${p.name}-${p.environment}-identities`;
    const ksa = ofType(graph, 'kubernetes:core/v1:ServiceAccount').find((r) => inputs(r).metadata.name === workloadNames(p).consumerAccount)!;
    expect(inputs(ksa).metadata.annotations['iam.gke.io/gcp-service-account']).toBe(`${inputs(named(graph, `${ids}-consumer`)).accountId}@${p.project}.iam.gserviceaccount.com`);
    const keda = ofType(graph, 'kubernetes:helm.sh/v3:Release').find((r) => inputs(r).name === 'keda')!;
    expect(inputs(keda).values.serviceAccount.operator).toEqual({ name: 'keda-operator', annotations: { 'iam.gke.io/gcp-service-account': `${inputs(named(graph, `${ids}-scaler`)).accountId}@${p.project}.iam.gserviceaccount.com` } });
    const trigger = ofType(graph, 'kubernetes:keda.sh/v1alpha1:ScaledObject').flatMap((r) => inputs(r).spec.triggers).find((t: any) => t.name === 'queue-backlog');
    expect(trigger.metadata.query).toContain(`"subscription_id"="${p.queue!.name}"`);
    expect(trigger.metadata.serverAddress).toBe(`https://monitoring.googleapis.com/v1/projects/${p.project}/location/global/prometheus`);
  });
});

describe.each(ALL_GCP_SPECS)('%s: least privilege everywhere', (spec) => {
  test('no owner or editor, no project-wide Pub/Sub role, no service account keys', async () => {
    const graph = await graphOf(spec);
    const roles = graph.resources.map((r) => inputs(r).role).filter(Boolean);
    expect(roles.filter((r: string) => ['roles/owner', 'roles/editor'].includes(r))).toEqual([]);
    expect(ofType(graph, 'gcp:projects/iAMMember:IAMMember').map((r) => inputs(r).role).filter((r: string) => r.startsWith('roles/pubsub.'))).toEqual([]);
    expect(graph.resources.filter((r) => r.type === 'gcp:serviceaccount/key:Key')).toEqual([]);
    // Project-level roles are the documented node role and the metrics reader only.
    expect([...new Set(ofType(graph, 'gcp:projects/iAMMember:IAMMember').map((r) => inputs(r).role))].sort()).toEqual(planOf(spec).queue ? ['roles/container.defaultNodeServiceAccount', 'roles/monitoring.viewer'] : ['roles/container.defaultNodeServiceAccount']);
  });
});

describe('InferenceQueue on its own', () => {
  test('defaults: Pub/Sub\'s limits and defaults, <topic>-dlq, Google-managed encryption (no key)', async () => {
    const graph = await runGcp(() => void new InferenceQueue('jobs', { project: 'p', projectNumber: '42' }));
    expect(inputs(named(graph, 'jobs-subscription'))).toMatchObject({ name: 'jobs', ackDeadlineSeconds: 600, messageRetentionDuration: '604800s', deadLetterPolicy: { maxDeliveryAttempts: 5 } });
    expect(inputs(named(graph, 'jobs-dlq'))).toEqual({ name: 'jobs-dlq', project: 'p' });
    expect(inputs(named(graph, 'jobs-topic'))).toEqual({ name: 'jobs', project: 'p' });
    expect(inputs(named(graph, 'jobs-dlq-publisher')).member).toBe('serviceAccount:service-42@gcp-sa-pubsub.iam.gserviceaccount.com');
  });

  test('with a customer-managed key: both topics use it, after the service agent may', async () => {
    const key = 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k';
    const graph = await runGcp(() => void new InferenceQueue('jobs', { project: 'p', projectNumber: '42', kmsKeyName: key, labels: { team: 'x' } }));
    const grant = named(graph, 'jobs-kms-pubsub');
    expect(inputs(grant)).toEqual({ cryptoKeyId: key, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'serviceAccount:service-42@gcp-sa-pubsub.iam.gserviceaccount.com' });
    for (const t of ['jobs-topic', 'jobs-dlq']) {
      expect(inputs(named(graph, t))).toMatchObject({ kmsKeyName: key, labels: { team: 'x' } });
      expect(named(graph, t).dependsOn).toEqual(['jobs-kms-pubsub']);
    }
  });

  test('bad arguments: every problem at once, with Pub/Sub\'s limits', async () => {
    const e = await thrownBy(() => new InferenceQueue('q', { project: '', ackDeadlineSeconds: 900, maxDeliveryAttempts: 3, retentionSeconds: 60, topicName: 'goog-requests', retryBackoffSeconds: { minimum: 30, maximum: 20 } }));
    expect(pulumi.InputPropertiesError.isInstance(e)).toBe(true);
    expect(e.message).toContain('args.ackDeadlineSeconds: must be a whole number from 10 to 600 (Pub/Sub ack deadline seconds), got 900');
    expect(e.message).toContain('args.maxDeliveryAttempts: must be a whole number from 5 to 100 (Pub/Sub dead-letter policy), got 3');
    expect(e.message).toContain('args.retentionSeconds: must be a whole number from 600 to 2678400 (Pub/Sub message retention seconds), got 60');
    expect(e.message).toContain('args.retryBackoffSeconds: minimum 30 is above maximum 20');
    expect(e.message).toContain("args.topicName: 'goog-requests' is not a Pub/Sub name");
    expect(e.message).toContain('args.project: is required');
  });
});

describe('QueueIdentities on its own', () => {
  test('bad arguments name each property', async () => {
    const e = await thrownBy(() => new QueueIdentities('ids', { project: 'p', subscription: 's', scalerAccountId: 'K', consumerAccountId: 'K', scalerRole: 'roles/editor', consumerServiceAccount: { namespace: '', name: 'c' } }));
    expect((e as pulumi.InputPropertiesError).errors.map((x) => x.propertyPath)).toEqual(['args.scalerAccountId', 'args.consumerAccountId', 'args.consumerAccountId', 'args.scalerRole', 'args.consumerServiceAccount']);
    expect(e.message).toContain('roles/editor grants far more than reading metrics; use roles/monitoring.viewer');
  });
});
