/**
 * The inferstack CLI (DESIGN §4). Exit codes: 0 ok, 1 invalid spec (or budget exceeded with
 * onExceed: error), 2 usage or file error. Never prints a stack trace for bad input.
 */
import { CliError, UsageError } from './args';
import { COMMANDS } from './commands/index';
import { escapeControl, formatIssue, SpecFileError, SpecValidationError } from '../lib/spec/errors';
import { didYouMean } from '../lib/spec/suggest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package's version, from the nearest package.json above this file (works from bin/ and dist/bin/). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'inferstack' && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

const USAGE = `usage: inferstack <command> [options]

commands:
${COMMANDS.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`).join('\n')}

Options: --version prints the version; <command> --help prints a command's usage.
<spec> is a regular YAML or JSON file of at most 1 MiB, or - to read standard input.
Exit codes: 0 ok, 1 invalid spec (or over budget with onExceed: error), 2 usage or file error.`;

/**
 * Run one CLI invocation: `argv` without the node and script paths. Writes results to `out`
 * and problems to `err`, and resolves to the exit code (DESIGN §4); 3 means an internal error.
 */
export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  // Messages quote arguments, file names and spec values: escape what a terminal would act on,
  // line by line (the line breaks between messages are inferstack's own).
  const safe = (message: string) => message.split('\n').map(escapeControl).join('\n');
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? out : err)(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    out(`${packageVersion()}\n`);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    err(`inferstack: unknown command '${escapeControl(name)}'.${didYouMean(name, COMMANDS.map((c) => c.name), { max: 1 })}\n${USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(`usage: inferstack ${cmd.usage}\n  ${cmd.summary}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, out, { err, stdin });
  } catch (e) {
    if (e instanceof SpecValidationError) {
      err(`${e.issues.map((i) => formatIssue(i, e.file)).join('\n')}\n${e.issues.length} problem${e.issues.length === 1 ? '' : 's'} found.\n`);
      return 1;
    }
    if (e instanceof UsageError) {
      err(`inferstack ${name}: ${escapeControl(e.message)}\nusage: inferstack ${cmd.usage}\n`);
      return 2;
    }
    if (e instanceof SpecFileError || e instanceof CliError) {
      err(`inferstack ${name}: ${e instanceof CliError ? safe(e.message) : escapeControl(e.message)}\n`);
      return e instanceof CliError ? e.exitCode : 2;
    }
    err(`inferstack ${name}: internal error: ${escapeControl((e as Error).message)}\nPlease report this with the spec that caused it.\n`);
    return 3;
  }
}

/** Run with the process's arguments and set its exit code. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`inferstack: ${(e as Error).message}\n`);
      process.exitCode = 3;
    },
  );
}

if (require.main === module) run();
