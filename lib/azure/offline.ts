/**
 * How Azure answers when the Pulumi program runs offline (`inferstack synth --cloud azure`, the
 * tests): ids shaped like ARM resource ids, the outputs Azure computes (OIDC issuer URL, client
 * and principal ids of identities, the API server FQDN) derived deterministically from names,
 * and the few invokes the components call. Nothing here reaches Azure.
 */
import { createHash } from 'node:crypto';
import { OfflineMocks } from '../pulumi/offline';
import { AKS_AAD_SERVER_ID } from './kubeconfig';

/** Subscription of offline runs: zeros, obviously not real. */
export const OFFLINE_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
/** Tenant of offline runs. */
export const OFFLINE_TENANT_ID = '00000000-0000-0000-0000-000000000001';

/** A deterministic UUID-shaped value from a seed. */
export function offlineUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Inputs = Readonly<Record<string, unknown>>;
const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v ? v : fallback);
const rgId = (rg: unknown, name: string) => `/subscriptions/${OFFLINE_SUBSCRIPTION_ID}/resourceGroups/${str(rg, name)}`;

/** An ARM resource whose Azure name is input `nameKey` (else the Pulumi name), at `path` below its scope. */
const arm =
  (nameKey: string, path: (i: Inputs, name: string, rg: string) => string) =>
  (n: string, i: Inputs): { id: string; name: string } => {
    const name = str(i[nameKey], n);
    return { id: path(i, name, rgId(i.resourceGroupName, n)), name };
  };

/** ARM id and the name Azure gives each resource type inferstack creates. */
const ARM: Readonly<Record<string, (name: string, i: Inputs) => { id: string; name: string }>> = {
  'azure-native:resources:ResourceGroup': arm('resourceGroupName', (_i, name) => rgId(name, name)),
  'azure-native:containerservice:ManagedCluster': arm('resourceName', (_i, name, rg) => `${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`),
  'azure-native:containerservice:AgentPool': arm('agentPoolName', (i, name, rg) => `${rg}/providers/Microsoft.ContainerService/managedClusters/${str(i.resourceName, 'cluster')}/agentPools/${name}`),
  'azure-native:servicebus:Namespace': arm('namespaceName', (_i, name, rg) => `${rg}/providers/Microsoft.ServiceBus/namespaces/${name}`),
  'azure-native:servicebus:Queue': arm('queueName', (i, name, rg) => `${rg}/providers/Microsoft.ServiceBus/namespaces/${str(i.namespaceName, 'namespace')}/queues/${name}`),
  'azure-native:managedidentity:UserAssignedIdentity': arm('resourceName', (_i, name, rg) => `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`),
  'azure-native:managedidentity:FederatedIdentityCredential': arm(
    'federatedIdentityCredentialResourceName',
    (i, name, rg) => `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${str(i.resourceName, 'identity')}/federatedIdentityCredentials/${name}`,
  ),
  // Role assignment names are GUIDs (Pulumi generates one); offline, one derived from the Pulumi name.
  'azure-native:authorization:RoleAssignment': (n, i) => arm('roleAssignmentName', (x, name) => `${str(x.scope, '')}/providers/Microsoft.Authorization/roleAssignments/${name}`)(offlineUuid(`role-assignment/${n}`), i),
  'azure-native:consumption:Budget': arm('budgetName', (i, name) => `${str(i.scope, '')}/providers/Microsoft.Consumption/budgets/${name}`),
};

/** Outputs Azure computes on create, beyond the name. */
function computed(type: string, name: string, i: Inputs, azureName: string): Record<string, unknown> {
  switch (type) {
    case 'azure-native:containerservice:ManagedCluster': {
      const location = str(i.location, 'eastus');
      const fqdn = `${str(i.dnsPrefix, azureName)}-${offlineUuid(name).slice(0, 8)}.hcp.${location}.azmk8s.io`;
      return {
        fqdn,
        oidcIssuerProfile: { enabled: true, issuerURL: `https://${location}.oic.prod-aks.azure.com/${OFFLINE_TENANT_ID}/${offlineUuid(`oidc/${name}`)}/` },
        identity: { type: 'SystemAssigned', principalId: offlineUuid(`principal/${name}`), tenantId: OFFLINE_TENANT_ID },
      };
    }
    case 'azure-native:managedidentity:UserAssignedIdentity':
      return { clientId: offlineUuid(`client/${name}`), principalId: offlineUuid(`principal/${name}`), tenantId: OFFLINE_TENANT_ID };
    case 'azure-native:servicebus:Namespace':
      return { serviceBusEndpoint: `https://${azureName}.servicebus.windows.net:443/` };
    default:
      return {};
  }
}

/** An exec-format user kubeconfig as AKS returns it for an Entra ID cluster (device-code login). */
function userKubeconfig(cluster: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${cluster}`,
    '  cluster:',
    `    server: https://${cluster}-offline.hcp.eastus.azmk8s.io:443`,
    '    certificate-authority-data: T0ZGTElORQ==',
    'contexts:',
    `- name: ${cluster}`,
    '  context:',
    `    cluster: ${cluster}`,
    `    user: clusterUser_${cluster}`,
    `current-context: ${cluster}`,
    'users:',
    `- name: clusterUser_${cluster}`,
    '  user:',
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1beta1',
    '      command: kubelogin',
    `      args: [get-token, --environment, AzurePublicCloud, --server-id, ${AKS_AAD_SERVER_ID}, --client-id, 80faf920-1908-4b52-b5ef-a8e7bedfc67a, --tenant-id, ${OFFLINE_TENANT_ID}, --login, devicecode]`,
    '',
  ].join('\n');
}

/** The Azure renderer's offline mocks (see `runOffline`). */
export const AZURE_OFFLINE_MOCKS: OfflineMocks = {
  id: (type, name, inputs) => ARM[type]?.(name, inputs).id ?? `${name}-id`,
  outputs: (type, name, inputs) => {
    const arm = ARM[type]?.(name, inputs);
    return arm ? { name: arm.name, ...computed(type, name, inputs, arm.name) } : {};
  },
  invokes: {
    'azure-native:containerservice:listManagedClusterUserCredentials': (i) => ({
      kubeconfigs: [{ name: 'clusterUser', value: Buffer.from(userKubeconfig(str(i.resourceName, 'cluster'))).toString('base64') }],
    }),
    'azure-native:authorization:getClientConfig': () => ({
      clientId: offlineUuid('deployer/client'),
      objectId: offlineUuid('deployer/object'),
      subscriptionId: OFFLINE_SUBSCRIPTION_ID,
      tenantId: OFFLINE_TENANT_ID,
    }),
    'azure-native:resources:getResourceGroup': (i) => ({
      id: rgId(i.resourceGroupName, 'resource-group'),
      name: str(i.resourceGroupName, 'resource-group'),
      location: 'offline',
      tags: {},
    }),
  },
};
