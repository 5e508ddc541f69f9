/** Validation errors: every problem at once, each with its path, position and a fix. */

/** Keys and list indexes from the spec's root to a value. */
export type SpecPath = readonly (string | number)[];

/** One problem found in a spec. */
export interface SpecIssue {
  /** Path from the spec's root, e.g. ['models', 1, 'accelerator', 'type']. */
  readonly path: SpecPath;
  /** What is wrong, the value, and what is allowed or the nearest suggestion. */
  readonly message: string;
  /** The rule that found it (`schema` for structural problems). */
  readonly rule: string;
  /** 1-based line in the spec file, when loaded from text. */
  readonly line?: number;
  /** 1-based column in the spec file, when loaded from text. */
  readonly column?: number;
  /**
   * `warning`: the spec is valid and deploys, but something the user relies on looks wrong or is
   * missing (a model id naming another size than `parametersBillion`, a spot price the catalog
   * does not have); commands print it and still exit 0.
   * @default 'error'
   */
  readonly severity?: 'error' | 'warning';
}

/**
 * Characters a terminal may act on instead of printing: C0 and C1 controls, DEL, the Unicode
 * line and paragraph separators, and the bidirectional overrides and isolates that reorder what
 * a reader sees ("Trojan Source", CVE-2021-42574).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * `text` safe to print on a terminal: every control or reordering character written as an
 * escape (`\n`, `\x1b`, `\u202e`), everything else unchanged. Messages quote spec values, file
 * names and arguments, which the user (or whoever wrote the spec) chose.
 */
export function escapeControl(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    if (named[c]) return named[c];
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `spec.models[1].accelerator.type` */
export function formatPath(path: SpecPath): string {
  let out = 'spec';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return out;
}

/**
 * `file:line:col spec.path: message` (position omitted when unknown; `warning: ` before the
 * message of a warning). Control characters of the file name, path and message are escaped
 * (see {@link escapeControl}), so a hostile spec cannot drive the terminal that prints it.
 */
export function formatIssue(issue: SpecIssue, file?: string): string {
  const where = file ? `${file}:${issue.line ?? 1}:${issue.column ?? 1} ` : '';
  return escapeControl(`${where}${formatPath(issue.path)}: ${issue.severity === 'warning' ? 'warning: ' : ''}${issue.message}`);
}

/** The only error validation throws: the spec is invalid, with every issue found. */
export class SpecValidationError extends Error {
  readonly issues: readonly SpecIssue[];
  readonly file?: string;
  constructor(issues: readonly SpecIssue[], file?: string) {
    super(
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${file ?? 'the spec'}:\n` +
        issues.map((i) => `  ${formatIssue(i, file)}`).join('\n'),
    );
    this.name = 'SpecValidationError';
    this.issues = issues;
    this.file = file;
  }
}

/** The spec file cannot be read (missing, a directory, unreadable): a usage error (exit 2). */
export class SpecFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecFileError';
  }
}

/** Describe a value for a message: strings quoted, long values cut. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return 'an object';
}
