/** The budget verdict and, when the ceiling is over, the largest max replicas that fit. */
import { BudgetPlan } from '../plan/types';
import { cents } from './money';
import { BudgetCost, BudgetVerdict, PerScenario } from './types';

/** A pool as the budget search sees it: its bounds and its month at a given number of replicas. */
export interface BudgetPool {
  readonly name: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** USD for a month at `replicas` replicas all month; null when a price is unknown. */
  monthlyUsdAt(replicas: number): number | null;
}

const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * The largest `replicas.max` per pool whose ceiling (fixed costs + every pool at its max all
 * month) fits `budgetUsd`. Every max first shrinks by the same factor (never below
 * `max(min, 1)`), then freed budget goes back one replica at a time to the pool whose next
 * replica costs least. Returns null when even the lowest bounds do not fit or a price is unknown.
 */
export function suggestMaxReplicas(budgetUsd: number, fixedMonthlyUsd: number | null, pools: readonly BudgetPool[]): { suggested: Record<string, number> | null; ceilingUsd: number | null; fix: string } {
  const lowest = pools.map((p) => Math.min(p.maxReplicas, Math.max(p.minReplicas, 1)));
  const cost = (levels: readonly number[]): number | null => {
    if (fixedMonthlyUsd === null) return null;
    let s = fixedMonthlyUsd;
    for (let i = 0; i < pools.length; i++) {
      const c = pools[i].monthlyUsdAt(levels[i]);
      if (c === null) return null;
      s += c;
    }
    return cents(s);
  };
  const atLowest = cost(lowest);
  if (atLowest === null) {
    // The known part is a lower bound: when it alone is over budget, no replica bound can fit.
    const knownPart = cents((fixedMonthlyUsd ?? 0) + pools.reduce((s, p, i) => s + (p.monthlyUsdAt(lowest[i]) ?? 0), 0));
    if (knownPart > budgetUsd) {
      return {
        suggested: null,
        ceilingUsd: null,
        fix: `even the priced part of the ceiling with replicas.max at ${pools.map((p, i) => `${p.name}: ${lowest[i]}`).join(', ')} is at least ${usd(knownPart)} (a price is unknown); raise budget.monthlyUsd above that, lower replicas.min, or choose cheaper accelerators`,
      };
    }
    return { suggested: null, ceilingUsd: null, fix: 'a price is unknown, so no replica bound can be checked against the budget; set the missing prices in the catalog' };
  }
  if (atLowest > budgetUsd) {
    return {
      suggested: null,
      ceilingUsd: atLowest,
      fix: `even with replicas.max at ${pools.map((p, i) => `${p.name}: ${lowest[i]}`).join(', ')} the ceiling is ${usd(atLowest)}; raise budget.monthlyUsd to at least ${usd(atLowest)}, lower replicas.min, or choose cheaper accelerators`,
    };
  }
  const levelsAt = (f: number) => pools.map((p, i) => Math.max(lowest[i], Math.floor(f * p.maxReplicas + 1e-9)));
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    const c = cost(levelsAt(mid));
    if (c !== null && c <= budgetUsd) lo = mid;
    else hi = mid;
  }
  const levels = levelsAt(lo);
  for (;;) {
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0; i < pools.length; i++) {
      if (levels[i] >= pools[i].maxReplicas) continue;
      levels[i]++;
      const c = cost(levels);
      levels[i]--;
      if (c !== null && c <= budgetUsd && c < bestCost) {
        best = i;
        bestCost = c;
      }
    }
    if (best < 0) break;
    levels[best]++;
  }
  const ceilingUsd = cost(levels)!;
  const suggested = Object.fromEntries(pools.map((p, i) => [p.name, levels[i]]));
  const changed = pools.filter((p, i) => levels[i] < p.maxReplicas).map((p) => `${p.name}: ${p.maxReplicas} -> ${suggested[p.name]}`);
  return {
    suggested,
    ceilingUsd,
    fix: `lower replicas.max (${changed.join(', ')}) for a ceiling of ${usd(ceilingUsd)}, or raise budget.monthlyUsd`,
  };
}

/** Verdict of each month against the budget: over when even the lower bound exceeds it, unknown when the total is unknown and the lower bound fits. */
export function budgetCost(budget: BudgetPlan, totals: PerScenario<number | null>, atLeast: PerScenario<number>, suggest: () => ReturnType<typeof suggestMaxReplicas>): BudgetCost {
  const verdictOf = (total: number | null, lower: number): BudgetVerdict => (lower > budget.monthlyUsd ? 'over' : total === null ? 'unknown' : 'within');
  const verdict = {
    floor: verdictOf(totals.floor, atLeast.floor),
    expected: verdictOf(totals.expected, atLeast.expected),
    ceiling: verdictOf(totals.ceiling, atLeast.ceiling),
  };
  const pct = (total: number | null, lower: number) => Math.round(((total ?? lower) / budget.monthlyUsd) * 1000) / 10;
  const s = verdict.ceiling === 'over' ? suggest() : null;
  return {
    monthlyUsd: budget.monthlyUsd,
    onExceed: budget.onExceed,
    verdict,
    percentOfBudget: { floor: pct(totals.floor, atLeast.floor), expected: pct(totals.expected, atLeast.expected), ceiling: pct(totals.ceiling, atLeast.ceiling) },
    suggestedMaxReplicas: s?.suggested ?? null,
    fix: s?.fix ?? null,
  };
}
