/**
 * inferstack's GCP renderer (`inferstack/gcp`): Pulumi components, each usable on its own in an
 * existing Pulumi program, and their composition `InferenceDeployment`.
 */
export * from './budget';
export * from './cluster';
export * from './deployment';
export * from './gke';
export * from './identities';
export * from './labels';
export * from './names';
export * from './node-pools';
export * from './queue';
export * from './workload';
