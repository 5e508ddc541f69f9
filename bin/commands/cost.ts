/**
 * `inferstack cost <spec> [--cloud ...] [--json] [--compare] [--wide] [--today YYYY-MM-DD]` and
 * `inferstack cost <spec> --diff <base-spec> [--cloud ...] [--json | --format text|markdown|json]`:
 * the monthly cost before anything exists, or what a spec change does to it.
 */
import { CLOUDS, CloudId } from '../../lib/catalog/types';
import { budgetFailureMessage, budgetFailures, costDiff, costReport, formatCostDiff, formatCostDiffMarkdown, formatCostReport } from '../../lib/cost';
import { targetsOf } from '../../lib/plan/checks';
import type { InferenceSpec } from '../../lib/spec/types';
import { CliError, parseArgs, UsageError } from '../args';
import { Command, loadSpecArg, plansFor, selectedClouds } from './core';

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** `--today YYYY-MM-DD`: the day prices are aged against (a UTC day). */
function todayOption(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw new UsageError(`--today must be a date as YYYY-MM-DD, got '${value}'`);
  return d;
}

function formatOption(json: boolean, value: string | undefined, diff: boolean): Format {
  if (value !== undefined && !FORMATS.includes(value as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${value}'`);
  if (json && value !== undefined && value !== 'json') throw new UsageError(`--json and --format ${value} contradict each other; use one`);
  if (value === 'markdown' && !diff) throw new UsageError('--format markdown applies to --diff (a cost diff for pull-request comments)');
  return json ? 'json' : ((value as Format | undefined) ?? 'text');
}

/** Clouds of a diff: those either version targets, or `--cloud` when one of them does. */
function diffClouds(head: InferenceSpec, base: InferenceSpec, cloudOption: string | undefined): { head: CloudId[]; base: CloudId[] } {
  const inHead = targetsOf(head).map((t) => t.cloud);
  const inBase = targetsOf(base).map((t) => t.cloud);
  if (cloudOption === undefined) return { head: inHead, base: inBase };
  if (!CLOUDS.includes(cloudOption as CloudId)) throw new UsageError(`--cloud must be one of ${CLOUDS.join(', ')}, got '${cloudOption}'`);
  const c = cloudOption as CloudId;
  if (!inHead.includes(c) && !inBase.includes(c)) throw new UsageError(`neither version of the spec has a ${c} target (head: ${inHead.join(', ')}; base: ${inBase.join(', ')})`);
  return { head: inHead.filter((x) => x === c), base: inBase.filter((x) => x === c) };
}

/**
 * Prints floor, expected and ceiling per target with line items, $ per million tokens, the budget
 * verdict and the on-prem TCO (`--json`: the CostReport, `apiVersion: inferstack.dev/cost/v1alpha1`);
 * `--compare` adds every cloud, region and eligible accelerator, ranked; `--diff <base-spec>` prints
 * what the spec changes against the base version instead (`--json`: the CostDiff,
 * `apiVersion: inferstack.dev/cost-diff/v1alpha1`; `--format markdown`: a pull-request comment).
 * Human output fits 120 columns unless `--wide`. Exits 1 when a selected cloud's ceiling (of the
 * head version, with `--diff`) exceeds the budget and `budget.onExceed` is `error`.
 */
export const costCommand: Command = {
  name: 'cost',
  usage: 'cost <spec> [--cloud c] [--json|--format f] [--compare] [--wide] [--diff base] [--today d]',
  summary: 'monthly floor/expected/ceiling, line items, budget verdict, on-prem TCO; --diff base for PRs',
  async run(argv, out, ctx) {
    const a = parseArgs(argv, { positionals: 1, flags: ['json', 'compare', 'wide'], options: ['cloud', 'diff', 'format', 'today'] });
    const today = todayOption(a.options.get('today'));
    const baseFile = a.options.get('diff');
    const format = formatOption(a.flags.has('json'), a.options.get('format'), baseFile !== undefined);
    const { spec } = await loadSpecArg(a.positionals[0], ctx);
    if (baseFile !== undefined) {
      if (a.flags.has('compare')) throw new UsageError('--compare and --diff do not combine; run them separately');
      if (baseFile === '-' && a.positionals[0] === '-') throw new UsageError('only one of the spec and --diff can be read from standard input');
      const { spec: base } = await loadSpecArg(baseFile, ctx);
      const clouds = diffClouds(spec, base, a.options.get('cloud'));
      const headPlans = plansFor(spec, clouds.head);
      const basePlans = plansFor(base, clouds.base);
      const head = costReport(spec, headPlans, { today });
      const diff = costDiff({ report: costReport(base, basePlans, { today }), plans: basePlans, file: baseFile }, { report: head, plans: headPlans, file: a.positionals[0] });
      out(format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : format === 'markdown' ? `${formatCostDiffMarkdown(diff)}\n` : `${formatCostDiff(diff)}\n`);
      const failures = budgetFailures(head);
      if (failures.length) throw new CliError(budgetFailureMessage(failures), 1);
      return 0;
    }
    const plans = plansFor(spec, selectedClouds(spec, a.options.get('cloud')));
    const report = costReport(spec, plans, { compare: a.flags.has('compare'), today });
    // The report is built in a fixed order (floor, expected, ceiling; clouds in target order), so
    // plain JSON is already deterministic and keeps that reading order.
    out(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatCostReport(report, { wide: a.flags.has('wide') })}\n`);
    const failures = budgetFailures(report);
    if (failures.length) throw new CliError(budgetFailureMessage(failures), 1);
    return 0;
  },
};
