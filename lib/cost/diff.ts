/**
 * costDiff(base, head): what a spec change does to the cost, per cloud and pool, for pull-request
 * comments (`inferstack cost <spec> --diff <base-spec>`, apiVersion inferstack.dev/cost-diff/v1alpha1).
 * Unknown figures stay null, never 0; a cloud a version does not target costs $0 in that version
 * (nothing is deployed there) and its `change` says `added` or `removed`.
 */
import { CLOUDS, CloudId } from '../catalog/types';
import { InferencePlan, PoolPlan } from '../plan/types';
import { cents, perScenario, sumKnown } from './money';
import { BudgetCost, CloudCost, CostReport, PerScenario, PoolCost, SCENARIOS } from './types';

/** `apiVersion` of the JSON diff. */
export const COST_DIFF_API_VERSION = 'inferstack.dev/cost-diff/v1alpha1';

/** A figure in both versions and the change; null where a version's figure is unknown. */
export interface CostDelta {
  readonly base: number | null;
  readonly head: number | null;
  /** head - base, to the cent; null when either is unknown. */
  readonly delta: number | null;
}

/** What happened to a pool (or a cloud) between the versions. */
export type CostChange = 'added' | 'removed' | 'changed' | 'unchanged';

/** One pool in both versions. */
export interface PoolCostDiff {
  readonly pool: string;
  readonly change: CostChange;
  /** The pool's own month (its nodes and node fees), per scenario. */
  readonly monthlyUsd: PerScenario<CostDelta>;
  /** What differs, in words (`replicas.max 8 -> 12`, `instance p5.4xlarge -> p5.48xlarge`); empty when unchanged. */
  readonly changes: readonly string[];
}

/** One cloud in both versions. */
export interface CloudCostDiff {
  readonly change: CostChange;
  readonly region: { readonly base: string | null; readonly head: string | null };
  /** The cloud's total month per scenario (fixed costs included). */
  readonly monthlyUsd: PerScenario<CostDelta>;
  /** The labelled lower bounds of the totals, for when a total is unknown. */
  readonly monthlyUsdAtLeast: PerScenario<{ readonly base: number; readonly head: number; readonly delta: number }>;
  /** Stack-wide items (control plane, CPU nodes, queue, fees on them) per scenario. */
  readonly fixedMonthlyUsd: PerScenario<CostDelta>;
  /** Pools of either version: head's order, then pools only the base has. */
  readonly pools: readonly PoolCostDiff[];
  /** The head version's budget verdict (null when it has no budget or does not target this cloud). */
  readonly budget: BudgetCost | null;
  /** Why figures are unknown, per version. */
  readonly unknown: { readonly base: readonly string[]; readonly head: readonly string[] };
}

/** The whole diff. */
export interface CostDiff {
  readonly apiVersion: typeof COST_DIFF_API_VERSION;
  readonly base: { readonly name: string; readonly environment: string; readonly file?: string };
  readonly head: { readonly name: string; readonly environment: string; readonly file?: string };
  readonly hoursPerMonth: number;
  readonly clouds: Readonly<Partial<Record<CloudId, CloudCostDiff>>>;
  /** The day prices are aged against, as in the cost report. */
  readonly pricesAgedAgainst: string;
}

/** One version: its cost report and the plans it was computed from. */
export interface CostVersion {
  readonly report: CostReport;
  readonly plans: readonly InferencePlan[];
  /** The spec file, for the output's header. */
  readonly file?: string;
}

const delta = (base: number | null, head: number | null): CostDelta => ({ base, head, delta: base === null || head === null ? null : cents(head - base) });

const fixedOf = (c: CloudCost): PerScenario<number | null> =>
  perScenario((s) => sumKnown(c.lineItems.filter((i) => i.pool === null).map((i) => (s === 'expected' ? i.monthlyUsd : i[s].monthlyUsd))));

const ZERO: PerScenario<number> = { floor: 0, expected: 0, ceiling: 0 };

/** `1 x nvidia-h100 (p5.4xlarge)` */
const where = (p: PoolPlan) => `${p.accelerator.count} x ${p.accelerator.type}${p.accelerator.tpu ? ` ${p.accelerator.tpu.topology}` : ''} (${p.machine.instanceType})`;

/** What differs between two plans of a pool, in words a reviewer reads. */
function planChanges(b: PoolPlan, h: PoolPlan, bc: PoolCost, hc: PoolCost): string[] {
  const out: string[] = [];
  const was = (label: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${label} ${typeof x === 'string' ? x : JSON.stringify(x)} -> ${typeof y === 'string' ? y : JSON.stringify(y)}`);
  };
  was('accelerator', where(b), where(h));
  was('model', b.model, h.model);
  was('precision', b.precision, h.precision);
  was('replicas.min', b.replicas.min, h.replicas.min);
  was('replicas.max', b.replicas.max, h.replicas.max);
  was('spot', b.capacity.spot, h.capacity.spot);
  if (b.capacity.spot && h.capacity.spot) was('onDemandBase', b.capacity.onDemandBase, h.capacity.onDemandBase);
  was('scale-down delay', `${b.scaling.scaleDownDelaySeconds}s`, `${h.scaling.scaleDownDelaySeconds}s`);
  was('price/h', b.machine.onDemandHourlyUsd, h.machine.onDemandHourlyUsd);
  was('spot price/h', b.machine.spotHourlyUsd, h.machine.spotHourlyUsd);
  if (bc.throughput.requestsPerSecondPerReplica !== hc.throughput.requestsPerSecondPerReplica) {
    out.push(`throughput ${bc.throughput.requestsPerSecondPerReplica ?? 'unknown'} -> ${hc.throughput.requestsPerSecondPerReplica ?? 'unknown'} requests/s per replica (${hc.throughput.source})`);
  }
  if (bc.trafficShare !== hc.trafficShare) out.push(`traffic share ${bc.trafficShare ?? '-'} -> ${hc.trafficShare ?? '-'}`);
  const sameMoney = SCENARIOS.every((s) => bc.monthlyUsd[s] === hc.monthlyUsd[s]);
  if (!out.length && !sameMoney) out.push('cost only (traffic, routing or prices)');
  if (!out.length && JSON.stringify(b) !== JSON.stringify(h)) out.push('configuration (no cost effect)');
  return out;
}

function poolDiffs(bPlan: InferencePlan | undefined, hPlan: InferencePlan | undefined, b: CloudCost | undefined, h: CloudCost | undefined): PoolCostDiff[] {
  const names = [...new Set([...(hPlan?.pools ?? []).map((p) => p.name), ...(bPlan?.pools ?? []).map((p) => p.name)])];
  return names.map((name) => {
    const bp = bPlan?.pools.find((p) => p.name === name);
    const hp = hPlan?.pools.find((p) => p.name === name);
    const bc = b?.pools.find((p) => p.pool === name);
    const hc = h?.pools.find((p) => p.pool === name);
    const money = perScenario((s) => delta(bc ? bc.monthlyUsd[s] : 0, hc ? hc.monthlyUsd[s] : 0));
    if (!bp || !bc) return { pool: name, change: 'added' as const, monthlyUsd: money, changes: [`new pool: ${where(hp!)}, replicas ${hp!.replicas.min}-${hp!.replicas.max}`] };
    if (!hp || !hc) return { pool: name, change: 'removed' as const, monthlyUsd: money, changes: [`pool removed: ${where(bp)}, replicas ${bp.replicas.min}-${bp.replicas.max}`] };
    const changes = planChanges(bp, hp, bc, hc);
    return { pool: name, change: changes.length ? ('changed' as const) : ('unchanged' as const), monthlyUsd: money, changes };
  });
}

/**
 * The diff of two versions of a spec: every cloud either version prices (in the clouds' fixed
 * order), its totals, fixed costs and pools, and the head's budget verdict.
 */
export function costDiff(base: CostVersion, head: CostVersion): CostDiff {
  const clouds: Partial<Record<CloudId, CloudCostDiff>> = {};
  for (const cloud of CLOUDS) {
    const b = base.report.clouds[cloud];
    const h = head.report.clouds[cloud];
    if (!b && !h) continue;
    const bPlan = base.plans.find((p) => p.cloud === cloud);
    const hPlan = head.plans.find((p) => p.cloud === cloud);
    const pools = poolDiffs(bPlan, hPlan, b, h);
    const monthlyUsd = perScenario((s) => delta(b ? b.monthlyUsd[s] : 0, h ? h.monthlyUsd[s] : 0));
    const bFixed = b ? fixedOf(b) : ZERO;
    const hFixed = h ? fixedOf(h) : ZERO;
    const atLeast = perScenario((s) => {
      const x = b ? b.monthlyUsdAtLeast[s] : 0;
      const y = h ? h.monthlyUsdAtLeast[s] : 0;
      return { base: x, head: y, delta: cents(y - x) };
    });
    const same = !!b && !!h && b.region === h.region && pools.every((p) => p.change === 'unchanged') && SCENARIOS.every((s) => monthlyUsd[s].delta === 0 || (monthlyUsd[s].base === null && monthlyUsd[s].head === null && atLeast[s].delta === 0));
    clouds[cloud] = {
      change: !b ? 'added' : !h ? 'removed' : same ? 'unchanged' : 'changed',
      region: { base: b?.region ?? null, head: h?.region ?? null },
      monthlyUsd,
      monthlyUsdAtLeast: atLeast,
      fixedMonthlyUsd: perScenario((s) => delta(bFixed[s], hFixed[s])),
      pools,
      budget: h?.budget ?? null,
      unknown: { base: (b?.unknown ?? []).map((u) => u.reason), head: (h?.unknown ?? []).map((u) => u.reason) },
    };
  }
  const who = (v: CostVersion) => ({ name: v.report.name, environment: v.report.environment, ...(v.file ? { file: v.file } : {}) });
  return { apiVersion: COST_DIFF_API_VERSION, base: who(base), head: who(head), hoursPerMonth: head.report.hoursPerMonth, clouds, pricesAgedAgainst: head.report.pricesAgedAgainst };
}
