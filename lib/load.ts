/**
 * Loading a spec end to end: read, parse (YAML or JSON), validate the structure, the cross-field
 * rules, the catalog rules and what the renderers can deploy; every issue with its file position.
 * Every rule runs on whatever parsed (lib/spec/partial.ts), so one run reports every problem.
 */
import { Catalog } from './catalog';
import { CATALOG_RULES, catalogWarnings, RENDERER_RULES } from './plan/checks';
import { SpecIssue, SpecValidationError } from './spec/errors';
import { parseSpecText, readSpecFile } from './spec/load';
import { runOnPartial } from './spec/partial';
import type { InferenceSpec } from './spec/types';
import { analyseSpec } from './spec/validate';

/** What checking a spec found: the spec when it is valid, every error, and warnings either way. */
export interface SpecCheck {
  /** The spec with defaults; undefined when any error was found. */
  readonly spec?: InferenceSpec;
  /** Every error (structure, cross-field, catalog and renderer rules); empty when the spec is valid. */
  readonly issues: SpecIssue[];
  /** Valid but worth saying (a model id naming another size than parametersBillion; spot on a machine without a spot price). */
  readonly warnings: SpecIssue[];
}

/** Every issue of a spec object: structure, cross-field rules, catalog rules and renderer limits. Never throws. */
export function checkSpec(input: unknown, catalog: Catalog = Catalog.DEFAULT): SpecCheck {
  const a = analyseSpec(input);
  const found = a.partial ? runOnPartial([...CATALOG_RULES, ...RENDERER_RULES], a.partial, (rule, spec) => rule.check(spec, catalog)) : [];
  const issues = [...a.issues, ...found.filter((i) => i.severity !== 'warning')];
  const warnings = [...a.warnings, ...found.filter((i) => i.severity === 'warning')];
  if (!a.spec || issues.length) return { issues, warnings };
  // Catalog warnings of a valid spec, per target (the spot price rule).
  const perTarget = catalogWarnings(a.spec, catalog).map(({ cloud: _cloud, ...w }) => w);
  return { spec: a.spec, issues: [], warnings: [...warnings, ...perTarget] };
}

/** Issues with their file positions, in file order (so the list reads top to bottom like the file). */
function located(issues: readonly SpecIssue[], locate: (path: SpecIssue['path']) => { line: number; column: number }): SpecIssue[] {
  return issues.map((i) => ({ ...locate(i.path), ...i })).sort((a, b) => a.line! - b.line! || a.column! - b.column!);
}

/** A loaded spec, its warnings, and where any path is in its file (for issues found later, e.g. the budget). */
export interface LoadedSpec {
  /** The validated spec with defaults applied. */
  readonly spec: InferenceSpec;
  /** With file positions, in file order. */
  readonly warnings: SpecIssue[];
  /** Give an issue found later its file position. */
  locate(issue: SpecIssue): SpecIssue;
}

/** Parse and check spec text: the spec and its warnings (with positions); throws SpecValidationError when invalid. */
export function loadSpecTextChecked(text: string, file?: string, catalog: Catalog = Catalog.DEFAULT): LoadedSpec {
  const parsed = parseSpecText(text);
  if (parsed.syntaxIssues.length) throw new SpecValidationError(parsed.syntaxIssues, file);
  const { spec, issues, warnings } = checkSpec(parsed.data, catalog);
  if (!spec) throw new SpecValidationError(located(issues, parsed.locate), file);
  return { spec, warnings: located(warnings, parsed.locate), locate: (i) => ({ ...parsed.locate(i.path), ...i }) };
}

/** Parse and check spec text; throws SpecValidationError (with positions) when invalid. */
export function loadSpecText(text: string, file?: string, catalog: Catalog = Catalog.DEFAULT): InferenceSpec {
  return loadSpecTextChecked(text, file, catalog).spec;
}

/**
 * Load a spec file with its warnings. Throws SpecFileError when it cannot be read (a usage error:
 * not a regular file, too large, not UTF-8) and SpecValidationError with `file:line:col` for
 * every problem otherwise.
 */
export function loadSpecFileChecked(file: string, catalog: Catalog = Catalog.DEFAULT): LoadedSpec {
  return loadSpecTextChecked(readSpecFile(file), file, catalog);
}

/**
 * Load a spec file. Throws SpecFileError when it cannot be read (a usage error) and
 * SpecValidationError with `file:line:col` for every problem otherwise.
 */
export function loadSpecFile(file: string, catalog: Catalog = Catalog.DEFAULT): InferenceSpec {
  return loadSpecFileChecked(file, catalog).spec;
}
