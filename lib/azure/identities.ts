/**
 * Workload identities of the queue: a user-assigned identity for the KEDA operator and one for
 * the consumers, each trusting exactly one Kubernetes service account of the cluster through a
 * federated credential, each with one role on the queue and nothing wider.
 *
 * Flow: github:MicrosoftDocs/azure-aks-docs/articles/aks/keda-workload-identity.md@fb060abe6a8fef960d4c487b543bf7b1e97808fe
 * and workload-identity-overview.md (issuer = the cluster's OIDC issuer URL, subject
 * `system:serviceaccount:<namespace>:<name>`, audience `api://AzureADTokenExchange`).
 * Argument names: @pulumi/azure-native 3.28.0 managedidentity.UserAssignedIdentity,
 * managedidentity.FederatedIdentityCredential, authorization.RoleAssignment.
 */
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as managedidentity from '@pulumi/azure-native/managedidentity';
import { BUILT_IN_ROLES, BuiltInRole, roleDefinitionId } from './roles';
import { ArgChecks } from './private/args';

/** Audience of workload identity tokens exchanged with Entra ID. */
export const WORKLOAD_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';

/** Namespace of the AKS KEDA add-on's operator. */
export const KEDA_ADDON_NAMESPACE = 'kube-system';

/** A Kubernetes service account. */
export interface ServiceAccountRef {
  /** Its namespace. */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
}

/** The subject of a federated credential for a service account. */
export const serviceAccountSubject = (sa: ServiceAccountRef): string => `system:serviceaccount:${sa.namespace}:${sa.name}`;

/** One identity: the user-assigned identity, its federated credential and its role assignment on the queue. */
export interface QueueIdentity {
  /** The user-assigned identity. */
  readonly identity: managedidentity.UserAssignedIdentity;
  /** Its federated credential for the service account. */
  readonly federatedCredential: managedidentity.FederatedIdentityCredential;
  /** Its one role assignment, on the queue. */
  readonly roleAssignment: authorization.RoleAssignment;
  /** Client id: the value of the service account's `azure.workload.identity/client-id` annotation. */
  readonly clientId: pulumi.Output<string>;
  /** Object id of the identity's service principal: what role assignments name. */
  readonly principalId: pulumi.Output<string>;
}

/** Arguments of {@link QueueIdentities}. */
export interface QueueIdentitiesArgs {
  /** Resource group the identities are created in. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location of the identities. */
  readonly location: string;
  /** The cluster's OIDC issuer URL (`InferenceCluster.oidcIssuerUrl`). */
  readonly oidcIssuerUrl: pulumi.Input<string>;
  /** ARM id of the queue: the only scope either identity gets a role on. */
  readonly queueId: pulumi.Input<string>;
  /**
   * The KEDA operator's service account, given `Azure Service Bus Data Owner` on the queue (what
   * KEDA's scaler needs to read the message count; see BUILT_IN_ROLES).
   * @default - the AKS KEDA add-on's `kube-system/keda-operator`
   */
  readonly scalerServiceAccount?: ServiceAccountRef;
  /**
   * The consumers' service account, given `Azure Service Bus Data Receiver` on the queue.
   * @default - no consumer identity
   */
  readonly consumerServiceAccount?: ServiceAccountRef;
  /** Identity names (3-128 characters). @default - `<component name>-keda` and `<component name>-consumer` */
  readonly scalerIdentityName?: string;
  /** @default - `<component name>-consumer` */
  readonly consumerIdentityName?: string;
  /** @default - no tags */
  readonly tags?: Readonly<Record<string, string>>;
}

/** User-assigned identities with federated credentials for KEDA and the queue consumers, scoped to the queue. */
export class QueueIdentities extends pulumi.ComponentResource {
  /** The KEDA operator's identity (Data Owner on the queue). */
  readonly scaler: QueueIdentity;
  /** The consumers' identity (Data Receiver on the queue), when a consumer service account was given. */
  readonly consumer?: QueueIdentity;

  constructor(name: string, args: QueueIdentitiesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:azure:QueueIdentities', name, {}, opts);
    const scalerSa = args.scalerServiceAccount ?? { namespace: KEDA_ADDON_NAMESPACE, name: 'keda-operator' };
    const dns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
    const checks = new ArgChecks();
    for (const [path, sa] of [['scalerServiceAccount', scalerSa], ['consumerServiceAccount', args.consumerServiceAccount]] as const) {
      if (!sa) continue;
      checks
        .check(dns.test(sa.namespace) && sa.namespace.length <= 63, `${path}.namespace`, `'${sa.namespace}' is not a Kubernetes namespace name`)
        .check(dns.test(sa.name) && sa.name.length <= 253, `${path}.name`, `'${sa.name}' is not a Kubernetes service account name`);
    }
    for (const [path, n] of [['scalerIdentityName', args.scalerIdentityName], ['consumerIdentityName', args.consumerIdentityName]] as const) {
      checks.check(n === undefined || /^[a-zA-Z0-9][-_a-zA-Z0-9]{2,127}$/.test(n), path, `'${n}' is not an identity name (3-128 letters, digits, '-', '_')`);
    }
    checks.throwIfAny(`QueueIdentities '${name}'`);

    const make = (key: string, identityName: string, sa: ServiceAccountRef, role: BuiltInRole): QueueIdentity => {
      const identity = new managedidentity.UserAssignedIdentity(
        `${name}-${key}`,
        { resourceGroupName: args.resourceGroupName, location: args.location, resourceName: identityName, tags: { ...args.tags } },
        { parent: this },
      );
      const federatedCredential = new managedidentity.FederatedIdentityCredential(
        `${name}-${key}-federation`,
        {
          resourceGroupName: args.resourceGroupName,
          resourceName: identity.name,
          federatedIdentityCredentialResourceName: sa.name,
          issuer: args.oidcIssuerUrl,
          subject: serviceAccountSubject(sa),
          audiences: [WORKLOAD_IDENTITY_AUDIENCE],
        },
        { parent: this },
      );
      const roleAssignment = new authorization.RoleAssignment(
        `${name}-${key}-role`,
        {
          principalId: identity.principalId,
          // A new identity may not have replicated in Entra ID yet; the type skips that lookup.
          principalType: 'ServicePrincipal',
          roleDefinitionId: pulumi.output(args.queueId).apply((id) => roleDefinitionId(id, role)),
          scope: args.queueId,
          description: `inferstack: ${role.why}`,
        },
        { parent: this },
      );
      return { identity, federatedCredential, roleAssignment, clientId: identity.clientId, principalId: identity.principalId };
    };
    this.scaler = make('keda', args.scalerIdentityName ?? `${name}-keda`, scalerSa, BUILT_IN_ROLES.serviceBusDataOwner);
    if (args.consumerServiceAccount) {
      this.consumer = make('consumer', args.consumerIdentityName ?? `${name}-consumer`, args.consumerServiceAccount, BUILT_IN_ROLES.serviceBusDataReceiver);
    }
    this.registerOutputs({ scalerClientId: this.scaler.clientId, consumerClientId: this.consumer?.clientId });
  }
}
