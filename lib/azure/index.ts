/**
 * inferstack's Azure renderer (`inferstack/azure`): Pulumi components on AKS, each usable on its
 * own in an existing Pulumi program, and their spec-driven composition `InferenceDeployment`.
 * Import @pulumi/azure-native by submodule only (the whole package costs seconds per type-check).
 */
export * from './budget';
export * from './cluster';
export * from './deployment';
export * from './identities';
export * from './kubeconfig';
export * from './names';
export * from './node-pools';
export * from './offline';
export * from './queue';
export * from './resource-group';
export * from './roles';
export * from './workload';
export { poolZones } from './zones';
export type { PoolZones } from './zones';
