/**
 * The cost report: what `inferstack cost --json` prints (`apiVersion: inferstack.dev/cost/v1alpha1`).
 * Field names are stable. Money is USD; every figure says where it came from (`source`, `asOf`).
 * An unknown price is `null` with a reason, never 0; a total that includes one is `null`, and
 * `monthlyUsdAtLeast` gives the explicitly labelled lower bound (the sum of what is known).
 */
import { CloudId } from '../catalog/types';

/** `apiVersion` of the JSON report. */
export const COST_API_VERSION = 'inferstack.dev/cost/v1alpha1';

/** The three months the report prices. */
export type Scenario = 'floor' | 'expected' | 'ceiling';
/** The scenarios in report order. */
export const SCENARIOS: readonly Scenario[] = ['floor', 'expected', 'ceiling'];

/** A value per scenario. */
export interface PerScenario<T> {
  /** Every pool at `replicas.min` all month, plus fixed costs. */
  readonly floor: T;
  /** The traffic profile simulated hour by hour. */
  readonly expected: T;
  /** Every pool at `replicas.max` all month, plus fixed costs. */
  readonly ceiling: T;
}

/** What a line item charges for. */
export type LineItemKind =
  | 'accelerator-nodes'
  | 'node-fee'
  | 'control-plane'
  | 'platform-fee'
  | 'system-nodes'
  | 'router'
  | 'prometheus'
  | 'queue';

/** Hours and dollars of one line item in one scenario. */
export interface ScenarioAmount {
  /** Instance-hours (or cluster-hours) in the month; null when not hourly or unknown. */
  readonly hours: number | null;
  /** USD for the month, to the cent; null when unknown (see `unknownReason`). */
  readonly monthlyUsd: number | null;
}

/** One charge: a pool's nodes of one capacity type, a fee, a CPU component, the queue. */
export interface CostLineItem {
  /** The pool (spec model name) it belongs to; null for stack-wide items. */
  readonly pool: string | null;
  readonly item: LineItemKind;
  /** What it is, in words. */
  readonly description: string;
  /** Machine type, when the charge is for instances. */
  readonly instanceType: string | null;
  /** Capacity type, when the charge is for instances of one type. */
  readonly capacity: 'on-demand' | 'spot' | null;
  /** USD per instance-hour (or cluster-hour); null when the price is unknown or the charge is not hourly. */
  readonly hourlyUsd: number | null;
  /** Hours in the expected month (null when not hourly or when the expected month is unknown). */
  readonly hours: number | null;
  /** USD in the expected month; null when unknown. */
  readonly monthlyUsd: number | null;
  readonly floor: ScenarioAmount;
  readonly ceiling: ScenarioAmount;
  /** Usage-priced charges (the queue): quantity per expected month, unit and unit price. */
  readonly usage?: { readonly quantity: number | null; readonly unit: string; readonly unitPriceUsd: number | null };
  /** How the figure is computed, e.g. `12% of g6.xlarge on-demand $0.8048/h`. */
  readonly basis: string;
  /** Catalog `source` of the price (or `spec` / the cost model's assumption). */
  readonly source: string;
  /** Catalog `asOf` of the price. */
  readonly asOf: string;
  /** The catalog marks the figure as not confirmed by a primary source. */
  readonly uncertain: boolean;
  /** Why a price is unknown; null when every price of the item is known. */
  readonly unknownReason: string | null;
}

/** Per-replica throughput used for a pool and where it came from. */
export interface ThroughputUsed {
  /** Requests per second one replica serves; null when it cannot be determined. */
  readonly requestsPerSecondPerReplica: number | null;
  /** Output tokens per second one replica produces; null when unknown or outputs are 0. */
  readonly outputTokensPerSecondPerReplica: number | null;
  /**
   * `measured`: the spec's throughput; `scaled`: the spec's measurement scaled by the ratio of
   * the throughput estimates of this accelerator and the one it was measured on; `estimate`: the
   * calibrated throughput estimate (lib/cost/throughput.ts); `unknown`: none of these is possible.
   */
  readonly source: 'measured' | 'scaled' | 'estimate' | 'unknown';
  /** How it was derived. */
  readonly note: string;
}

/** What one pool does in the three months. */
export interface PoolCost {
  readonly pool: string;
  readonly serve: 'online' | 'queue';
  readonly accelerator: string;
  readonly instanceType: string;
  readonly replicas: { readonly min: number; readonly max: number };
  /** Share of the traffic's requests routed to this pool (null without traffic). */
  readonly trafficShare: number | null;
  /** Mean prompt tokens of the requests it receives (null without traffic). */
  readonly inputTokens: number | null;
  readonly throughput: ThroughputUsed;
  /** Mean replicas over the simulated period (null when the expected month is unknown). */
  readonly meanReplicas: number | null;
  /** Most replicas in any simulated hour. */
  readonly peakHourReplicas: number | null;
  /** Share of this pool's requests above what `replicas.max` can serve, over the simulated period. */
  readonly unservedShare: number | null;
  /** At `traffic.requestsPerSecond.peak`: the pool's demand, the replicas it needs and the share `replicas.max` cannot serve. */
  readonly atPeak: { readonly requestsPerSecond: number; readonly replicasNeeded: number | null; readonly unservedShare: number | null } | null;
  readonly monthlyUsd: PerScenario<number | null>;
  /** Expected USD per million output tokens this pool serves. */
  readonly perMillionOutputTokensUsd: number | null;
  /**
   * The roofline floor: USD per million output tokens no deployment on this accelerator can beat
   * (perfect efficiency, the largest batch memory allows), at the cheaper known price per replica.
   */
  readonly rooflineFloorPerMillionOutputTokensUsd: { readonly usd: number; readonly capacity: 'spot' | 'on-demand'; readonly outputTokensPerSecond: number } | null;
  /** Why a figure above is null. */
  readonly notes: readonly string[];
  /**
   * What a user should act on though every figure is known: the traffic's peak above what
   * `replicas.max` serve, a measured throughput above the accelerator's roofline ceiling.
   */
  readonly warnings: readonly string[];
}

/** Verdict of a month against the budget. */
export type BudgetVerdict = 'within' | 'over' | 'unknown';

/** The budget against the three months. */
export interface BudgetCost {
  readonly monthlyUsd: number;
  readonly onExceed: 'error' | 'warn';
  readonly verdict: PerScenario<BudgetVerdict>;
  /** Each month as a percentage of the budget (of the lower bound when the total is unknown). */
  readonly percentOfBudget: PerScenario<number | null>;
  /**
   * When the ceiling is over budget: the largest `replicas.max` per pool whose ceiling fits, or
   * null when none does (see `fix`).
   */
  readonly suggestedMaxReplicas: Readonly<Record<string, number>> | null;
  /** The fix, in words; null when the ceiling fits. */
  readonly fix: string | null;
}

/** A price the report could not find. */
export interface UnknownPrice {
  readonly pool: string | null;
  readonly item: LineItemKind | 'throughput' | 'traffic';
  readonly reason: string;
}

/** The cost of the stack on one cloud. */
export interface CloudCost {
  readonly cloud: CloudId;
  readonly region: string;
  /** Hours in a month: 730. */
  readonly hoursPerMonth: number;
  /** Hours simulated for the expected month (a year: 8760). */
  readonly simulatedHours: number;
  /** Totals; null when any included price or quantity is unknown. */
  readonly monthlyUsd: PerScenario<number | null>;
  /** Lower bounds: the sum of every known figure (unknown prices count as nothing; an unknown expected pool counts at its floor). */
  readonly monthlyUsdAtLeast: PerScenario<number>;
  readonly lineItems: readonly CostLineItem[];
  readonly pools: readonly PoolCost[];
  /** Expected USD per million output tokens served (everything included). */
  readonly perMillionOutputTokensUsd: number | null;
  /** Expected USD per million requests served (everything included). */
  readonly perMillionRequestsUsd: number | null;
  /** Requests in the expected month across pools (a mixed online/queue spec counts both sides), those served, and output tokens per request; null without traffic. */
  readonly demand: { readonly requestsPerMonth: number | null; readonly servedRequestsPerMonth: number | null; readonly outputTokensPerRequest: number } | null;
  /** Share of all requests above what the pools' `replicas.max` can serve. */
  readonly unservedShare: number | null;
  readonly budget: BudgetCost | null;
  readonly unknown: readonly UnknownPrice[];
  /** Assumptions specific to this cloud's figures (routing split, traffic shape, sizing). */
  readonly assumptions: readonly string[];
  /**
   * What the user should act on about the stack as a whole: the plan's warnings not tied to a
   * pool. Pool warnings (a spot machine without a spot price, ...) are in `pools[].warnings`,
   * stale catalog rows in `stalePrices`.
   */
  readonly warnings: readonly string[];
  /** Catalog rows used here that are more than 90 days old on the report's date, oldest first. */
  readonly stalePrices: readonly { readonly source: string; readonly asOf: string; readonly ageDays: number; readonly items: readonly string[] }[];
}

/** On-prem TCO: servers sized for the peak, against each cloud's expected month. */
export interface OnPremCost {
  readonly accelerator: string;
  readonly acceleratorsPerServer: number;
  /** Months the capex is spread over (spec). */
  readonly amortizationMonths: number;
  /** Servers needed at `traffic.requestsPerSecond.peak`; null when it cannot be sized. */
  readonly servers: number | null;
  /** Per pool: accelerators per replica on the on-prem accelerator, replicas at peak, throughput used. */
  readonly pools: readonly {
    readonly pool: string;
    readonly acceleratorsPerReplica: number;
    readonly replicasAtPeak: number | null;
    readonly throughput: ThroughputUsed;
  }[];
  /** Monthly cost: amortised capex, power (kW x PUE x $/kWh x 730 h) and operations. */
  readonly monthlyUsd: { readonly capex: number; readonly power: number; readonly operations: number; readonly total: number } | null;
  /** Purchase up front: servers x serverCapexUsd. */
  readonly upfrontUsd: number | null;
  /** The catalog's street price of the server's accelerators, as a sanity check of serverCapexUsd. */
  readonly acceleratorStreetPriceUsd: { readonly low: number; readonly high: number; readonly estimate: boolean; readonly source: string; readonly asOf: string } | null;
  /** Per cloud: expected cloud month, on-prem month, saving per month, break-even months (null: never, or a month is unknown). */
  readonly versusCloud: Readonly<Partial<Record<CloudId, {
    readonly cloudExpectedMonthlyUsd: number | null;
    readonly onPremMonthlyUsd: number | null;
    readonly monthlySavingUsd: number | null;
    readonly breakEvenMonths: number | null;
  }>>>;
  readonly notes: readonly string[];
}

/** One accelerator option for one model on one cloud and region (`--compare`). */
export interface CompareOption {
  readonly cloud: CloudId;
  readonly region: string;
  readonly model: string;
  /** e.g. `1 x nvidia-l4`, `tpu-v5e 2x2`. */
  readonly accelerator: string;
  readonly acceleratorType: string;
  readonly instanceType: string;
  /** Whether this is what the spec deploys. */
  readonly current: boolean;
  readonly throughput: ThroughputUsed;
  /** The pool's own expected and ceiling month (fixed costs excluded). */
  readonly expectedMonthlyUsd: number | null;
  readonly ceilingMonthlyUsd: number | null;
  readonly perMillionOutputTokensUsd: number | null;
  readonly unservedShare: number | null;
  readonly source: string;
  readonly asOf: string;
}

/** The cheapest option per model on one cloud and region, with the fixed costs there. */
export interface CompareCombination {
  readonly cloud: CloudId;
  readonly region: string;
  /** Chosen accelerator per model. */
  readonly choices: Readonly<Record<string, string>>;
  readonly fixedMonthlyUsd: number | null;
  readonly expectedMonthlyUsd: number | null;
  /** Lower bound when a price is unknown. */
  readonly expectedMonthlyUsdAtLeast: number;
  readonly perMillionOutputTokensUsd: number | null;
  readonly unservedShare: number | null;
  /** Rank by expected monthly cost (1 = cheapest; options leaving demand unserved rank last). */
  readonly rankByMonthly: number;
  /** Rank by expected USD per million output tokens. */
  readonly rankByPerMillionTokens: number | null;
}

/** `--compare`: the spec priced on every cloud, region and accelerator the catalog offers. */
export interface CompareResult {
  /** Per model, every option, best first. */
  readonly options: readonly CompareOption[];
  /** Per cloud and region where every model has an option, best first. */
  readonly combinations: readonly CompareCombination[];
  readonly notes: readonly string[];
}

/** The whole report. */
export interface CostReport {
  readonly apiVersion: typeof COST_API_VERSION;
  readonly name: string;
  readonly environment: string;
  readonly hoursPerMonth: number;
  readonly clouds: Readonly<Partial<Record<CloudId, CloudCost>>>;
  readonly onPrem: OnPremCost | null;
  readonly compare?: CompareResult;
  /** Every assumption the figures rest on. */
  readonly assumptions: readonly string[];
  /** The day prices are aged against (YYYY-MM-DD): today, unless the caller passed another. */
  readonly pricesAgedAgainst: string;
}
