export * from './errors';
export * from './load';
export * from './rules';
export * from './schema';
export * from './suggest';
export * from './validate';
