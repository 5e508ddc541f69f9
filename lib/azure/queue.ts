/**
 * The request queue on Azure Service Bus: a namespace without shared keys (Entra ID only, TLS 1.2
 * or later), the queue, and a dead-letter queue its dead letters are forwarded to.
 *
 * Argument names: @pulumi/azure-native 3.28.0 `servicebus.Namespace` / `servicebus.Queue` (API
 * 2026-01-01). Limits (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-quotas,
 * `lockDuration` doc comment): lock duration 5 s to 5 min, so the plan clamps longer visibility
 * timeouts and consumers renew the lock (their environment says so:
 * `INFERSTACK_LEASE_EXTENSION_REQUIRED=true`). Service Bus encrypts every entity at rest
 * (https://learn.microsoft.com/azure/service-bus-messaging/configure-customer-managed-key).
 */
import * as pulumi from '@pulumi/pulumi';
import * as servicebus from '@pulumi/azure-native/servicebus';
import { CAPABILITIES } from '../plan/capabilities';
import { QueuePlan } from '../plan/types';
import { ArgChecks, isoDuration } from './private/args';

/** Service Bus tiers inferstack offers (Basic has no dead-lettering on expiry nor forwarding). */
export type ServiceBusSku = 'Standard' | 'Premium';

/** The Service Bus tier each queue price row of the catalog (queues.json) prices. */
export const SERVICE_BUS_SKU_OF_PRICE: Readonly<Record<string, ServiceBusSku>> = {
  'servicebus-standard': 'Standard',
  'servicebus-premium': 'Premium',
};

/** The tier the cost model prices (`CAPABILITIES.azure.queue.priceId`): one source for both. */
export function pricedServiceBusSku(): ServiceBusSku {
  const id = CAPABILITIES.azure.queue.priceId;
  const sku = SERVICE_BUS_SKU_OF_PRICE[id];
  if (!sku) throw new Error(`no Service Bus tier for the queue price '${id}'; add it to SERVICE_BUS_SKU_OF_PRICE`);
  return sku;
}

/** Most seconds a Service Bus lock lasts. */
export const MAX_LOCK_SECONDS = 300;
const PREMIUM_UNITS = [1, 2, 4, 8, 16];

/** Arguments of {@link InferenceQueue}. */
export interface InferenceQueueArgs {
  /** Resource group of the namespace. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location of the namespace. */
  readonly location: string;
  /** Queue name (1-260 letters, digits, `.`, `-`, `_`). */
  readonly queueName: string;
  /** Queue the dead letters are forwarded to. */
  readonly deadLetterQueueName: string;
  /**
   * Deliveries before a message is dead-lettered.
   * @default 10 - the Service Bus default
   */
  readonly maxDeliveryCount?: number;
  /**
   * How long a received message stays locked to its consumer, 5 to 300 seconds; consumers whose
   * work takes longer renew the lock.
   * @default 60
   */
  readonly lockDurationSeconds?: number;
  /**
   * How long an unconsumed message is kept before it expires into the dead-letter queue.
   * @default 1209600 - 14 days
   */
  readonly messageTimeToLiveSeconds?: number;
  /**
   * How long a dead letter is kept in the dead-letter queue.
   * @default 1209600 - 14 days, time to look at what failed
   */
  readonly deadLetterTimeToLiveSeconds?: number;
  /**
   * Namespace tier. `inferstack cost` prices `pricedServiceBusSku()`; Premium here (dedicated
   * messaging units) is not what the cost report says.
   * @default - `pricedServiceBusSku()` (Standard)
   */
  readonly sku?: ServiceBusSku;
  /**
   * Messaging units of a Premium namespace: 1, 2, 4, 8 or 16.
   * @default 1
   */
  readonly premiumMessagingUnits?: number;
  /**
   * Namespace name, globally unique (6-50 letters, digits and `-`, starting with a letter).
   * @default - Pulumi auto-naming: the component name plus a random suffix
   */
  readonly namespaceName?: pulumi.Input<string>;
  /** @default - no tags (queues themselves take none) */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Service Bus namespace with one request queue: local (SAS key) authentication disabled, TLS
 * 1.2 minimum, dead-lettering on expiry and after `maxDeliveryCount` deliveries, dead letters
 * forwarded to their own queue.
 */
export class InferenceQueue extends pulumi.ComponentResource {
  /** Args rendering the plan's queue (names, deliveries, clamped lock duration, retention). */
  static argsFromPlan(queue: QueuePlan): Pick<InferenceQueueArgs, 'queueName' | 'deadLetterQueueName' | 'maxDeliveryCount' | 'lockDurationSeconds' | 'messageTimeToLiveSeconds'> {
    return {
      queueName: queue.name,
      deadLetterQueueName: queue.deadLetterName,
      maxDeliveryCount: queue.maxDeliveryAttempts,
      lockDurationSeconds: queue.visibilityTimeoutSeconds,
      messageTimeToLiveSeconds: queue.retentionSeconds,
    };
  }

  /** The Service Bus namespace. */
  readonly namespace: servicebus.Namespace;
  /** The request queue. */
  readonly queue: servicebus.Queue;
  /** The queue dead letters are forwarded to. */
  readonly deadLetterQueue: servicebus.Queue;
  /** Namespace name (without `.servicebus.windows.net`), as KEDA's trigger takes it. */
  readonly namespaceName: pulumi.Output<string>;
  /** The request queue's name. */
  readonly queueName: pulumi.Output<string>;
  /** ARM id of the queue: the scope of the consumer's and KEDA's role assignments. */
  readonly queueId: pulumi.Output<string>;
  /** The namespace tier set. */
  readonly sku: ServiceBusSku;

  constructor(name: string, args: InferenceQueueArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:azure:InferenceQueue', name, {}, opts);
    const sku = args.sku ?? pricedServiceBusSku();
    const lock = args.lockDurationSeconds ?? 60;
    const deliveries = args.maxDeliveryCount ?? 10;
    const ttl = args.messageTimeToLiveSeconds ?? 14 * 86400;
    const deadTtl = args.deadLetterTimeToLiveSeconds ?? 14 * 86400;
    const units = args.premiumMessagingUnits ?? 1;
    const entity = /^[a-zA-Z0-9][-._a-zA-Z0-9]{0,259}$/;
    const limits = CAPABILITIES.azure.queue.maxDeliveryAttempts;
    new ArgChecks()
      .check(entity.test(args.queueName), 'queueName', `'${args.queueName}' is not a queue name (letters, digits, '.', '-', '_', up to 260)`)
      .check(entity.test(args.deadLetterQueueName) && args.deadLetterQueueName !== args.queueName, 'deadLetterQueueName', `'${args.deadLetterQueueName}' must be a queue name other than queueName`)
      .check(Number.isInteger(lock) && lock >= 5 && lock <= MAX_LOCK_SECONDS, 'lockDurationSeconds', `${lock} is outside 5..${MAX_LOCK_SECONDS} seconds; longer work renews the lock`)
      .check(Number.isInteger(deliveries) && deliveries >= limits.min && deliveries <= limits.max, 'maxDeliveryCount', `${deliveries} is outside ${limits.min}..${limits.max}`)
      .check(Number.isInteger(ttl) && ttl >= 1, 'messageTimeToLiveSeconds', `${ttl} is not a whole number of seconds >= 1`)
      .check(Number.isInteger(deadTtl) && deadTtl >= 1, 'deadLetterTimeToLiveSeconds', `${deadTtl} is not a whole number of seconds >= 1`)
      .check(sku === 'Standard' || sku === 'Premium', 'sku', `'${sku}' is not Standard or Premium (Basic has no dead-lettering on expiry)`)
      .check(PREMIUM_UNITS.includes(units), 'premiumMessagingUnits', `${units} is not one of ${PREMIUM_UNITS.join(', ')}`)
      .check(typeof args.namespaceName !== 'string' || /^[a-zA-Z][-a-zA-Z0-9]{4,48}[a-zA-Z0-9]$/.test(args.namespaceName), 'namespaceName', `'${args.namespaceName}' is not a namespace name (6-50 letters, digits and '-', starting with a letter)`)
      .throwIfAny(`InferenceQueue '${name}'`);

    this.sku = sku;
    this.namespace = new servicebus.Namespace(
      `${name}-namespace`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        ...(args.namespaceName ? { namespaceName: args.namespaceName } : {}),
        sku: sku === 'Premium' ? { name: 'Premium', tier: 'Premium', capacity: units } : { name: 'Standard', tier: 'Standard' },
        // Entra ID only: no shared access keys to leak; consumers and KEDA use workload identity.
        disableLocalAuth: true,
        minimumTlsVersion: '1.2',
        tags: { ...args.tags },
      },
      { parent: this },
    );
    const common = {
      resourceGroupName: args.resourceGroupName,
      namespaceName: this.namespace.name,
      lockDuration: isoDuration(lock),
      maxDeliveryCount: deliveries,
      defaultMessageTimeToLive: isoDuration(ttl),
      requiresSession: false,
    };
    this.deadLetterQueue = new servicebus.Queue(
      `${name}-dead-letters`,
      { ...common, queueName: args.deadLetterQueueName, defaultMessageTimeToLive: isoDuration(deadTtl), deadLetteringOnMessageExpiration: false },
      { parent: this },
    );
    this.queue = new servicebus.Queue(
      `${name}-queue`,
      {
        ...common,
        queueName: args.queueName,
        deadLetteringOnMessageExpiration: true,
        // Dead letters (too many deliveries, expiry) land in their own queue, where operators look.
        forwardDeadLetteredMessagesTo: this.deadLetterQueue.name,
      },
      { parent: this },
    );
    this.namespaceName = this.namespace.name;
    this.queueName = this.queue.name;
    this.queueId = this.queue.id;
    this.registerOutputs({ namespaceName: this.namespaceName, queueName: this.queueName, queueId: this.queueId, deadLetterQueueName: this.deadLetterQueue.name });
  }
}
