/**
 * The Azure part of the Pulumi program (`inferstack:cloud: azure`): one `InferenceDeployment`
 * from the resolved plan, settings from stack config, and the offline answers `inferstack synth
 * --cloud azure` runs under.
 *
 * Stack config (namespace `inferstack`; see docs/azure.md for a Pulumi.<stack>.yaml):
 * | key | value | default |
 * |---|---|---|
 * | `existingResourceGroup` | true: deploy into the spec's `targets.azure.resourceGroupName`, which exists | false: create `rg-<name>-<env>` (or the spec's name) |
 * | `authorizedIpRanges` | CIDR list (YAML list or comma-separated): a public API server only these reach | none: private |
 * | `privateCluster` | false with `authorizedIpRanges`, or true | true unless `authorizedIpRanges` |
 * | `adminGroupObjectIds` | Entra ID group object ids of cluster admins | none |
 * | `kubernetesVersion` | e.g. `1.33` | AKS default |
 * | `serviceBusSku` | `Standard` or `Premium` | Standard (what `inferstack cost` prices) |
 * | `budgetScope` | `resourceGroup` or `subscription` | resourceGroup |
 * | `budgetStartDate` | `YYYY-MM-01`, fixed once the budget exists | first of the current month |
 * | `kubeloginMode` | `azurecli` or `workloadidentity` | azurecli |
 * | `grantDeployerClusterAdmin` | false: do not give the deploying identity AKS RBAC Cluster Admin | true |
 * | `deployerPrincipalType` | `User` or `ServicePrincipal` (CI with OIDC login) | User |
 * The subscription is the Azure provider's (`azure-native:subscriptionId`, `ARM_SUBSCRIPTION_ID`
 * or the Azure CLI's); the location is the spec's `targets.azure.location`.
 */
import * as pulumi from '@pulumi/pulumi';
import { InferenceDeployment, InferenceDeploymentArgs } from '../../lib/azure/deployment';
import { KUBELOGIN_MODES, KubeloginMode } from '../../lib/azure/kubeconfig';
import { AZURE_OFFLINE_MOCKS } from '../../lib/azure/offline';
import { ServiceBusSku } from '../../lib/azure/queue';
import { ArgChecks } from '../../lib/azure/private/args';
import { PulumiCloudProgram } from './program';

/** Budget start date of offline runs (`inferstack synth`), so the graph does not change with the calendar. */
export const OFFLINE_BUDGET_START_DATE = '2026-01-01';

/** A list from config: a JSON/YAML list or a comma-separated string. */
function list(config: pulumi.Config, key: string): string[] | undefined {
  const raw = config.get(key);
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
      throw new pulumi.InputPropertyError({ propertyPath: `inferstack:${key}`, reason: `inferstack:${key}: expected a list of strings, got ${trimmed}` });
    }
    return parsed;
  }
  return trimmed.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The deployment's settings from stack config; every bad value reported at once. */
export function azureArgsFromConfig(config: pulumi.Config): Omit<InferenceDeploymentArgs, 'spec' | 'plan'> {
  const sku = config.get('serviceBusSku');
  const scope = config.get('budgetScope');
  const mode = config.get('kubeloginMode');
  const start = config.get('budgetStartDate');
  const principal = config.get('deployerPrincipalType');
  new ArgChecks()
    .check(sku === undefined || sku === 'Standard' || sku === 'Premium', 'inferstack:serviceBusSku', `'${sku}' is not Standard or Premium`)
    .check(scope === undefined || scope === 'resourceGroup' || scope === 'subscription', 'inferstack:budgetScope', `'${scope}' is not resourceGroup or subscription`)
    .check(mode === undefined || (KUBELOGIN_MODES as readonly string[]).includes(mode), 'inferstack:kubeloginMode', `'${mode}' is not one of ${KUBELOGIN_MODES.join(', ')}`)
    .check(principal === undefined || principal === 'User' || principal === 'ServicePrincipal', 'inferstack:deployerPrincipalType', `'${principal}' is not User or ServicePrincipal`)
    .check(start === undefined || /^\d{4}-(0[1-9]|1[0-2])-01$/.test(start), 'inferstack:budgetStartDate', `'${start}' is not the first of a month (YYYY-MM-01)`)
    .throwIfAny('stack config');
  const ranges = list(config, 'authorizedIpRanges');
  const privateCluster = config.getBoolean('privateCluster');
  const admins = list(config, 'adminGroupObjectIds');
  const version = config.get('kubernetesVersion');
  const existing = config.getBoolean('existingResourceGroup');
  const grant = config.getBoolean('grantDeployerClusterAdmin');
  return {
    ...(existing !== undefined ? { existingResourceGroup: existing } : {}),
    ...(ranges || privateCluster !== undefined ? { apiServer: { ...(ranges ? { authorizedIpRanges: ranges } : {}), ...(privateCluster !== undefined ? { private: privateCluster } : {}) } } : {}),
    ...(admins ? { adminGroupObjectIds: admins } : {}),
    ...(version ? { kubernetesVersion: version } : {}),
    ...(sku ? { serviceBusSku: sku as ServiceBusSku } : {}),
    ...(scope ? { budgetScope: scope as 'resourceGroup' | 'subscription' } : {}),
    ...(start ? { budgetStartDate: start } : {}),
    ...(mode ? { kubeloginMode: mode as KubeloginMode } : {}),
    ...(grant !== undefined ? { grantDeployerClusterAdmin: grant } : {}),
    ...(principal ? { deployerPrincipalType: principal as 'User' | 'ServicePrincipal' } : {}),
  };
}

/** The Azure program registered in `PULUMI_CLOUDS`. */
export const AZURE_PROGRAM: PulumiCloudProgram = {
  deploy(_spec, plan, config) {
    const d = new InferenceDeployment(`${plan.name}-${plan.environment}`, { plan, ...azureArgsFromConfig(config) });
    return {
      resourceGroupName: d.resourceGroup.name,
      clusterName: d.cluster.clusterName,
      kubeconfig: d.workload.kubeconfig,
      oidcIssuerUrl: d.cluster.oidcIssuerUrl,
      agentPools: Object.keys(d.acceleratorPools.agentPools),
      ...(d.queue
        ? { serviceBusNamespace: d.queue.namespaceName, queueName: d.queue.queueName, queueId: d.queue.queueId, deadLetterQueueName: d.queue.deadLetterQueue.name }
        : {}),
      ...(d.identities ? { scalerClientId: d.identities.scaler.clientId, ...(d.identities.consumer ? { consumerClientId: d.identities.consumer.clientId } : {}) } : {}),
      ...(d.routerEndpoint ? { routerEndpoint: d.routerEndpoint } : {}),
      ...(d.budget ? { budgetName: d.budget.budget.name } : {}),
      notes: d.notes,
    };
  },
  offline: AZURE_OFFLINE_MOCKS,
  offlineConfig: () => ({ budgetStartDate: OFFLINE_BUDGET_START_DATE }),
};
