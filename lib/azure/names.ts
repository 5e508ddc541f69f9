/**
 * Azure resource names of one plan, after the Cloud Adoption Framework's abbreviations
 * (`rg-`, `aks-`, `id-`; https://learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/resource-abbreviations).
 * Stable: changing one replaces the resource. Service Bus namespace names are global: they end
 * in a hash of the resource group's ARM id (which holds the subscription), so two subscriptions
 * deploying the same spec do not collide and one deployment keeps its name.
 */
import { createHash } from 'node:crypto';
import { stableName } from '../plan/names';
import { InferencePlan } from '../plan/types';

/** Names of the Azure resources of one deployment. */
export interface AzureNames {
  /** Resource group (1-90 characters): the spec's `targets.azure.resourceGroupName`, else `rg-<name>-<environment>`. */
  readonly resourceGroup: string;
  /** AKS cluster (1-63): `aks-<name>-<environment>`. */
  readonly cluster: string;
  /** Resource group AKS creates for the nodes (at most 80): `<resource group>-aks-nodes`. */
  readonly nodeResourceGroup: string;
  /** API server DNS prefix (1-54): `<name>-<environment>`. */
  readonly dnsPrefix: string;
  /** User-assigned identities (3-128). */
  readonly scalerIdentity: string;
  /** The consumers' user-assigned identity. */
  readonly consumerIdentity: string;
  /** Service Bus namespace without its suffix (at most 43): `sb-<name>-<environment>`; see {@link serviceBusNamespaceName}. */
  readonly serviceBusNamespaceStem: string;
}

/** A globally unique Service Bus namespace name (6-50 characters): the stem, `-`, 6 hex digits of the resource group's id. */
export function serviceBusNamespaceName(stem: string, resourceGroupId: string): string {
  return `${stem}-${createHash('sha256').update(resourceGroupId.toLowerCase()).digest('hex').slice(0, 6)}`;
}

/** The names of one plan's Azure resources. */
export function azureNames(plan: InferencePlan): AzureNames {
  const { name, environment } = plan;
  const resourceGroup = plan.resourceGroupName ?? stableName(['rg', name, environment], 90);
  return {
    resourceGroup,
    cluster: stableName(['aks', name, environment], 63),
    nodeResourceGroup: stableName([resourceGroup, 'aks', 'nodes'], 80),
    dnsPrefix: stableName([name, environment], 54),
    scalerIdentity: stableName(['id', name, environment, 'keda'], 128),
    consumerIdentity: stableName(['id', name, environment, 'queue-consumer'], 128),
    serviceBusNamespaceStem: stableName(['sb', name, environment], 43),
  };
}
