/**
 * `--compare`: the same spec priced on every cloud, region and accelerator the catalog offers,
 * respecting memory fit, ranked by expected monthly cost and by $ per million output tokens.
 */
import { AcceleratorSpec, Catalog, CloudId, CLOUDS } from '../catalog';
import { CAPABILITIES } from '../plan/capabilities';
import { acceleratorCount, effectiveAccelerator, topologyChips } from '../plan/machine';
import { countThatFits, requiredGiB } from '../plan/memory';
import { resolvePlan } from '../plan/resolve';
import { SpecValidationError } from '../spec/errors';
import type { AcceleratorRequest, InferenceSpec, ModelSpec } from '../spec/types';
import { costContext, costFixed, costPool, PoolCosting } from './estimate';
import { COMPARE_UNSERVED_TOLERANCE } from './model';
import { cents, perMillion, round4 } from './money';
import { routedStackOf } from './routing';
import { replicaAccelerators } from './throughput';
import { CompareCombination, CompareOption, CompareResult } from './types';

/** Options of `compareOptions`. */
export interface CompareOptions {
  /**
   * Clouds to price.
   * @default - every cloud inferstack renders to (aws, gcp, azure)
   */
  readonly clouds?: readonly CloudId[];
  /**
   * Hours simulated for the expected month.
   * @default - 8760 (a year)
   */
  readonly simulatedHours?: number;
}

/** The smallest request of this accelerator that holds the model, or undefined when none does in this region. */
function fittingRequest(model: ModelSpec, acc: AcceleratorSpec, catalog: Catalog, cloud: CloudId, region: string): AcceleratorRequest | undefined {
  const need = requiredGiB(model.parametersBillion, model.precision);
  if (acc.tpu) {
    const topologies = [...acc.tpu.singleHostTopologies, ...acc.tpu.multiHostTopologies].sort((a, b) => topologyChips(a) - topologyChips(b));
    const t = topologies.find((x) => topologyChips(x) * acc.memoryGiB >= need);
    return t ? { type: acc.id, topology: t } : undefined;
  }
  const maxCount = Math.max(0, ...catalog.offers(cloud, region, acc.id).map((o) => o.machine.acceleratorCount));
  const count = countThatFits(need, acc.memoryGiB, maxCount);
  return count ? { type: acc.id, count } : undefined;
}

const describe = (r: AcceleratorRequest) => (r.topology ? `${r.type} ${r.topology}` : `${acceleratorCount(r)} x ${r.type}`);
const sameRequest = (a: AcceleratorRequest, b: AcceleratorRequest) => a.type === b.type && acceleratorCount(a) === acceleratorCount(b) && (a.topology ?? '') === (b.topology ?? '');

/** A spec with only this model, on only this cloud and region, with this accelerator. */
function singleModelSpec(spec: InferenceSpec, model: ModelSpec, cloud: CloudId, region: string, request: AcceleratorRequest): InferenceSpec {
  const target = { ...(spec.targets[cloud] ?? {}), [CAPABILITIES[cloud].locationField]: region };
  return {
    apiVersion: spec.apiVersion,
    kind: spec.kind,
    metadata: spec.metadata,
    tags: {},
    targets: { [cloud]: target } as InferenceSpec['targets'],
    models: [{ ...model, overrides: { [cloud]: { accelerator: request } } }],
  };
}

/**
 * Sort key: options that serve the demand first (the others by how much they leave unserved),
 * then those whose total is known, then by dollars (the lower bound when unknown).
 */
const rankKey = (unserved: number | null, usd: number | null, atLeast: number): number[] => {
  const short = unserved === null ? 1 : unserved > COMPARE_UNSERVED_TOLERANCE ? unserved : 0;
  return [short, usd === null ? 1 : 0, usd ?? atLeast];
};
const byKey = (a: readonly number[], b: readonly number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Price the spec everywhere the catalog can: for each cloud, region and accelerator offered
 * there whose memory (in the fewest power-of-two accelerators a machine carries, or the
 * smallest TPU topology) holds each model, the model's pool month; then, per cloud and
 * region, the cheapest option per model plus that region's fixed costs. A measured throughput
 * is scaled to other accelerators by the roofline ratio. Options that leave more than 1% of
 * their demand unserved rank after those that serve it (less unserved first), and options with an unknown price after
 * those fully priced (by their lower bound).
 *
 * @param catalog - @default - `Catalog.DEFAULT`
 * @param options - see CompareOptions
 */
export function compareOptions(spec: InferenceSpec, catalog: Catalog = Catalog.DEFAULT, options: CompareOptions = {}): CompareResult {
  const stack = routedStackOf(spec);
  const notes: string[] = [];
  const options_: (CompareOption & { atLeast: number; costing: PoolCosting })[] = [];
  const combos: (Omit<CompareCombination, 'rankByMonthly' | 'rankByPerMillionTokens'>)[] = [];
  let skipped = 0;
  for (const cloud of options.clouds ?? CLOUDS) {
    const cap = CAPABILITIES[cloud];
    const regions = [...new Set(catalog.prices.filter((p) => p.cloud === cloud).map((p) => p.region))].sort();
    for (const region of regions) {
      const ctx = costContext(cloud, region, catalog, stack, spec.traffic, { simulatedHours: options.simulatedHours });
      const best: (CompareOption & { atLeast: number; costing: PoolCosting })[] = [];
      for (const model of spec.models) {
        const target = spec.targets[cloud] as Record<string, string> | undefined;
        const targeted = target?.[cap.locationField] === region;
        const current = effectiveAccelerator(model, cloud).request;
        const requests: AcceleratorRequest[] = [];
        for (const id of catalog.acceleratorsIn(cloud, region)) {
          const acc = catalog.accelerator(id);
          if (!acc || !cap.acceleratorKinds.includes(acc.kind)) continue;
          const r = fittingRequest(model, acc, catalog, cloud, region);
          if (r && !requests.some((x) => sameRequest(x, r))) requests.push(r);
        }
        if (targeted && !requests.some((x) => sameRequest(x, current))) requests.push(current);
        const baseAcc = catalog.accelerator(model.accelerator.type);
        const measuredOn = baseAcc ? replicaAccelerators(baseAcc, acceleratorCount(model.accelerator)) : undefined;
        const rows: (CompareOption & { atLeast: number; costing: PoolCosting })[] = [];
        for (const request of requests) {
          let pool;
          try {
            pool = resolvePlan(singleModelSpec(spec, model, cloud, region, request), cloud, catalog).pools[0];
          } catch (e) {
            if (!(e instanceof SpecValidationError)) throw e;
            skipped++;
            continue;
          }
          const costing = costPool(pool, ctx, measuredOn);
          const c = costing.cost;
          rows.push({
            cloud,
            region,
            model: model.name,
            accelerator: describe(request),
            acceleratorType: request.type,
            instanceType: pool.machine.instanceType,
            current: targeted && sameRequest(request, current),
            throughput: c.throughput,
            expectedMonthlyUsd: c.monthlyUsd.expected,
            ceilingMonthlyUsd: c.monthlyUsd.ceiling,
            perMillionOutputTokensUsd: c.perMillionOutputTokensUsd,
            unservedShare: c.unservedShare,
            source: pool.machine.priceSource,
            asOf: pool.machine.priceAsOf,
            atLeast: costing.atLeast.expected,
            costing,
          });
        }
        rows.sort((a, b) => byKey(rankKey(a.unservedShare, a.expectedMonthlyUsd, a.atLeast), rankKey(b.unservedShare, b.expectedMonthlyUsd, b.atLeast)));
        options_.push(...rows);
        if (rows[0]) best.push(rows[0]);
      }
      if (best.length !== spec.models.length) continue;
      const fixed = costFixed({ hasRouter: !!stack.router, hasQueue: !!stack.queue }, ctx);
      const parts = [fixed.monthlyUsd.expected, ...best.map((b) => b.expectedMonthlyUsd)];
      const expected = parts.some((p) => p === null) ? null : cents(parts.reduce<number>((s, p) => s + p!, 0));
      const atLeast = cents(fixed.atLeast.expected + best.reduce((s, b) => s + b.atLeast, 0));
      const known = best.every((b) => b.costing.servedRequestsPerMonth !== null);
      const served = known ? best.reduce((s, b) => s + b.costing.servedRequestsPerMonth!, 0) : null;
      const requests = known ? best.reduce((s, b) => s + b.costing.requestsPerMonth!, 0) : null;
      const out = spec.traffic?.outputTokens ?? 0;
      combos.push({
        cloud,
        region,
        choices: Object.fromEntries(best.map((b) => [b.model, `${b.accelerator} (${b.instanceType})`])),
        fixedMonthlyUsd: fixed.monthlyUsd.expected,
        expectedMonthlyUsd: expected,
        expectedMonthlyUsdAtLeast: atLeast,
        perMillionOutputTokensUsd: served === null ? null : perMillion(expected, served * out),
        unservedShare: requests === null ? null : requests > 0 ? round4((requests - served!) / requests) : 0,
      });
    }
  }
  const ranked = [...combos].sort((a, b) => byKey(rankKey(a.unservedShare, a.expectedMonthlyUsd, a.expectedMonthlyUsdAtLeast), rankKey(b.unservedShare, b.expectedMonthlyUsd, b.expectedMonthlyUsdAtLeast)));
  const byTokens = ranked.filter((c) => c.perMillionOutputTokensUsd !== null).sort((a, b) => a.perMillionOutputTokensUsd! - b.perMillionOutputTokensUsd!);
  const combinations: CompareCombination[] = ranked.map((c, i) => ({ ...c, rankByMonthly: i + 1, rankByPerMillionTokens: byTokens.indexOf(c) >= 0 ? byTokens.indexOf(c) + 1 : null }));
  if (!spec.traffic) notes.push('The spec has no traffic profile: expected months are unknown, so options rank by their lower bound (the floor).');
  if (skipped) notes.push(`${skipped} option(s) the catalog lists could not be planned (e.g. no machine with that many accelerators) and are left out.`);
  notes.push(`Options leaving more than ${COMPARE_UNSERVED_TOLERANCE * 100}% of their demand unserved rank after those that serve it (the less unserved, the higher); options with an unknown price rank after those fully priced, by their lower bound.`);
  const modelIndex = new Map(spec.models.map((m, i) => [m.name, i]));
  const opts: CompareOption[] = options_
    .sort((a, b) => modelIndex.get(a.model)! - modelIndex.get(b.model)! || byKey(rankKey(a.unservedShare, a.expectedMonthlyUsd, a.atLeast), rankKey(b.unservedShare, b.expectedMonthlyUsd, b.atLeast)))
    .map(({ atLeast: _a, costing: _c, ...o }) => o);
  return { options: opts, combinations, notes };
}
