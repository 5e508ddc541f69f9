/** A small, strict argument parser: positionals, `--flag`, `--opt value` / `--opt=value`. */
export class UsageError extends Error {}

/** An error with its own exit code (e.g. 1 for a budget exceeded). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Set<string>;
  readonly options: Map<string, string>;
}

export function parseArgs(argv: readonly string[], spec: { flags?: readonly string[]; options?: readonly string[]; positionals: number }): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  const known = [...(spec.flags ?? []), ...(spec.options ?? [])];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (spec.flags?.includes(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
        flags.add(name);
      } else if (spec.options?.includes(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        options.set(name, v);
      } else {
        const near = known.find((k) => k.startsWith(name.slice(0, 2)));
        throw new UsageError(`unknown option --${name}${near ? `; did you mean --${near}?` : ''}`);
      }
    } else positionals.push(a);
  }
  if (positionals.length !== spec.positionals) {
    throw new UsageError(spec.positionals === 0 ? `takes no arguments, got ${positionals.join(' ')}` : positionals.length === 0 ? 'missing the spec file' : `expected ${spec.positionals} argument(s), got ${positionals.length}`);
  }
  return { positionals, flags, options };
}
