/** The CLI's commands. Each parses its own arguments and returns an exit code. */
import { CLOUDS, CloudId } from '../../lib/catalog/types';
import { BudgetExceededError, assertWithinBudget } from '../../lib/cost';
import { LoadedSpec, loadSpecFileChecked, loadSpecTextChecked } from '../../lib/load';
import { targetsOf } from '../../lib/plan/checks';
import { formatPlan } from '../../lib/plan/format';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferencePlan, PLAN_API_VERSION } from '../../lib/plan/types';
import { formatIssue, SpecValidationError } from '../../lib/spec/errors';
import { readSpecStream } from '../../lib/spec/load';
import { specJsonSchema } from '../../lib/spec/json-schema';
import type { InferenceSpec } from '../../lib/spec/types';
import { stableJson } from '../../lib/util/stable-json';
import { parseArgs, UsageError } from '../args';

/** What a command may use besides its arguments and `out`. */
export interface CommandContext {
  /** Warnings and other diagnostics (stderr). */
  readonly err: (s: string) => void;
  /** Where `-` reads a spec from. @default process.stdin */
  readonly stdin?: NodeJS.ReadableStream;
}

/** One CLI command: parses its own arguments, writes to `out`, returns the exit code. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(argv: string[], out: (s: string) => void, ctx?: CommandContext): Promise<number> | number;
}

/** Name `-` (standard input) is shown as in messages. */
export const STDIN_NAME = '<stdin>';

/**
 * Load the spec a command names: a file (regular files only, at most 1 MiB) or `-` for standard
 * input (at most 1 MiB). Warnings go to `ctx.err` as `file:line:col spec.path: warning: ...`.
 */
export async function loadSpecArg(arg: string, ctx?: CommandContext): Promise<LoadedSpec & { readonly file: string }> {
  const loaded = arg === '-' ? loadSpecTextChecked(await readSpecStream(ctx?.stdin ?? process.stdin, STDIN_NAME), STDIN_NAME) : loadSpecFileChecked(arg);
  const file = arg === '-' ? STDIN_NAME : arg;
  if (loaded.warnings.length) ctx?.err(`${loaded.warnings.map((w) => formatIssue(w, file)).join('\n')}\n`);
  return { ...loaded, file };
}

/** The clouds a command works on: `--cloud`, else every target of the spec. */
export function selectedClouds(spec: InferenceSpec, cloudOption: string | undefined): CloudId[] {
  const present = targetsOf(spec).map((t) => t.cloud);
  if (cloudOption === undefined) return present;
  if (!CLOUDS.includes(cloudOption as CloudId)) throw new UsageError(`--cloud must be one of ${CLOUDS.join(', ')}, got '${cloudOption}'`);
  if (!present.includes(cloudOption as CloudId)) throw new UsageError(`the spec has no ${cloudOption} target (targets: ${present.join(', ')})`);
  return [cloudOption as CloudId];
}

/** Plans for the selected clouds, in target order. */
export function plansFor(spec: InferenceSpec, clouds: readonly CloudId[]): InferencePlan[] {
  return clouds.map((c) => resolvePlan(spec, c));
}


/**
 * `inferstack validate <spec>`: `ok: ...` and 0, or every problem (thrown, printed by the CLI) and
 * 1. What `synth` would refuse, `validate` refuses too: with `onExceed: error`, a worst-case month
 * over budget on any target is a problem at `spec.budget.monthlyUsd`. Warnings go to stderr and
 * are counted on the `ok` line.
 */
export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate <spec>',
  summary: 'check a spec; prints ok or every problem with file:line:col',
  async run(argv, out, ctx) {
    const { positionals } = parseArgs(argv, { positionals: 1 });
    const { spec, file, locate, warnings } = await loadSpecArg(positionals[0], ctx);
    const clouds = targetsOf(spec).map((t) => t.cloud);
    try {
      assertWithinBudget(spec, plansFor(spec, clouds));
    } catch (e) {
      if (!(e instanceof BudgetExceededError)) throw e;
      throw new SpecValidationError(
        e.failures.map((f) => locate({ rule: 'budget-exceeded', path: ['budget', 'monthlyUsd'], message: `over budget with onExceed: error: ${budgetLine(f)}` })),
        file,
      );
    }
    // Warnings (printed to stderr by loadSpecArg) do not make the spec invalid: the exit code stays 0.
    const counted = warnings.length ? `; ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
    out(`ok: ${file} (${spec.models.length} model${spec.models.length === 1 ? '' : 's'}; targets: ${clouds.join(', ')}${counted})\n`);
    return 0;
  },
};

/** One cloud's line of the budget failure message (`<cloud>: the ceiling ... fix: ...`). */
function budgetLine(failure: BudgetExceededError['failures'][number]): string {
  return new BudgetExceededError([failure]).message.split('\n').slice(1).join('; ');
}

/**
 * `inferstack plan <spec>`: tables per target, or with `--json` the document
 * `{ apiVersion: PLAN_API_VERSION, plans: { <cloud>: InferencePlan } }` (see lib/plan/types.ts)
 * printed by `stableJson`: keys sorted, nothing that varies between runs or machines.
 */
export const planCommand: Command = {
  name: 'plan',
  usage: 'plan <spec> [--cloud aws|gcp|azure] [--json]',
  summary: 'the resolved plan per target: machines, node bounds, queue, scaling, tags',
  async run(argv, out, ctx) {
    const a = parseArgs(argv, { positionals: 1, flags: ['json'], options: ['cloud'] });
    const { spec } = await loadSpecArg(a.positionals[0], ctx);
    const plans = plansFor(spec, selectedClouds(spec, a.options.get('cloud')));
    if (a.flags.has('json')) out(stableJson({ apiVersion: PLAN_API_VERSION, plans: Object.fromEntries(plans.map((p) => [p.cloud, p])) }));
    else out(`${plans.map(formatPlan).join('\n\n')}\n`);
    return 0;
  },
};

/** `inferstack schema`: the spec's JSON Schema, as committed in schema/inferstack.schema.json. */
export const schemaCommand: Command = {
  name: 'schema',
  usage: 'schema',
  summary: "prints the spec's JSON Schema (committed as schema/inferstack.schema.json)",
  run(argv, out) {
    parseArgs(argv, { positionals: 0 });
    out(`${JSON.stringify(specJsonSchema(), null, 2)}\n`);
    return 0;
  },
};

