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

// Core types in the constructs' props, for convenience (they are also exported by 'inferstack').
export type { InferencePlan, PoolPlan, NodeGroupPlan, QueuePlan, BudgetPlan } from '../plan/types';
export type { InferenceSpec } from '../spec/types';
export type { RenderedWorkload, WorkloadBindings } from '../k8s/types';
