/** The request queue: a dead-letter queue and encryption at rest, in the plan and in what each cloud renders. */
import { PolicyRule, Violation } from '../types';
import { resourcesOfType } from '../cloudformation';

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

export const QUEUE_RULES: readonly PolicyRule[] = [
  {
    id: 'queue-dead-letter',
    severity: 'error',
    title: 'Every queue dead-letters messages after a bounded number of deliveries',
    reason: 'A request that crashes its consumer is delivered again and again: without a dead-letter queue it blocks capacity forever and the failure is never seen.',
    fix: 'Give the queue a dead-letter queue and a maximum of deliveries (queue.maxDeliveryAttempts in the spec; the renderers wire it).',
    sources: ['plan', 'cloudformation', 'pulumi'],
    check: ({ plan, cloudformation, graph }) => {
      const out: Violation[] = [];
      const q = plan.queue;
      if (q && (!q.deadLetterName || !(q.maxDeliveryAttempts >= 1))) out.push({ resource: `queue ${q.name}`, message: 'the plan has no dead-letter queue or delivery limit' });
      if (cloudformation) {
        const queues = resourcesOfType(cloudformation, 'AWS::SQS::Queue');
        // A queue another queue redrives to is itself a dead-letter queue.
        const deadLetterTargets = new Set(queues.map((r) => text((r.properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined)?.deadLetterTargetArn)));
        for (const r of queues) {
          const id = r.name.slice(r.name.indexOf('/') + 1);
          const isDeadLetter = [...deadLetterTargets].some((t) => t.includes(`"${id}"`)) || (q !== undefined && r.properties.QueueName === q.deadLetterName);
          const redrive = r.properties.RedrivePolicy as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } | undefined;
          if (!isDeadLetter && !(redrive?.deadLetterTargetArn && Number(redrive.maxReceiveCount) >= 1)) {
            out.push({ resource: `AWS::SQS::Queue ${r.name}`, message: 'no RedrivePolicy with a deadLetterTargetArn and maxReceiveCount' });
          }
        }
      }
      const resources = graph?.resources ?? [];
      // A subscription on a topic another subscription dead-letters to keeps the dead letters;
      // dead-lettering it again only moves the problem (as for SQS above).
      const deadLetterTopics = new Set(
        resources
          .filter((r) => r.type === 'gcp:pubsub/subscription:Subscription')
          .map((r) => (r.inputs.deadLetterPolicy as { deadLetterTopic?: unknown } | undefined)?.deadLetterTopic)
          .filter((t): t is string => typeof t === 'string'),
      );
      for (const r of resources) {
        if (r.type === 'gcp:pubsub/subscription:Subscription' && !deadLetterTopics.has(String(r.inputs.topic))) {
          const dlp = r.inputs.deadLetterPolicy as { deadLetterTopic?: unknown; maxDeliveryAttempts?: unknown } | undefined;
          if (!dlp?.deadLetterTopic) out.push({ resource: `${r.type} ${r.name}`, message: 'no deadLetterPolicy.deadLetterTopic' });
        }
        // Service Bus moves a message to the queue's dead-letter sub-queue after maxDeliveryCount deliveries.
        if (r.type === 'azure-native:servicebus:Queue' && !(Number(r.inputs.maxDeliveryCount) >= 1)) {
          out.push({ resource: `${r.type} ${r.name}`, message: 'no maxDeliveryCount' });
        }
      }
      return out;
    },
  },
  {
    id: 'queue-encrypted',
    severity: 'error',
    title: 'Every queue is encrypted at rest',
    reason: 'Requests carry prompts and documents; a queue stores them until consumed or dead-lettered. (Pub/Sub and Service Bus always encrypt at rest; SQS only when asked.)',
    fix: 'Turn on server-side encryption (SQS: SqsManagedSseEnabled or a KMS key, as InferenceQueue does).',
    sources: ['plan', 'cloudformation'],
    check: ({ plan, cloudformation }) => {
      const out: Violation[] = [];
      if (plan.queue && plan.queue.encrypted !== true) out.push({ resource: `queue ${plan.queue.name}`, message: 'the plan does not encrypt the queue' });
      for (const r of resourcesOfType(cloudformation ?? [], 'AWS::SQS::Queue')) {
        if (r.properties.SqsManagedSseEnabled !== true && !r.properties.KmsMasterKeyId) out.push({ resource: `AWS::SQS::Queue ${r.name}`, message: 'neither SqsManagedSseEnabled nor KmsMasterKeyId' });
      }
      return out;
    },
  },
];
