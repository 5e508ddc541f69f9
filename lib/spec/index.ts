export * from './errors';
export * from './grammar';
export * from './load';
export type { PartialSpec, RuleReads, SpecPart } from './partial';
export * from './rules';
export * from './schema';
export * from './suggest';
export * from './validate';
