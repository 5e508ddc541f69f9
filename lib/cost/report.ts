/** costReport(spec, plans): every target's cost, the on-prem alternative and, on request, the comparison. */
import { Catalog } from '../catalog';
import { acceleratorCount } from '../plan/machine';
import { InferencePlan } from '../plan/types';
import { InferenceSpec } from '../spec/schema';
import { compareOptions } from './compare';
import { estimateCost, MODEL_ASSUMPTIONS } from './estimate';
import { HOURS_PER_MONTH } from './model';
import { onPremCost } from './onprem';
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
}

/**
 * The cost report for a spec and its resolved plans (one per cloud, e.g. from `resolvePlan`).
 * A model's measured `throughput` is taken to be measured on its own `accelerator`; where a
 * cloud overrides the accelerator, the measurement is scaled by the roofline ratio.
 */
export function costReport(spec: InferenceSpec, plans: readonly InferencePlan[], options: CostReportOptions = {}): CostReport {
  const catalog = options.catalog ?? Catalog.DEFAULT;
  const measuredOn = Object.fromEntries(spec.models.map((m) => [m.name, { type: m.accelerator.type, count: acceleratorCount(m.accelerator) }]));
  const clouds: Partial<Record<InferencePlan['cloud'], CloudCost>> = {};
  for (const plan of plans) clouds[plan.cloud] = estimateCost(plan, catalog, { simulatedHours: options.simulatedHours, measuredOn });
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
  };
}

/** Clouds whose ceiling is over budget with `onExceed: error`: the ones that fail `inferstack cost` and synth. */
export function budgetFailures(report: CostReport): CloudCost[] {
  return Object.values(report.clouds).filter((c) => c.budget?.onExceed === 'error' && c.budget.verdict.ceiling === 'over');
}
