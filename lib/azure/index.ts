/**
 * inferstack's Azure renderer (`inferstack/azure`): Pulumi components on AKS, each usable on its
 * own in an existing Pulumi program, and their spec-driven composition `InferenceDeployment`.
 * Import @pulumi/azure-native by submodule only (the whole package costs seconds per type-check).
 *
 * @packageDocumentation
 */
export { InferenceDeployment } from './deployment';
export type { InferenceDeploymentArgs } from './deployment';
export { InferenceResourceGroup } from './resource-group';
export type { InferenceResourceGroupArgs } from './resource-group';
export { InferenceCluster, AKS_TIER_OF_FEE, pricedAksTier, SYSTEM_POOL_TAINT } from './cluster';
export type { InferenceClusterArgs, AksTier, CpuPoolArgs, ApiServerAccess, ClusterAutoscalerArgs } from './cluster';
export { AcceleratorNodePools, POOL_REPLACE_ON_CHANGES } from './node-pools';
export type { AcceleratorNodePoolsArgs } from './node-pools';
export { InferenceQueue, SERVICE_BUS_SKU_OF_PRICE, pricedServiceBusSku, MAX_LOCK_SECONDS } from './queue';
export type { InferenceQueueArgs, ServiceBusSku } from './queue';
export { QueueIdentities, WORKLOAD_IDENTITY_AUDIENCE, KEDA_ADDON_NAMESPACE, serviceAccountSubject } from './identities';
export type { QueueIdentitiesArgs, QueueIdentity, ServiceAccountRef } from './identities';
export { InferenceWorkload, NVIDIA_DEVICE_PLUGIN_CHART, AUTOSCALER_PRIORITY_CONFIGMAP } from './workload';
export type { InferenceWorkloadArgs } from './workload';
export { InferenceBudget, MAX_BUDGET_NOTIFICATIONS } from './budget';
export type { InferenceBudgetArgs } from './budget';
export { convertKubeconfig, KUBELOGIN_MODES, AKS_AAD_SERVER_ID } from './kubeconfig';
export type { KubeloginMode } from './kubeconfig';
export { BUILT_IN_ROLES } from './roles';
export type { BuiltInRole } from './roles';
export { AZURE_OFFLINE_MOCKS, OFFLINE_SUBSCRIPTION_ID, OFFLINE_TENANT_ID } from './offline';
// The Pulumi-side types these components expose (shared with the GCP renderer).
export { runOffline, OfflineRunError } from '../pulumi/offline';
export type { OfflineMocks, OfflineOptions } from '../pulumi/offline';
export type { ResourceGraph, GraphResource } from '../util/resource-graph';
export type { AppliedWorkload } from '../pulumi/kubernetes';
