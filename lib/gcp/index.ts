/**
 * @packageDocumentation
 * inferstack's GCP renderer (`inferstack/gcp`): Pulumi components, each usable on its own in an
 * existing Pulumi program, and their composition `InferenceDeployment`.
 */
export { InferenceBudget, MAX_BUDGET_CHANNELS } from './budget';
export type { InferenceBudgetArgs } from './budget';
export { gkeKubeconfig, InferenceCluster, NODE_SERVICE_ACCOUNT_ROLE } from './cluster';
export type { CpuNodePoolArgs, ExistingNetwork, InferenceClusterArgs, NetworkRanges } from './cluster';
export { InferenceDeployment } from './deployment';
export type { InferenceDeploymentArgs } from './deployment';
export { GKE_GPU_TYPES } from './gke';
export { QueueIdentities, WORKLOAD_IDENTITY_USER } from './identities';
export type { KubernetesServiceAccount, QueueIdentitiesArgs } from './identities';
export { costLabels, LABEL_FIELDS, nodeCostLabels } from './labels';
export type { CostLabelOptions, Labels } from './labels';
export { gcpNames } from './names';
export type { GcpNames } from './names';
export { AcceleratorNodePools } from './node-pools';
export { GCP_OFFLINE_MOCKS, OFFLINE_BILLING_ACCOUNT, OFFLINE_ENDPOINT, OFFLINE_PROJECT_NUMBER } from './offline';
export { runOffline, OfflineRunError } from '../pulumi/offline';
export type { OfflineMocks, OfflineOptions } from '../pulumi/offline';
export type { ResourceGraph, GraphResource } from '../util/resource-graph';
export type { AcceleratorNodePoolsArgs, GpuDriverVersion } from './node-pools';
export { InferenceQueue, PUBSUB_LIMITS } from './queue';
export type { InferenceQueueArgs } from './queue';
export { InferenceWorkload } from './workload';
export type { GkeClusterEndpoint, InferenceWorkloadArgs } from './workload';

// Core types in the components' arguments, for convenience (they are also exported by 'inferstack').
export type { InferencePlan, PoolPlan, NodeGroupPlan, QueuePlan, BudgetPlan } from '../plan/types';
export type { InferenceSpec } from '../spec/types';
export type { WorkloadBindings } from '../k8s/types';
