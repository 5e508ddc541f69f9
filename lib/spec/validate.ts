/** Structural validation (zod) translated into inferstack's messages, then the spec rules. */
import { z } from 'zod';
import { describeValue, SpecIssue, SpecPath, SpecValidationError } from './errors';
import { completeSpec, PartialSpec, runOnPartial, salvageSpec } from './partial';
import { SpecRule, SPEC_RULES } from './rules';
import { InferenceSpecSchema } from './schema';
import type { InferenceSpec } from './types';
import { didYouMean, quoteList } from './suggest';

/**
 * Result of validating: the spec with defaults, or every issue found; warnings (valid, but worth
 * saying) either way.
 */
export type ValidationResult =
  | { ok: true; spec: InferenceSpec; issues: []; warnings: SpecIssue[] }
  | { ok: false; issues: SpecIssue[]; warnings: SpecIssue[] };

type AnySchema = z.core.$ZodType;

/** Peel optional/default/prefault/nullable wrappers. */
function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const def = cur._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    if (def.innerType && ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) cur = def.innerType;
    else if (def.type === 'pipe' && def.in) cur = def.in;
    else break;
  }
  return cur;
}

/** The schema at a path, or undefined when the path leaves the schema. */
function schemaAt(path: SpecPath, root: AnySchema = InferenceSpecSchema): AnySchema | undefined {
  let cur: AnySchema | undefined = unwrap(root);
  for (const p of path) {
    if (!cur) return undefined;
    const def = cur._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema };
    if (def.type === 'object' && typeof p === 'string') cur = def.shape?.[p];
    else if (def.type === 'array') cur = def.element;
    else if (def.type === 'record') cur = def.valueType;
    else return undefined;
    cur = cur && unwrap(cur);
  }
  return cur;
}

/** The field names allowed at an object path (for 'unknown field' suggestions). */
function knownKeys(path: SpecPath): string[] {
  const s = schemaAt(path);
  const def = s?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function valueAt(input: unknown, path: SpecPath): unknown {
  let cur: unknown = input;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${describeValue(v)}`);

const expectedName: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  record: 'a mapping of names to values',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** The schema's own message, when it set one (zod's defaults start with 'Too' or 'Invalid'). */
const custom = (iss: z.core.$ZodIssue): string | undefined => (/^(Too |Invalid )/.test(iss.message) ? undefined : iss.message);

function translate(iss: z.core.$ZodIssue, input: unknown): SpecIssue[] {
  const path = iss.path as (string | number)[];
  const value = valueAt(input, path);
  const mk = (p: SpecPath, message: string): SpecIssue => ({ rule: 'schema', path: p, message });
  switch (iss.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(path);
      return iss.keys.map((k) => {
        const hint = didYouMean(k, known, { max: 1 });
        return mk([...path, k], `unknown field '${k}';${hint ? hint.replace(' Did you mean', ' did you mean') : ` allowed fields: ${quoteList(known)}`}`);
      });
    }
    case 'invalid_type': {
      if (value === undefined) return [mk(path, `is required (${expectedName[iss.expected] ?? iss.expected})`)];
      if (typeof value === 'number' && !Number.isFinite(value)) return [mk(path, `must be a finite number, got ${describeValue(value)}`)];
      if (iss.expected === 'int' && typeof value === 'number') return [mk(path, `must be a whole number, got ${describeValue(value)}`)];
      const quote = iss.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? `; quote it: '${String(value)}'` : '';
      return [mk(path, `must be ${expectedName[iss.expected] ?? iss.expected}, got ${typeName(value)}${quote}`)];
    }
    case 'invalid_value': {
      const allowed = iss.values.map(String);
      if (value === undefined) return [mk(path, `is required (${quoteList(allowed)})`)];
      if (allowed.length === 1) return [mk(path, `${iss.message}, got ${describeValue(value)}`)];
      const hint = typeof value === 'string' ? didYouMean(value, allowed, { max: 1 }) : '';
      return [mk(path, `${describeValue(value)} is not allowed; use ${quoteList(allowed)}.${hint}`)];
    }
    case 'too_small': {
      if (iss.origin === 'array') return [mk(path, custom(iss) ?? `needs at least ${String(iss.minimum)} item(s)`)];
      if (iss.origin === 'string') return [mk(path, custom(iss) ?? 'must not be empty')];
      return [mk(path, custom(iss) ?? `must be ${iss.inclusive ? '>=' : '>'} ${String(iss.minimum)}, got ${describeValue(value)}`)];
    }
    case 'too_big': {
      if (iss.origin === 'string') return [mk(path, custom(iss) ?? `must be at most ${String(iss.maximum)} characters, got ${typeof value === 'string' ? value.length : describeValue(value)}`)];
      if (iss.origin === 'array') return [mk(path, custom(iss) ?? `must have at most ${String(iss.maximum)} items, got ${Array.isArray(value) ? value.length : describeValue(value)}`)];
      // z.int()'s implicit bound: no count in a spec comes near it.
      if (Number(iss.maximum) === Number.MAX_SAFE_INTEGER) return [mk(path, `is too large, got ${describeValue(value)}`)];
      return [mk(path, custom(iss) ?? `must be ${iss.inclusive ? '<=' : '<'} ${String(iss.maximum)}, got ${describeValue(value)}`)];
    }
    case 'invalid_key':
      // A record key (a tag name, a fallback's model) that breaks its grammar.
      return iss.issues.map((inner) => mk(path, inner.message));
    case 'invalid_format':
      return [mk(path, iss.message.startsWith('Invalid') ? `${describeValue(value)} is not a valid ${iss.format}` : iss.message)];
    default:
      return [mk(path, iss.message)];
  }
}

const pathKey = (p: SpecPath): string => JSON.stringify(p);

/**
 * A missing required field whose sibling is an unknown field that suggests it ('replica' for
 * 'replicas'): the unknown-field message already says what to fix, so the user sees one line.
 */
function explainedByTypo(issue: SpecIssue, all: readonly SpecIssue[]): boolean {
  if (!issue.message.startsWith('is required')) return false;
  const parent = pathKey(issue.path.slice(0, -1));
  const name = issue.path[issue.path.length - 1];
  return all.some((o) => o !== issue && pathKey(o.path.slice(0, -1)) === parent && o.message.endsWith(`did you mean '${String(name)}'?`));
}

/** zod's implicit integer bound next to a stated limit at the same path: the limit's message says more. */
function impliedByLimit(issue: SpecIssue, all: readonly SpecIssue[]): boolean {
  return issue.message.startsWith('is too large') && all.some((o) => o !== issue && pathKey(o.path) === pathKey(issue.path) && o.message.startsWith('must be at most'));
}

/** Every issue of a spec object that the spec alone can show, and what parsed (for rules that need more). */
export interface SpecAnalysis {
  /** The spec with defaults, when its structure is valid (rules may still have found issues). */
  readonly spec?: InferenceSpec;
  /** The parts that parsed, for further rules (lib/load runs the catalog rules on them). */
  readonly partial?: PartialSpec;
  /** Structural issues, then rule issues; errors only. */
  readonly issues: SpecIssue[];
  readonly warnings: SpecIssue[];
}

/**
 * Structure and the spec rules, all at once: every rule runs on the parts of the spec that
 * parsed, so a structural problem in one part does not hide rule problems in another.
 */
export function analyseSpec(input: unknown, rules: readonly SpecRule[] = SPEC_RULES): SpecAnalysis {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      issues: [{ rule: 'schema', path: [], message: `must be a mapping with apiVersion, kind, metadata, targets and models, got ${typeName(input)}` }],
      warnings: [],
    };
  }
  const parsed = InferenceSpecSchema.safeParse(input);
  let structural: SpecIssue[] = [];
  if (!parsed.success) {
    const all = parsed.error.issues.flatMap((i) => translate(i, input));
    structural = all.filter((i) => !explainedByTypo(i, all) && !impliedByLimit(i, all));
  }
  const partial = parsed.success ? completeSpec(parsed.data) : salvageSpec(input)!;
  const found = runOnPartial(rules, partial, (rule, spec) => rule.check(spec));
  return {
    ...(parsed.success ? { spec: parsed.data } : {}),
    partial,
    issues: [...structural, ...found.filter((i) => i.severity !== 'warning')],
    warnings: found.filter((i) => i.severity === 'warning'),
  };
}

/** Validate an already-parsed object against structure and spec rules. Never throws; returns every issue. */
export function validateSpec(input: unknown, rules: readonly SpecRule[] = SPEC_RULES): ValidationResult {
  const a = analyseSpec(input, rules);
  return a.spec && a.issues.length === 0 ? { ok: true, spec: a.spec, issues: [], warnings: a.warnings } : { ok: false, issues: a.issues, warnings: a.warnings };
}

/** Validate or throw SpecValidationError with every issue. */
export function parseSpec(input: unknown): InferenceSpec {
  const r = validateSpec(input);
  if (!r.ok) throw new SpecValidationError(r.issues);
  return r.spec;
}
