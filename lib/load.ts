/**
 * Loading a spec end to end: read, parse (YAML or JSON), validate the structure and the
 * cross-field rules, then the catalog rules; every issue with its file position.
 */
import { Catalog } from './catalog';
import { runCatalogRules } from './plan/checks';
import { SpecIssue, SpecValidationError } from './spec/errors';
import { parseSpecText, readSpecFile } from './spec/load';
import { InferenceSpec } from './spec/schema';
import { validateSpec } from './spec/validate';

/** Every issue of a spec object: structure, cross-field rules and catalog rules. Never throws. */
export function checkSpec(input: unknown, catalog: Catalog = Catalog.DEFAULT): { spec?: InferenceSpec; issues: SpecIssue[] } {
  const r = validateSpec(input);
  if (!r.ok) return { issues: r.issues };
  const issues = runCatalogRules(r.spec, catalog);
  return issues.length ? { issues } : { spec: r.spec, issues: [] };
}

/** Parse and check spec text; throws SpecValidationError (with positions) when invalid. */
export function loadSpecText(text: string, file?: string, catalog: Catalog = Catalog.DEFAULT): InferenceSpec {
  const parsed = parseSpecText(text);
  if (parsed.syntaxIssues.length) throw new SpecValidationError(parsed.syntaxIssues, file);
  const { spec, issues } = checkSpec(parsed.data, catalog);
  if (!spec) {
    const located = issues.map((i) => ({ ...parsed.locate(i.path), ...i }));
    // In file order, so the list reads top to bottom like the file (sort is stable).
    located.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new SpecValidationError(located, file);
  }
  return spec;
}

/**
 * Load a spec file. Throws SpecFileError when it cannot be read (a usage error) and
 * SpecValidationError with `file:line:col` for every problem otherwise.
 */
export function loadSpecFile(file: string, catalog: Catalog = Catalog.DEFAULT): InferenceSpec {
  return loadSpecText(readSpecFile(file), file, catalog);
}
