/**
 * Who may do what: no wildcard data-plane grants on AWS, no primitive or project-wide data roles
 * on GCP, no Owner/Contributor or broad data roles on Azure, and a cluster API that is private
 * unless the operator asked for a restricted public one.
 */
import { identityStatements, resourcesOfType } from '../cloudformation';
import { GraphResource } from '../../util/resource-graph';
import { PolicyRule, Violation } from '../types';

/** AWS services whose actions read or write request data, secrets or keys: the data plane of an inference stack. */
const AWS_DATA_PLANE = ['sqs', 'sns', 's3', 'kms', 'secretsmanager', 'ssm', 'dynamodb'];
const serviceOf = (action: string) => action.split(':')[0].toLowerCase();

/** Primitive roles (cloud.google.com/iam/docs/roles-overview#basic). */
const GCP_PRIMITIVE_ROLES = ['roles/owner', 'roles/editor'];
/** Roles that read or write request data, secrets or keys: grant them on the resource, not the project. */
const GCP_DATA_ROLE_PREFIXES = ['roles/pubsub.', 'roles/storage.', 'roles/secretmanager.', 'roles/cloudkms.', 'roles/bigquery.data', 'roles/artifactregistry.'];
/** Project, folder and organisation grants (the resource-level IAMMember tokens are per service). */
const GCP_WIDE_GRANTS = ['gcp:projects/iAMMember:IAMMember', 'gcp:projects/iAMBinding:IAMBinding', 'gcp:organizations/iAMMember:IAMMember', 'gcp:folder/iAMMember:IAMMember'];
const gcpRole = (r: GraphResource) => String(r.inputs.role ?? '');

/**
 * Azure built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles):
 * privileged roles that can change anything (or grant access) in their scope.
 */
const AZURE_PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb1-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};
/** Data roles: grant them on one queue, namespace, account or vault, never a subscription or resource group. */
const AZURE_DATA_ROLES: Readonly<Record<string, string>> = {
  '090c5cfd-751d-490a-894a-3ce6f1109419': 'Azure Service Bus Data Owner',
  '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0': 'Azure Service Bus Data Receiver',
  '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39': 'Azure Service Bus Data Sender',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'Storage Blob Data Contributor',
  '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
};
const roleGuid = (roleDefinitionId: unknown) => String(roleDefinitionId ?? '').split('/').pop()!.toLowerCase();
/** A subscription or resource-group scope: everything in it. */
const BROAD_SCOPE = /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?\/?$/i;

const OPEN = ['0.0.0.0/0', '::/0'];

/** Verdict on a public endpoint: an error when open to the internet, a warning when restricted to chosen ranges. */
function publicEndpoint(resource: string, cidrs: readonly string[], how: string): Violation {
  return cidrs.length && !cidrs.some((c) => OPEN.includes(c))
    ? { resource, message: `public API endpoint restricted to ${cidrs.join(', ')} (${how})`, severity: 'warning' }
    : { resource, message: `public API endpoint open to ${cidrs.length ? cidrs.join(', ') : 'the internet'}` };
}

export const ACCESS_RULES: readonly PolicyRule[] = [
  {
    id: 'aws-iam-no-wildcard-data-plane',
    severity: 'error',
    title: 'No IAM grant of wildcard actions, or of data-plane actions on every resource',
    reason: 'A wildcard on SQS, S3, KMS, SNS or secrets lets a compromised pod read or destroy every queue, bucket, key or secret of the account.',
    fix: 'Grant the named actions on the named resources (InferenceQueue.grantConsume, grantScalerRead, Key.grant).',
    sources: ['cloudformation'],
    check: ({ cloudformation = [] }) =>
      identityStatements(cloudformation)
        .filter((s) => s.effect === 'Allow')
        .flatMap((s) => {
          const out: Violation[] = [];
          if (s.actions.includes('*')) out.push({ resource: s.policy, message: 'allows every action ("*")' });
          const data = s.actions.filter((a) => AWS_DATA_PLANE.includes(serviceOf(a)));
          const wildcard = data.filter((a) => a.includes('*'));
          if (wildcard.length) out.push({ resource: s.policy, message: `allows wildcard data-plane actions ${wildcard.join(', ')}` });
          if (data.length && s.resources.includes('*')) out.push({ resource: s.policy, message: `allows ${data.join(', ')} on every resource ("*")` });
          return out;
        }),
  },
  {
    id: 'gcp-iam-no-primitive-roles',
    severity: 'error',
    title: 'No owner or editor role',
    reason: 'roles/owner and roles/editor grant nearly everything in their scope; a scaler or consumer needs one queue.',
    fix: 'Grant predefined roles scoped to the resource (roles/pubsub.subscriber on the subscription, roles/monitoring.viewer for the scaler).',
    sources: ['pulumi'],
    check: ({ graph }) =>
      (graph?.resources ?? [])
        .filter((r) => /IAM(Member|Binding|Policy)$/i.test(r.type) && GCP_PRIMITIVE_ROLES.includes(gcpRole(r)))
        .map((r) => ({ resource: `${r.type} ${r.name}`, message: `grants ${gcpRole(r)}` })),
  },
  {
    id: 'gcp-iam-no-project-wide-data-roles',
    severity: 'error',
    title: 'Data roles are granted on the resource, not the project',
    reason: 'roles/pubsub.subscriber on the project reads every subscription of the project, not only this stack\'s.',
    fix: 'Use the resource-level IAM member (gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember, gcp:storage/bucketIAMMember:BucketIAMMember, ...).',
    sources: ['pulumi'],
    check: ({ graph }) =>
      (graph?.resources ?? [])
        .filter((r) => GCP_WIDE_GRANTS.includes(r.type) && GCP_DATA_ROLE_PREFIXES.some((p) => gcpRole(r).startsWith(p)))
        .map((r) => ({ resource: `${r.type} ${r.name}`, message: `grants ${gcpRole(r)} on ${String(r.inputs.project ?? r.inputs.folder ?? r.inputs.orgId ?? 'the project')}` })),
  },
  {
    id: 'azure-rbac-no-owner-contributor',
    severity: 'error',
    title: 'No Owner, Contributor or access-administrator role assignment',
    reason: 'These roles change (or grant) anything in their scope; a scaler or consumer needs one queue.',
    fix: 'Assign the data role the identity needs (Azure Service Bus Data Receiver) on the queue or namespace.',
    sources: ['pulumi'],
    check: ({ graph }) =>
      (graph?.resources ?? [])
        .filter((r) => r.type === 'azure-native:authorization:RoleAssignment' && AZURE_PRIVILEGED_ROLES[roleGuid(r.inputs.roleDefinitionId)])
        .map((r) => ({ resource: `${r.type} ${r.name}`, message: `assigns ${AZURE_PRIVILEGED_ROLES[roleGuid(r.inputs.roleDefinitionId)]} on ${String(r.inputs.scope)}` })),
  },
  {
    id: 'azure-rbac-no-broad-data-roles',
    severity: 'error',
    title: 'Data roles are assigned on the resource, not a subscription or resource group',
    reason: 'A data role on a resource group reads every queue, blob or secret in it.',
    fix: 'Scope the role assignment to the Service Bus queue or namespace (or the storage account, the vault).',
    sources: ['pulumi'],
    check: ({ graph }) =>
      (graph?.resources ?? [])
        .filter((r) => r.type === 'azure-native:authorization:RoleAssignment' && AZURE_DATA_ROLES[roleGuid(r.inputs.roleDefinitionId)] && BROAD_SCOPE.test(String(r.inputs.scope ?? '')))
        .map((r) => ({ resource: `${r.type} ${r.name}`, message: `assigns ${AZURE_DATA_ROLES[roleGuid(r.inputs.roleDefinitionId)]} on ${String(r.inputs.scope)}` })),
  },
  {
    id: 'cluster-api-private',
    severity: 'error',
    title: 'The Kubernetes API is private unless a restricted public endpoint was asked for',
    reason: 'A public API endpoint open to the internet is one leaked credential away from the whole cluster.',
    fix: 'Keep the endpoint private (the default), or restrict a public one to your networks (InferenceStack publicApiCidrs, GKE master authorized networks, AKS authorized IP ranges).',
    sources: ['cloudformation', 'pulumi'],
    check: ({ cloudformation = [], graph }) => {
      const out: Violation[] = [];
      for (const c of resourcesOfType(cloudformation, 'AWS::EKS::Cluster')) {
        const vpc = (c.properties.ResourcesVpcConfig ?? {}) as { EndpointPublicAccess?: boolean; PublicAccessCidrs?: string[] };
        // EKS defaults to a public endpoint when EndpointPublicAccess is not given.
        if (vpc.EndpointPublicAccess !== false) out.push(publicEndpoint(`AWS::EKS::Cluster ${c.name}`, vpc.PublicAccessCidrs ?? [], 'asked for with publicApiCidrs'));
      }
      for (const r of graph?.resources ?? []) {
        if (r.type === 'gcp:container/cluster:Cluster') {
          const priv = (r.inputs.privateClusterConfig as { enablePrivateEndpoint?: boolean } | undefined)?.enablePrivateEndpoint === true;
          const ipEndpoint = (r.inputs.controlPlaneEndpointsConfig as { ipEndpointsConfig?: { enablePublicEndpoint?: boolean } } | undefined)?.ipEndpointsConfig;
          if (!priv && ipEndpoint?.enablePublicEndpoint !== false) {
            const blocks = ((r.inputs.masterAuthorizedNetworksConfig as { cidrBlocks?: { cidrBlock?: string }[] } | undefined)?.cidrBlocks ?? []).map((b) => String(b.cidrBlock));
            out.push(publicEndpoint(`${r.type} ${r.name}`, blocks, 'master authorized networks'));
          }
        }
        if (r.type === 'azure-native:containerservice:ManagedCluster') {
          const profile = (r.inputs.apiServerAccessProfile ?? {}) as { enablePrivateCluster?: boolean; authorizedIPRanges?: string[] };
          if (profile.enablePrivateCluster !== true) out.push(publicEndpoint(`${r.type} ${r.name}`, profile.authorizedIPRanges ?? [], 'authorized IP ranges'));
        }
      }
      return out;
    },
  },
];
