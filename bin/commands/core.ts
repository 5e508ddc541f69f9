/** The CLI's commands. Each parses its own arguments and returns an exit code. */
import { CLOUDS, CloudId } from '../../lib/catalog/types';
import { inspectSpecFile, loadSpecFile } from '../../lib/load';
import { formatIssue } from '../../lib/spec/errors';
import { targetsOf } from '../../lib/plan/checks';
import { formatPlan } from '../../lib/plan/format';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferencePlan, PLAN_API_VERSION } from '../../lib/plan/types';
import { specJsonSchema } from '../../lib/spec/schema';
import type { InferenceSpec } from '../../lib/spec/types';
import { stableJson } from '../../lib/util/stable-json';
import { parseArgs, UsageError } from '../args';

/** One CLI command: parses its own arguments, writes to `out`, returns the exit code. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(argv: string[], out: (s: string) => void): Promise<number> | number;
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


/** `inferstack validate <spec>`: `ok: ...` (then any warnings) and 0, or every problem (thrown, printed by the CLI) and 1. */
export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate <spec>',
  summary: 'check a spec; prints ok or every problem with file:line:col',
  run(argv, out) {
    const { positionals } = parseArgs(argv, { positionals: 1 });
    const { spec, warnings } = inspectSpecFile(positionals[0]);
    const clouds = targetsOf(spec).map((t) => t.cloud);
    const counted = warnings.length ? `; ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
    out(`ok: ${positionals[0]} (${spec.models.length} model${spec.models.length === 1 ? '' : 's'}; targets: ${clouds.join(', ')}${counted})\n`);
    // Warnings do not make the spec invalid: they are printed and the exit code stays 0.
    for (const w of warnings) out(`warning: ${formatIssue(w, positionals[0])}\n`);
    return 0;
  },
};

/**
 * `inferstack plan <spec>`: tables per target, or with `--json` the document
 * `{ apiVersion: PLAN_API_VERSION, plans: { <cloud>: InferencePlan } }` (see lib/plan/types.ts)
 * printed by `stableJson`: keys sorted, nothing that varies between runs or machines.
 */
export const planCommand: Command = {
  name: 'plan',
  usage: 'plan <spec> [--cloud aws|gcp|azure] [--json]',
  summary: 'the resolved plan per target: machines, node bounds, queue, scaling, tags',
  run(argv, out) {
    const a = parseArgs(argv, { positionals: 1, flags: ['json'], options: ['cloud'] });
    const spec = loadSpecFile(a.positionals[0]);
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

