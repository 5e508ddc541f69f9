/** costReport(spec, plans): every target's cost, the on-prem alternative and, on request, the comparison. */
import { Catalog } from '../catalog';
import { InferencePlan } from '../plan/types';
import type { InferenceSpec } from '../spec/types';
import { compareOptions } from './compare';
import { estimateCost, MODEL_ASSUMPTIONS } from './estimate';
import { HOURS_PER_MONTH, HOURS_PER_WEEK } from './model';
import { formatUsd } from './format';
import { onPremCost } from './onprem';
import { isoDay } from './staleness';
import { CloudCost, COST_API_VERSION, CostReport } from './types';

/** Options of `costReport`. */
export interface CostReportOptions {
  /**
   * Also price the spec on every cloud, region and eligible accelerator (`--compare`).
   * @default false
   */
  readonly compare?: boolean;
  /**
   * Prices and fees.
   * @default - `Catalog.DEFAULT`, the cited catalog shipped with inferstack
   */
  readonly catalog?: Catalog;
  /**
   * Hours simulated for the expected month.
   * @default - 8760 (a year)
   */
  readonly simulatedHours?: number;
  /**
   * The day catalog rows are aged against.
   * @default - today
   */
  readonly today?: Date;
}

/**
 * The cost report for a spec and its resolved plans (one per cloud, e.g. from `resolvePlan`).
 * A measured `throughput` applies as given on the accelerators it was measured on (the plan's
 * `throughput.measuredOn`: a cloud's own override, else the model's `accelerator`); on others it
 * is scaled by the roofline ratio.
 */
export function costReport(spec: InferenceSpec, plans: readonly InferencePlan[], options: CostReportOptions = {}): CostReport {
  const catalog = options.catalog ?? Catalog.DEFAULT;
  const clouds: Partial<Record<InferencePlan['cloud'], CloudCost>> = {};
  const today = options.today ?? new Date();
  for (const plan of plans) clouds[plan.cloud] = estimateCost(plan, catalog, { simulatedHours: options.simulatedHours, today });
  const onPrem = onPremCost(spec, clouds, catalog);
  const assumptions = [...new Set([...MODEL_ASSUMPTIONS, ...Object.values(clouds).flatMap((c) => c.assumptions)])];
  return {
    apiVersion: COST_API_VERSION,
    name: spec.metadata.name,
    environment: spec.metadata.environment,
    hoursPerMonth: HOURS_PER_MONTH,
    clouds,
    onPrem,
    ...(options.compare ? { compare: compareOptions(spec, catalog, { simulatedHours: options.simulatedHours }) } : {}),
    assumptions,
    pricesAgedAgainst: isoDay(today),
  };
}

/** Clouds whose ceiling is over budget with `onExceed: error`: the ones that fail `inferstack cost` and synth. */
export function budgetFailures(report: CostReport): CloudCost[] {
  return Object.values(report.clouds).filter((c) => c.budget?.onExceed === 'error' && c.budget.verdict.ceiling === 'over');
}

/**
 * Why clouds whose ceiling is over budget with `onExceed: error` fail, and the fix for each
 * (the largest `replicas.max` per pool that fits, or the budget needed). Shared by `inferstack cost`, `inferstack synth` and the CDK stack.
 */
export function budgetFailureMessage(failures: readonly CloudCost[]): string {
  const why = failures.map((c) => {
    const ceiling = c.monthlyUsd.ceiling === null ? `at least ${formatUsd(c.monthlyUsdAtLeast.ceiling)}` : formatUsd(c.monthlyUsd.ceiling);
    return `${c.cloud}: the ceiling (every pool at replicas.max all month) is ${ceiling}, over budget.monthlyUsd ${formatUsd(c.budget?.monthlyUsd ?? null)}; fix: ${c.budget?.fix ?? 'raise budget.monthlyUsd or lower replicas.max'}`;
  });
  return `over budget with onExceed: error\n${why.join('\n')}`;
}

/** Thrown where deploying would be refused: a ceiling over budget with `onExceed: error`. */
export class BudgetExceededError extends Error {
  constructor(readonly failures: readonly CloudCost[]) {
    super(budgetFailureMessage(failures));
    this.name = 'BudgetExceededError';
  }
}

/**
 * Refuse a spec whose worst-case month (every pool at `replicas.max`) exceeds `budget.monthlyUsd`
 * on any of these plans while `budget.onExceed` is `error`: throws BudgetExceededError with the fix.
 * Only the ceiling decides, so no traffic simulation is needed (one week is simulated for speed).
 */
export function assertWithinBudget(spec: InferenceSpec, plans: readonly InferencePlan[], catalog: Catalog = Catalog.DEFAULT): void {
  if (spec.budget?.onExceed !== 'error') return;
  const failures = budgetFailures(costReport(spec, plans, { catalog, simulatedHours: HOURS_PER_WEEK }));
  if (failures.length) throw new BudgetExceededError(failures);
}
