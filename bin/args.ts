/** A small, strict argument parser: positionals, `--flag`, `--opt value` / `--opt=value`. */
import { didYouMean } from '../lib/spec/suggest';

/** Wrong arguments or options: the CLI prints the command's usage and exits 2. */
export class UsageError extends Error {}

/** An error with its own exit code (e.g. 1 for a budget exceeded). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Arguments split by kind; every flag and option is one the command declared. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Set<string>;
  readonly options: Map<string, string>;
}

/** What a command accepts: boolean `flags`, `options` that take a value, and exactly `positionals` arguments. */
export interface ArgsSpec {
  readonly flags?: readonly string[];
  readonly options?: readonly string[];
  readonly positionals: number;
}

/**
 * Parse `argv` against what the command accepts. Throws UsageError for an unknown option (with the
 * nearest known one), an option without its value, a value on a flag, or the wrong number of arguments.
 * A lone `-` is a positional; any other argument starting with `-` is an option.
 */
export function parseArgs(argv: readonly string[], spec: ArgsSpec): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  const known = [...(spec.flags ?? []), ...(spec.options ?? [])];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && a !== '-') {
      const [name, inline] = a.replace(/^--?/, '').split(/=(.*)/s, 2);
      if (spec.flags?.includes(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
        flags.add(name);
      } else if (spec.options?.includes(name)) {
        const v = inline ?? argv[++i];
        // An empty value (`--out=`) would silently mean the current directory.
        if (v === undefined || v === '' || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        options.set(name, v);
      } else {
        const near = didYouMean(name, known, { max: 1 }).replace(/ Did you mean '(.*)'\?/, '; did you mean --$1?');
        const allowed = known.length ? ` (options: ${known.map((k) => `--${k}`).join(', ')})` : ' (this command takes no options)';
        throw new UsageError(`unknown option ${a.split('=')[0]}${near || allowed}`);
      }
    } else positionals.push(a);
  }
  if (positionals.length !== spec.positionals) {
    throw new UsageError(
      spec.positionals === 0
        ? `takes no arguments, got ${positionals.join(' ')}`
        : positionals.length === 0
          ? 'missing the spec file'
          : `expected ${spec.positionals} argument${spec.positionals === 1 ? '' : 's'}, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  return { positionals, flags, options };
}
