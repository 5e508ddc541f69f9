/**
 * lib/cost: what a stack will cost before it exists. Pure: reads plans, specs and the catalog;
 * no cloud SDK, no network. See docs/cost.md for the model and its assumptions.
 */
export * from './budget';
export * from './compare';
export * from './cpu-nodes';
export * from './diff';
export * from './estimate';
export * from './format';
export * from './format-diff';
export * from './model';
export * from './money';
export * from './onprem';
export * from './report';
export * from './routing';
export * from './simulate';
export * from './staleness';
export * from './throughput';
export * from './traffic';
export * from './types';
