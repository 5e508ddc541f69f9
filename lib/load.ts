/**
 * Loading a spec end to end: read, parse (YAML or JSON), validate the structure and the
 * cross-field rules, then the catalog rules; every issue with its file position.
 */
import { Catalog } from './catalog';
import { CATALOG_RULES, catalogWarnings, runCatalogRules } from './plan/checks';
import { SpecIssue, SpecValidationError } from './spec/errors';
import { parseSpecText, readSpecFile } from './spec/load';
import { ModelSchema, TargetsSchema } from './spec/schema';
import type { InferenceSpec } from './spec/types';
import { validateSpec } from './spec/validate';

/** Catalog rules that look at one model at a time (and the targets), so they can run on the models that parsed. */
const PER_MODEL_RULES = new Set(['accelerator-known', 'tpu-topology', 'region-known', 'accelerator-offered', 'memory-fit']);

/**
 * Catalog issues of the parts of a structurally invalid spec that did parse: every model whose
 * own fields are valid, against the targets when those are valid. So one run lists a typo in
 * one model and an unknown accelerator in another, instead of one after the other.
 */
function partialCatalogIssues(input: unknown, catalog: Catalog): SpecIssue[] {
  if (input === null || typeof input !== 'object') return [];
  const raw = input as { targets?: unknown; models?: unknown };
  if (!Array.isArray(raw.models)) return [];
  const parsed = raw.models.flatMap((m, index) => {
    const r = ModelSchema.safeParse(m);
    return r.success ? [{ index, model: r.data }] : [];
  });
  if (parsed.length === 0) return [];
  const targets = TargetsSchema.safeParse(raw.targets);
  const partial = {
    apiVersion: 'inferstack.dev/v1alpha1',
    kind: 'InferenceStack',
    metadata: { name: 'partial', environment: 'dev' },
    tags: {},
    targets: targets.success ? targets.data : {},
    models: parsed.map((p) => p.model),
  } as InferenceSpec;
  const rules = CATALOG_RULES.filter((r) => PER_MODEL_RULES.has(r.id));
  // Paths name models of the partial spec; map them back to the spec's own indices.
  return runCatalogRules(partial, catalog, rules).map((i) =>
    i.path[0] === 'models' && typeof i.path[1] === 'number' ? { ...i, path: ['models', parsed[i.path[1]].index, ...i.path.slice(2)] } : i,
  );
}

/** Every issue of a spec object: structure, cross-field rules and catalog rules. Never throws. */
export function checkSpec(input: unknown, catalog: Catalog = Catalog.DEFAULT): { spec?: InferenceSpec; issues: SpecIssue[] } {
  const r = validateSpec(input);
  if (!r.ok) return { issues: [...r.issues, ...partialCatalogIssues(input, catalog)] };
  const issues = runCatalogRules(r.spec, catalog);
  return issues.length ? { issues } : { spec: r.spec, issues: [] };
}

/** Parse and check spec text; throws SpecValidationError (with positions) when invalid. */
export function loadSpecText(text: string, file?: string, catalog: Catalog = Catalog.DEFAULT): InferenceSpec {
  return inspectSpecText(text, file, catalog).spec;
}

/**
 * Parse and check spec text like `loadSpecText`, and also return the warnings of the valid spec
 * (CATALOG_WARNING_RULES on every target), each with its file position, in file order.
 */
export function inspectSpecText(text: string, file?: string, catalog: Catalog = Catalog.DEFAULT): { spec: InferenceSpec; warnings: SpecIssue[] } {
  const parsed = parseSpecText(text);
  if (parsed.syntaxIssues.length) throw new SpecValidationError(parsed.syntaxIssues, file);
  const { spec, issues } = checkSpec(parsed.data, catalog);
  const located = (list: readonly SpecIssue[]) =>
    // In file order, so the list reads top to bottom like the file (sort is stable).
    list.map((i) => ({ ...parsed.locate(i.path), ...i })).sort((a, b) => a.line - b.line || a.column - b.column);
  if (!spec) throw new SpecValidationError(located(issues), file);
  return { spec, warnings: located(catalogWarnings(spec, catalog).map(({ cloud: _cloud, ...w }) => w)) };
}

/** `inspectSpecText` for a file: the spec and its located warnings. */
export function inspectSpecFile(file: string, catalog: Catalog = Catalog.DEFAULT): { spec: InferenceSpec; warnings: SpecIssue[] } {
  return inspectSpecText(readSpecFile(file), file, catalog);
}

/**
 * Load a spec file. Throws SpecFileError when it cannot be read (a usage error) and
 * SpecValidationError with `file:line:col` for every problem otherwise.
 */
export function loadSpecFile(file: string, catalog: Catalog = Catalog.DEFAULT): InferenceSpec {
  return loadSpecText(readSpecFile(file), file, catalog);
}
