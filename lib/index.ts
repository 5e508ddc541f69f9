/**
 * inferstack's public API. The pure core (spec, catalog, plan) is exported here; the cloud
 * renderers are imported from their own entry points (`inferstack/lib/aws`, ...) so a user of
 * one cloud never loads another cloud's SDK.
 */
import { Catalog } from './catalog';
import { checkSpec } from './load';
import { SpecValidationError } from './spec/errors';
import { InferenceSpec, InferenceSpecInput } from './spec/schema';

export * from './spec';
export * from './catalog';
export * from './plan';
export { checkSpec, loadSpecFile, loadSpecFileChecked, loadSpecText, loadSpecTextChecked } from './load';
export type { LoadedSpec, SpecCheck } from './load';

/**
 * A spec written as a typed TypeScript object: checked like a file (structure, rules, catalog)
 * and returned with defaults applied. Throws SpecValidationError listing every problem.
 */
export function defineSpec(input: InferenceSpecInput, catalog: Catalog = Catalog.DEFAULT): InferenceSpec {
  const { spec, issues } = checkSpec(input, catalog);
  if (!spec) throw new SpecValidationError(issues);
  return spec;
}
