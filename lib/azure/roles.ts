/**
 * Built-in Azure role definitions inferstack assigns, by their fixed GUIDs (the same in every
 * tenant). Source: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 * (integration: Azure Service Bus Data Receiver / Data Owner; containers: Azure Kubernetes
 * Service RBAC Cluster Admin).
 */

/** A built-in role: its display name and definition GUID. */
export interface BuiltInRole {
  /** Display name, e.g. `Azure Service Bus Data Receiver`. */
  readonly name: string;
  /** Role definition GUID. */
  readonly id: string;
  /** Why inferstack assigns it and at which scope. */
  readonly why: string;
}

/** The roles inferstack assigns; never Owner, Contributor or a data role above one queue. */
export const BUILT_IN_ROLES = {
  /** Receive, complete and abandon messages (and renew their locks): the queue consumer, on its queue. */
  serviceBusDataReceiver: {
    name: 'Azure Service Bus Data Receiver',
    id: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
    why: 'queue consumers receive, complete and renew locks on messages of their queue',
  },
  /**
   * The KEDA operator, on the queue only. KEDA's azure-servicebus scaler reads the active message
   * count with the Service Bus administration API (`GetQueueRuntimeProperties`,
   * github:kedacore/keda/pkg/scalers/azure_servicebus_scaler.go@8b4f083ca8c8c2baf8477e322bd4d16ac4dfa09a),
   * which needs the Manage right; KEDA's scaler docs say so for SAS policies
   * (https://keda.sh/docs/2.19/scalers/azure-service-bus/: "Manage access is required for KEDA to
   * be able to get metrics"), and Data Owner is the only built-in role that grants Manage. AKS's
   * KEDA workload identity guide assigns the same role
   * (github:MicrosoftDocs/azure-aks-docs/articles/aks/keda-workload-identity.md@fb060abe6a8fef960d4c487b543bf7b1e97808fe).
   * No narrower built-in role exists (kedacore/keda#7822); scoping it to the one queue is what
   * keeps it least-privilege.
   */
  serviceBusDataOwner: {
    name: 'Azure Service Bus Data Owner',
    id: '090c5cfd-751d-490a-894a-3ce6f1109419',
    why: "KEDA's Service Bus scaler reads the queue's message count through the management API, which needs Manage",
  },
  /** Kubernetes API access with Azure RBAC: the identity that runs `pulumi up`, on the cluster only. */
  aksRbacClusterAdmin: {
    name: 'Azure Kubernetes Service RBAC Cluster Admin',
    id: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
    why: 'the deploying identity applies the workload through the Kubernetes API (Azure RBAC, local accounts disabled)',
  },
} as const satisfies Record<string, BuiltInRole>;

/**
 * The role definition's resource id in the subscription of `scopeId` (an ARM id such as a queue's,
 * `/subscriptions/<id>/resourceGroups/...`).
 */
export function roleDefinitionId(scopeId: string, role: BuiltInRole): string {
  const m = /^\/subscriptions\/([^/]+)/i.exec(scopeId);
  if (!m) throw new Error(`cannot assign ${role.name}: scope '${scopeId}' is not an ARM id below /subscriptions/<id>`);
  return `/subscriptions/${m[1]}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`;
}
