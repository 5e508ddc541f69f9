/** On-prem TCO: buy servers for the peak, pay capex over the amortisation, power and operations monthly. */
import { Catalog, CloudId } from '../catalog';
import { acceleratorCount } from '../plan/machine';
import { countThatFits, requiredGiB } from '../plan/memory';
import type { InferenceSpec } from '../spec/types';
import { HOURS_PER_MONTH, MAX_ACCELERATORS_PER_REPLICA } from './model';
import { cents } from './money';
import { routedStackOf, routingSplit } from './routing';
import { replicaAccelerators, replicaThroughput } from './throughput';
import { CloudCost, OnPremCost, ThroughputUsed } from './types';

/**
 * Servers for replicas of these sizes (accelerators each): replicas that fit in a server are
 * packed first-fit, largest first; a replica larger than a server takes whole servers.
 */
export function serversFor(replicaSizes: readonly number[], acceleratorsPerServer: number): number {
  let dedicated = 0;
  const free: number[] = [];
  for (const size of [...replicaSizes].sort((a, b) => b - a)) {
    if (size > acceleratorsPerServer) {
      dedicated += Math.ceil(size / acceleratorsPerServer);
      continue;
    }
    const i = free.findIndex((f) => f >= size);
    if (i >= 0) free[i] -= size;
    else free.push(acceleratorsPerServer - size);
  }
  return dedicated + free.length;
}

/**
 * The on-prem alternative to the spec's deployment, or null when the spec has no `onPrem`.
 *
 * Sized for the peak: each model gets the replicas (on the on-prem accelerator, with the fewest
 * power-of-two accelerators that hold it) needed for its share of `traffic.requestsPerSecond.peak`,
 * capped at what the cloud deployment serves at `replicas.max` (so both serve the same requests)
 * and at least `replicas.min`. Per month: servers x (capex / amortizationMonths + kW x PUE x 730 h
 * x $/kWh + operations). Break-even: months until the purchase is repaid by the cloud's expected
 * month less on-prem power and operations.
 */
export function onPremCost(spec: InferenceSpec, clouds: Readonly<Partial<Record<CloudId, CloudCost>>>, catalog: Catalog = Catalog.DEFAULT): OnPremCost | null {
  const op = spec.onPrem;
  if (!op) return null;
  const notes: string[] = [
    `Sized for the peak (${spec.traffic ? `${spec.traffic.requestsPerSecond.peak} requests/s` : 'no traffic given'}), capped at what replicas.max serve in the cloud; replicas packed onto ${op.acceleratorsPerServer}-accelerator servers first-fit.`,
    `Power: ${op.powerKwPerServer} kW x PUE ${op.pue} x ${HOURS_PER_MONTH} h x $${op.usdPerKwh}/kWh per server; operations $${op.opsUsdPerServerMonth} per server-month; capex $${op.serverCapexUsd} per server over ${op.amortizationMonths} months, no interest or residual value (all spec inputs).`,
    'Not included on-prem: networking, storage, CPU hosts for the router and monitoring, spare capacity for failures, unless folded into opsUsdPerServerMonth or serverCapexUsd.',
  ];
  const acc = catalog.accelerator(op.acceleratorType);
  const street = acc?.purchase
    ? {
        low: acc.purchase.lowUsd * op.acceleratorsPerServer,
        high: acc.purchase.highUsd * op.acceleratorsPerServer,
        estimate: acc.purchase.estimate,
        source: acc.purchase.source,
        asOf: acc.purchase.asOf,
      }
    : null;
  const unsized = (why: string): OnPremCost => ({
    accelerator: op.acceleratorType,
    acceleratorsPerServer: op.acceleratorsPerServer,
    amortizationMonths: op.amortizationMonths,
    servers: null,
    pools: [],
    monthlyUsd: null,
    upfrontUsd: null,
    acceleratorStreetPriceUsd: street,
    versusCloud: Object.fromEntries(Object.entries(clouds).map(([c, v]) => [c, { cloudExpectedMonthlyUsd: v.monthlyUsd.expected, onPremMonthlyUsd: null, monthlySavingUsd: null, breakEvenMonths: null }])),
    notes: [...notes, why],
  });
  if (!acc) return unsized(`accelerator '${op.acceleratorType}' is not in the catalog, so its throughput cannot be estimated`);
  if (!spec.traffic) return unsized('the spec has no traffic profile, so the peak cannot be sized; add traffic');
  const traffic = spec.traffic;
  const split = routingSplit(routedStackOf(spec), traffic);
  const sizes: number[] = [];
  const pools: { pool: string; acceleratorsPerReplica: number; replicasAtPeak: number | null; throughput: ThroughputUsed }[] = [];
  let sized = true;
  for (const m of spec.models) {
    const share = split.shares.get(m.name)!;
    const tokens = { inputTokens: share.inputTokens, outputTokens: share.outputTokens };
    const count = countThatFits(requiredGiB(m.parametersBillion, m.precision), acc.memoryGiB, MAX_ACCELERATORS_PER_REPLICA);
    const baseAcc = catalog.accelerator(m.accelerator.type);
    const base = baseAcc ? replicaAccelerators(baseAcc, acceleratorCount(m.accelerator)) : undefined;
    if (count === undefined) {
      notes.push(`${m.name} does not fit in ${MAX_ACCELERATORS_PER_REPLICA} x ${acc.id}.`);
      pools.push({ pool: m.name, acceleratorsPerReplica: 0, replicasAtPeak: null, throughput: { requestsPerSecondPerReplica: null, outputTokensPerSecondPerReplica: null, source: 'unknown', note: 'does not fit' } });
      sized = false;
      continue;
    }
    const tp = replicaThroughput(m, replicaAccelerators(acc, count), tokens, m.throughput, base);
    const cloudCap = base ? replicaThroughput(m, base, tokens, m.throughput).requestsPerSecondPerReplica : null;
    const demand = traffic.requestsPerSecond.peak * share.share;
    const servedPeak = cloudCap === null ? demand : Math.min(demand, m.replicas.max * cloudCap);
    const rps = tp.requestsPerSecondPerReplica;
    const replicas = rps === null ? null : Math.max(m.replicas.min, servedPeak > 0 ? Math.ceil(servedPeak / rps - 1e-9) : 0);
    if (replicas === null) sized = false;
    else for (let i = 0; i < replicas; i++) sizes.push(count);
    pools.push({ pool: m.name, acceleratorsPerReplica: count, replicasAtPeak: replicas, throughput: tp });
  }
  if (!sized) return { ...unsized('a model has no throughput or does not fit, so the servers cannot be sized'), pools };
  const servers = serversFor(sizes, op.acceleratorsPerServer);
  const capex = cents((servers * op.serverCapexUsd) / op.amortizationMonths);
  const power = cents(servers * op.powerKwPerServer * op.pue * HOURS_PER_MONTH * op.usdPerKwh);
  const operations = cents(servers * op.opsUsdPerServerMonth);
  const total = cents(capex + power + operations);
  const upfront = cents(servers * op.serverCapexUsd);
  const versusCloud = Object.fromEntries(
    Object.entries(clouds).map(([c, v]) => {
      const cloud = v.monthlyUsd.expected;
      const net = cloud === null ? null : cloud - (power + operations);
      return [
        c,
        {
          cloudExpectedMonthlyUsd: cloud,
          onPremMonthlyUsd: total,
          monthlySavingUsd: cloud === null ? null : cents(cloud - total),
          breakEvenMonths: net !== null && net > 0 ? Math.round((upfront / net) * 10) / 10 : null,
        },
      ];
    }),
  );
  return {
    accelerator: acc.id,
    acceleratorsPerServer: op.acceleratorsPerServer,
    amortizationMonths: op.amortizationMonths,
    servers,
    pools,
    monthlyUsd: { capex, power, operations, total },
    upfrontUsd: upfront,
    acceleratorStreetPriceUsd: street,
    versusCloud,
    notes,
  };
}
