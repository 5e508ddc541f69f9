/** `inferstack cost <spec> [--cloud ...] [--json] [--compare]`: the monthly cost before anything exists. */
import { budgetFailureMessage, budgetFailures, costReport, formatCostReport } from '../../lib/cost';
import { CliError, parseArgs } from '../args';
import { Command, loadSpecArg, plansFor, selectedClouds } from './core';

/**
 * Prints floor, expected and ceiling per target with line items, $ per million tokens, the budget
 * verdict and the on-prem TCO (`--json`: the CostReport, `apiVersion: inferstack.dev/cost/v1alpha1`);
 * `--compare` adds every cloud, region and eligible accelerator, ranked. Exits 1 when a selected
 * cloud's ceiling exceeds the budget and `budget.onExceed` is `error`, saying why and how to fix it.
 */
export const costCommand: Command = {
  name: 'cost',
  usage: 'cost <spec> [--cloud aws|gcp|azure] [--json] [--compare]',
  summary: 'monthly floor/expected/ceiling, line items, $/1M tokens, budget verdict, on-prem TCO',
  async run(argv, out, ctx) {
    const a = parseArgs(argv, { positionals: 1, flags: ['json', 'compare'], options: ['cloud'] });
    const { spec } = await loadSpecArg(a.positionals[0], ctx);
    const plans = plansFor(spec, selectedClouds(spec, a.options.get('cloud')));
    const report = costReport(spec, plans, { compare: a.flags.has('compare') });
    // The report is built in a fixed order (floor, expected, ceiling; clouds in target order), so
    // plain JSON is already deterministic and keeps that reading order.
    out(a.flags.has('json') ? `${JSON.stringify(report, null, 2)}\n` : `${formatCostReport(report)}\n`);
    const failures = budgetFailures(report);
    if (failures.length) throw new CliError(budgetFailureMessage(failures), 1);
    return 0;
  },
};
