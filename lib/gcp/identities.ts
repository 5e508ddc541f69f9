/**
 * Workload Identity for the queue: a Google service account for KEDA's operator (it reads the
 * subscription's backlog) and one for the queue consumers (they pull and acknowledge), each
 * bound to exactly one Kubernetes service account. No keys, no project-wide Pub/Sub roles.
 *
 * KEDA's queue trigger on GCP is the Prometheus scaler against Google Managed Service for
 * Prometheus (lib/k8s `gcp-pubsub` profile; KEDA deprecated the MQL-based gcp-pubsub scaler,
 * https://keda.sh/blog/2025-09-15-gcp-deprecations/). That API serves Cloud Monitoring's
 * `pubsub.googleapis.com/subscription/num_undelivered_messages`, which needs
 * `roles/monitoring.viewer` (https://keda.sh/docs/2.19/authentication-providers/gcp-workload-identity/,
 * https://cloud.google.com/stackdriver/docs/managed-prometheus/query-api-ui). Cloud Monitoring
 * grants read access per project (metrics scope), never per subscription or metric, so the role
 * is granted on the project: the narrowest scope GCP offers for it. The scaler needs no Pub/Sub
 * permission at all.
 */
import * as pulumi from '@pulumi/pulumi';
import * as projects from '@pulumi/gcp/projects';
import * as pubsub from '@pulumi/gcp/pubsub';
import * as serviceaccount from '@pulumi/gcp/serviceaccount';
import { ArgProblem, assertValidArgs } from './errors';

/** A Kubernetes service account. */
export interface KubernetesServiceAccount {
  /** Its namespace. */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
}

/** Arguments of {@link QueueIdentities}. */
export interface QueueIdentitiesArgs {
  /** GCP project id (of the cluster and the subscription). */
  readonly project: string;
  /** Name (or `projects/<p>/subscriptions/<s>` id) of the subscription the consumers read. */
  readonly subscription: pulumi.Input<string>;
  /**
   * The cluster's Workload Identity pool. The pool exists once a cluster with Workload Identity
   * does, so pass `InferenceCluster.workloadPool` to create the bindings after the cluster.
   * @default - `<project>.svc.id.goog`
   */
  readonly workloadPool?: pulumi.Input<string>;
  /** Service account id (6-30 characters) of KEDA's Google service account. */
  readonly scalerAccountId: string;
  /**
   * KEDA operator's Kubernetes service account.
   * @default - keda/keda-operator (the KEDA chart's)
   */
  readonly scalerServiceAccount?: KubernetesServiceAccount;
  /**
   * Role that lets KEDA read the backlog through Managed Service for Prometheus.
   * @default 'roles/monitoring.viewer' - a custom role with `monitoring.timeSeries.list` is
   * narrower still, if your organisation maintains one
   */
  readonly scalerRole?: string;
  /** Service account id (6-30 characters) of the consumers' Google service account. */
  readonly consumerAccountId: string;
  /** The consumers' Kubernetes service account (lib/k8s `workloadNames(plan).consumerAccount`). */
  readonly consumerServiceAccount: KubernetesServiceAccount;
}

/** Google service account ids: 6-30 characters, a lowercase letter first (IAM serviceAccounts.create). */
const ACCOUNT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** Workload Identity role: lets the Kubernetes service account act as the Google one. */
export const WORKLOAD_IDENTITY_USER = 'roles/iam.workloadIdentityUser';

/** The Workload Identity member of a Kubernetes service account. */
export const workloadIdentityMember = (pool: pulumi.Input<string>, ksa: KubernetesServiceAccount): pulumi.Output<string> =>
  pulumi.interpolate`serviceAccount:${pool}[${ksa.namespace}/${ksa.name}]`;

/**
 * KEDA's and the consumers' Google service accounts with Workload Identity bindings:
 * - KEDA: `scalerRole` (monitoring.viewer) on the project; impersonable only by `keda/keda-operator`;
 * - consumers: `roles/pubsub.subscriber` on the one subscription; impersonable only by their
 *   Kubernetes service account.
 */
export class QueueIdentities extends pulumi.ComponentResource {
  /** KEDA's Google service account. */
  readonly scaler: serviceaccount.Account;
  /** The consumers' Google service account. */
  readonly consumer: serviceaccount.Account;
  /** KEDA's email, for the `iam.gke.io/gcp-service-account` annotation of keda-operator. */
  readonly scalerEmail: pulumi.Output<string>;
  /** The consumers' email, for the annotation of their Kubernetes service account. */
  readonly consumerEmail: pulumi.Output<string>;

  constructor(name: string, args: QueueIdentitiesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:gcp:QueueIdentities', name, {}, opts);
    const problems: ArgProblem[] = [];
    if (!args.project) problems.push({ path: 'args.project', reason: 'is required (the GCP project id)' });
    for (const key of ['scalerAccountId', 'consumerAccountId'] as const) {
      if (!ACCOUNT_ID.test(args[key] ?? '')) problems.push({ path: `args.${key}`, reason: `'${args[key]}' is not a service account id (6-30 characters: lowercase letters, digits, '-', a letter first)` });
    }
    if (args.scalerAccountId === args.consumerAccountId) problems.push({ path: 'args.consumerAccountId', reason: 'must differ from scalerAccountId: each identity gets only its own permissions' });
    if (args.scalerRole !== undefined && !/^(roles\/|projects\/[^/]+\/roles\/|organizations\/[^/]+\/roles\/)/.test(args.scalerRole)) {
      problems.push({ path: 'args.scalerRole', reason: `'${args.scalerRole}' is not a role name (roles/..., projects/<p>/roles/... or organizations/<o>/roles/...)` });
    }
    if (['roles/owner', 'roles/editor'].includes(args.scalerRole ?? '')) problems.push({ path: 'args.scalerRole', reason: `${args.scalerRole} grants far more than reading metrics; use roles/monitoring.viewer` });
    for (const key of ['consumerServiceAccount', 'scalerServiceAccount'] as const) {
      const ksa = args[key];
      if (key === 'consumerServiceAccount' && !ksa) problems.push({ path: `args.${key}`, reason: 'is required: the Kubernetes service account the consumers run as' });
      if (ksa && (!ksa.namespace || !ksa.name)) problems.push({ path: `args.${key}`, reason: 'needs a namespace and a name' });
    }
    assertValidArgs('QueueIdentities', name, problems);

    const { project } = args;
    const child = { parent: this };
    const pool = args.workloadPool ?? `${project}.svc.id.goog`;
    const scalerKsa = args.scalerServiceAccount ?? { namespace: 'keda', name: 'keda-operator' };

    this.scaler = new serviceaccount.Account(`${name}-scaler`, { accountId: args.scalerAccountId, project, displayName: 'KEDA: reads the request subscription backlog' }, child);
    this.scalerEmail = this.scaler.email;
    new projects.IAMMember(`${name}-scaler-metrics`, { project, role: args.scalerRole ?? 'roles/monitoring.viewer', member: pulumi.interpolate`serviceAccount:${this.scaler.email}` }, child);
    new serviceaccount.IAMMember(`${name}-scaler-wi`, { serviceAccountId: this.scaler.name, role: WORKLOAD_IDENTITY_USER, member: workloadIdentityMember(pool, scalerKsa) }, child);

    this.consumer = new serviceaccount.Account(`${name}-consumer`, { accountId: args.consumerAccountId, project, displayName: 'Queue consumers: pull and acknowledge requests' }, child);
    this.consumerEmail = this.consumer.email;
    new pubsub.SubscriptionIAMMember(`${name}-consumer-subscriber`, { project, subscription: args.subscription, role: 'roles/pubsub.subscriber', member: pulumi.interpolate`serviceAccount:${this.consumer.email}` }, child);
    new serviceaccount.IAMMember(`${name}-consumer-wi`, { serviceAccountId: this.consumer.name, role: WORKLOAD_IDENTITY_USER, member: workloadIdentityMember(pool, args.consumerServiceAccount) }, child);

    this.registerOutputs({ scalerEmail: this.scalerEmail, consumerEmail: this.consumerEmail });
  }
}
