/** inferstack's AWS renderer: CDK constructs, each usable on its own, and their composition. */
export * from './alerts';
export * from './budget';
export * from './cost-tags';
export * from './identity';
export * from './inference-cluster';
export * from './inference-deployment';
export * from './kubernetes-version';
export * from './node-pools';
export * from './queue';
export * from './workload';
