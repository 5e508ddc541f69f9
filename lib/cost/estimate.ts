/**
 * estimateCost(plan): the monthly cost of one cloud's plan, from the plan and the catalog only.
 * Floor and ceiling hold replicas at their bounds for a 730-hour month; the expected month is
 * the traffic profile simulated hour by hour (a year by default) and scaled to 730 hours.
 */
import { Catalog, CloudId, CpuMachinePrice, PlatformFee, QueuePrice } from '../catalog';
import { CAPABILITIES } from '../plan/capabilities';
import { InferencePlan, PoolPlan } from '../plan/types';
import type { TrafficSpec } from '../spec/types';
import { budgetCost, BudgetPool, suggestMaxReplicas } from './budget';
import { cpuNodeGroups } from './cpu-nodes';
import {
  BYTES_PER_TOKEN,
  HOURS_PER_MONTH,
  HOURS_PER_YEAR,
  MESSAGE_ENVELOPE_BYTES,
  QUEUE_BYTE_TRANSFERS_PER_MESSAGE,
  QUEUE_OPERATIONS_PER_MESSAGE,
  SECONDS_PER_HOUR,
  ACCELERATOR_GENERATIONS,
  THROUGHPUT_MODEL,
  VLLM_SERVER_DEFAULTS,
} from './model';
import { MEMORY_MODEL } from '../plan/memory';
import { cents, hourlyMoney, perMillion, perScenario, round4, sumAtLeast, sumKnown } from './money';
import { routingSplit, RoutedStack, RoutingSplit } from './routing';
import { nodesFor, PoolShape, PoolSimulation, simulatePool } from './simulate';
import { stalePrices } from './staleness';
import { ReplicaAccelerators, replicaAccelerators, replicaThroughput, rooflineEstimate } from './throughput';
import { describePattern, hourlyDemand } from './traffic';
import { CloudCost, CostLineItem, LineItemKind, PerScenario, PoolCost, Scenario, SCENARIOS, UnknownPrice } from './types';

/** Options of `estimateCost`. */
export interface CostOptions {
  /**
   * Hours simulated for the expected month, starting Monday 00:00; the result is scaled to 730 hours.
   * @default - 8760: a year of hours, so the expected month is the year's total / 12
   */
  readonly simulatedHours?: number;
  /**
   * The day catalog rows are aged against (stale prices are reported after STALE_PRICE_DAYS).
   * @default - today
   */
  readonly today?: Date;
}

/** What the cost of a cloud's pools and fixed items is computed against. */
export interface CostContext {
  readonly cloud: CloudId;
  readonly region: string;
  readonly catalog: Catalog;
  readonly simulatedHours: number;
  readonly traffic?: TrafficSpec;
  /** Requests per second of the whole traffic per simulated hour; null without traffic. */
  readonly demand: Float64Array | null;
  /** Each pool's part of the traffic; null without traffic. */
  readonly split: RoutingSplit | null;
}

/** Build the context for a cloud and region from a traffic profile and the stack's routing. */
export function costContext(cloud: CloudId, region: string, catalog: Catalog, stack: RoutedStack, traffic: TrafficSpec | undefined, options: CostOptions = {}): CostContext {
  const simulatedHours = Math.max(1, Math.round(options.simulatedHours ?? HOURS_PER_YEAR));
  return {
    cloud,
    region,
    catalog,
    simulatedHours,
    ...(traffic ? { traffic } : {}),
    demand: traffic ? hourlyDemand(traffic, simulatedHours) : null,
    split: traffic ? routingSplit(stack, traffic) : null,
  };
}

/** One line item plus its lower bound per scenario. */
interface Built {
  readonly item: CostLineItem;
  readonly atLeast: PerScenario<number>;
}

type Hours = PerScenario<number | null>;

/** The item's fields in the documented JSON order (the contract's fields first). */
function ordered(i: CostLineItem): CostLineItem {
  return {
    pool: i.pool,
    item: i.item,
    instanceType: i.instanceType,
    capacity: i.capacity,
    hourlyUsd: i.hourlyUsd,
    hours: i.hours,
    monthlyUsd: i.monthlyUsd,
    source: i.source,
    asOf: i.asOf,
    floor: i.floor,
    ceiling: i.ceiling,
    ...(i.usage ? { usage: i.usage } : {}),
    description: i.description,
    basis: i.basis,
    uncertain: i.uncertain,
    unknownReason: i.unknownReason,
  };
}

/** A line item charged per hour at `hourlyUsd` for `hours` per scenario. */
function hourlyItem(
  fields: Omit<CostLineItem, 'hourlyUsd' | 'hours' | 'monthlyUsd' | 'floor' | 'ceiling' | 'unknownReason'>,
  hourlyUsd: number | null,
  hours: Hours,
  unknownReason: string,
): Built {
  const money = perScenario((s) => hourlyMoney(hourlyUsd, hours[s]));
  const rh = (h: number | null) => (h === null ? null : Math.round(h * 100) / 100);
  const anyUnknown = SCENARIOS.some((s) => hours[s] !== null && hours[s] !== 0 && hourlyUsd === null);
  return {
    item: ordered({
      ...fields,
      hourlyUsd,
      hours: rh(hours.expected),
      monthlyUsd: money.expected,
      floor: { hours: rh(hours.floor), monthlyUsd: money.floor },
      ceiling: { hours: rh(hours.ceiling), monthlyUsd: money.ceiling },
      unknownReason: hourlyUsd === null && anyUnknown ? unknownReason : null,
    }),
    atLeast: {
      floor: money.floor ?? 0,
      ceiling: money.ceiling ?? 0,
      expected: money.expected ?? (hours.expected === null ? (money.floor ?? 0) : 0),
    },
  };
}

/** `1 x nvidia-l4`, `4 x tpu-v6e (2x2)`. */
const describeAccelerators = (pool: PoolPlan) => `${pool.accelerator.count} x ${pool.accelerator.type}${pool.accelerator.tpu ? ` (${pool.accelerator.tpu.topology})` : ''}`;
const sig3 = (n: number) => Number(n.toPrecision(3));
const fmtPercent = (share: number) => `${Number((share * 100).toFixed(1))}%`;
const priceNote = (n: number | null) => (n === null ? 'unknown' : `$${n}/h`);
const firstSentence = (s: string) => s.split(/(?<=\.)\s/)[0];

/** Everything about one pool's cost. */
export interface PoolCosting {
  readonly cost: PoolCost;
  readonly items: readonly CostLineItem[];
  readonly atLeast: PerScenario<number>;
  /** Requests per month that arrive at the pool and that it can serve (null without traffic or throughput). */
  readonly requestsPerMonth: number | null;
  readonly servedRequestsPerMonth: number | null;
  readonly unknown: readonly UnknownPrice[];
  /** The pool's month with `replicas` replicas all month (nodes and node fees), to the cent; null when a price is unknown. */
  monthlyUsdAt(replicas: number): number | null;
}

/** Platform fees the cloud charges per node as a fraction of its on-demand price (EKS Auto Mode). */
function nodeFeesOf(ctx: CostContext): PlatformFee[] {
  return ctx.catalog.feesOf(ctx.cloud).filter((f) => f.appliesByDefault && f.per === 'node-on-demand-fraction');
}

function nodeFeeHourly(fee: PlatformFee, onDemandHourlyUsd: number | null): number | null {
  return fee.fraction === null || fee.fraction === undefined || onDemandHourlyUsd === null ? null : fee.fraction * onDemandHourlyUsd;
}

/** A per-node platform fee on `nodes` of one machine type: `fraction` x its on-demand price per node-hour. */
function nodeFeeItem(
  fee: PlatformFee,
  ctx: CostContext,
  on: { readonly pool: string | null; readonly instanceType: string; readonly onDemandHourlyUsd: number | null },
  nodes: string,
  basisSuffix: string,
  hours: Hours,
): Built {
  const noFraction = fee.fraction === null || fee.fraction === undefined;
  return hourlyItem(
    {
      pool: on.pool,
      item: 'node-fee',
      description: `${fee.id} on ${nodes}: ${firstSentence(fee.description)}`,
      instanceType: on.instanceType,
      capacity: null,
      basis: `${noFraction ? 'unknown fraction' : `${fee.fraction! * 100}%`} of ${on.instanceType} on-demand ${priceNote(on.onDemandHourlyUsd)} per node-hour${basisSuffix}`,
      source: fee.source,
      asOf: fee.asOf,
      uncertain: fee.uncertain,
    },
    nodeFeeHourly(fee, on.onDemandHourlyUsd),
    hours,
    noFraction ? `the catalog has no fraction for fee ${fee.id} (fees.json)` : `the catalog has no on-demand price for ${on.instanceType} in ${ctx.region}, which fee ${fee.id} is a fraction of`,
  );
}

/** Cost one pool on the context's cloud: its node groups, its node fees, its simulation. */
export function costPool(pool: PoolPlan, ctx: CostContext, measuredOn?: ReplicaAccelerators, planWarnings: readonly string[] = []): PoolCosting {
  const H = ctx.simulatedHours;
  const months = HOURS_PER_MONTH / H;
  const m = pool.machine;
  const shape: PoolShape = {
    minReplicas: pool.replicas.min,
    maxReplicas: pool.replicas.max,
    onDemandReplicas: pool.nodeGroups.filter((g) => g.capacityType === 'on-demand').reduce((s, g) => s + g.maxReplicas, 0),
    replicasPerNode: m.replicasPerNode,
    nodesPerReplica: m.nodesPerReplica,
  };
  const notes: string[] = [];
  const warnings: string[] = [...planWarnings];
  const unknown: UnknownPrice[] = [];
  // The catalog row carries the low-precision rates the plan does not copy; a plan alone still works.
  const acc = replicaAccelerators(ctx.catalog.accelerator(pool.accelerator.type) ?? { ...pool.accelerator, id: pool.accelerator.type }, pool.accelerator.count);
  const share = ctx.split?.shares.get(pool.name);
  const tokens = share ? { inputTokens: share.inputTokens, outputTokens: share.outputTokens } : null;
  const measured = replicaThroughput(pool, acc, tokens ?? { inputTokens: 0, outputTokens: 0 }, pool.throughput, measuredOn);
  const throughput =
    tokens || measured.source !== 'unknown'
      ? measured
      : { ...measured, note: 'no traffic profile: without traffic tokens there is nothing to estimate throughput from; measure it (the model\'s throughput) or add traffic' };
  // min = max: the pool runs the same replicas every hour, so its month is known without traffic.
  const fixed = shape.minReplicas === shape.maxReplicas;
  let sim: PoolSimulation | null = null;
  if (!ctx.demand) {
    notes.push(fixed ? `replicas fixed at ${shape.minReplicas} (min = max): the expected month is the floor, whatever the traffic` : 'no traffic profile: the expected month is unknown');
  } else if (throughput.requestsPerSecondPerReplica === null) {
    notes.push(throughput.note);
    if (!fixed) unknown.push({ pool: pool.name, item: 'throughput', reason: `${pool.name}: ${throughput.note}` });
  } else {
    sim = simulatePool(ctx.demand, share!.share, throughput.requestsPerSecondPerReplica, shape, pool.scaling.scaleDownDelaySeconds);
  }

  const nodeHours = (type: 'onDemand' | 'spot'): Hours => ({
    floor: nodesFor(shape, shape.minReplicas)[type] * HOURS_PER_MONTH,
    expected: sim ? (type === 'onDemand' ? sim.onDemandNodeHours : sim.spotNodeHours) * months : fixed ? nodesFor(shape, shape.minReplicas)[type] * HOURS_PER_MONTH : null,
    ceiling: nodesFor(shape, shape.maxReplicas)[type] * HOURS_PER_MONTH,
  });
  const built: Built[] = [];
  const groupTypes: ('on-demand' | 'spot')[] = [...new Set(pool.nodeGroups.map((g) => g.capacityType))];
  const priceOf = (c: 'on-demand' | 'spot') => (c === 'spot' ? m.spotHourlyUsd : m.onDemandHourlyUsd);
  for (const capacity of groupTypes) {
    const hourly = pool.nodeGroups.find((g) => g.capacityType === capacity)?.hourlyUsd ?? priceOf(capacity);
    built.push(
      hourlyItem(
        {
          pool: pool.name,
          item: 'accelerator-nodes',
          description: `${capacity} nodes: ${m.instanceType} (${m.acceleratorsPerNode} x ${pool.accelerator.type})`,
          instanceType: m.instanceType,
          capacity,
          basis: `${m.instanceType} ${capacity} ${priceNote(hourly)} per node; ${shape.replicasPerNode} replica(s) per node, ${shape.nodesPerReplica} node(s) per replica`,
          source: m.priceSource,
          asOf: m.priceAsOf,
          uncertain: false,
        },
        hourly,
        nodeHours(capacity === 'spot' ? 'spot' : 'onDemand'),
        `the catalog has no ${capacity} price for ${m.instanceType} in ${ctx.region} (prices.json)`,
      ),
    );
  }
  const allHours = (): Hours => {
    const od = nodeHours('onDemand');
    const sp = nodeHours('spot');
    return perScenario((s) => (od[s] === null || sp[s] === null ? null : od[s]! + sp[s]!));
  };
  const fees = nodeFeesOf(ctx);
  for (const fee of fees) built.push(nodeFeeItem(fee, ctx, { pool: pool.name, instanceType: m.instanceType, onDemandHourlyUsd: m.onDemandHourlyUsd }, `${m.instanceType} nodes`, ', spot nodes included', allHours()));
  for (const b of built) if (b.item.unknownReason) unknown.push({ pool: pool.name, item: b.item.item, reason: b.item.unknownReason });

  const items = built.map((b) => b.item);
  const monthly = perScenario((s) => sumKnown(items.map((i) => amountOf(i, s))));
  const atLeast = perScenario((s) => sumAtLeast(built.map((b) => b.atLeast[s])));
  const requests = sim ? sim.requests * months : null;
  const served = sim ? sim.servedRequests * months : null;
  const outputs = tokens?.outputTokens ?? 0;
  const perMillionOutputTokensUsd = served === null ? null : perMillion(monthly.expected, served * outputs);

  const peak = ctx.traffic && share ? ctx.traffic.requestsPerSecond.peak * share.share : null;
  const rps = throughput.requestsPerSecondPerReplica;
  const atPeak =
    peak === null
      ? null
      : {
          requestsPerSecond: Math.round(peak * 1000) / 1000,
          replicasNeeded: rps === null ? null : peak > 0 ? Math.ceil(peak / rps - 1e-9) : 0,
          unservedShare: rps === null ? null : peak > 0 ? round4(Math.max(0, peak - shape.maxReplicas * rps) / peak) : 0,
        };

  let roofline: PoolCost['rooflineFloorPerMillionOutputTokensUsd'] = null;
  if (tokens && tokens.outputTokens > 0) {
    const est = rooflineEstimate(pool, acc, tokens);
    const perReplica = (p: number | null) => (p === null ? null : (p * shape.nodesPerReplica) / shape.replicasPerNode);
    const options = [
      { capacity: 'spot' as const, usd: perReplica(m.spotHourlyUsd) },
      { capacity: 'on-demand' as const, usd: perReplica(m.onDemandHourlyUsd) },
    ].filter((o): o is { capacity: 'spot' | 'on-demand'; usd: number } => o.usd !== null);
    const best = options.sort((a, b) => a.usd - b.usd)[0];
    if (best) {
      roofline = {
        usd: perMillion(best.usd, est.ceilingOutputTokensPerSecond * SECONDS_PER_HOUR)!,
        capacity: best.capacity,
        outputTokensPerSecond: Math.round(est.ceilingOutputTokensPerSecond),
      };
    } else notes.push(`no price for ${m.instanceType}: no roofline floor`);
    const measuredTokens = throughput.source === 'measured' || throughput.source === 'scaled' ? throughput.outputTokensPerSecondPerReplica : null;
    if (measuredTokens !== null && measuredTokens > est.ceilingOutputTokensPerSecond) {
      warnings.push(
        `${pool.name}: the ${throughput.source} throughput (${sig3(measuredTokens)} output tokens/s per replica) is above the roofline ceiling of ${sig3(est.ceilingOutputTokensPerSecond)} output tokens/s on ${describeAccelerators(pool)} ` +
          `(all memory bandwidth, the largest batch a 16-bit KV cache allows at these prompt lengths); check the measurement: prefix caching, speculative decoding or an fp8 KV cache can explain it, and then the roofline floor does not bound this pool`,
      );
    }
  } else if (tokens) notes.push('traffic.outputTokens is 0: no output-token figures');
  if (atPeak?.unservedShare) {
    warnings.push(
      `${pool.name}: at the traffic's peak (${atPeak.requestsPerSecond} requests/s for this pool) it needs ${atPeak.replicasNeeded} replicas; replicas.max ${shape.maxReplicas} leaves ${fmtPercent(atPeak.unservedShare)} of the peak's requests unserved (the expected month simulates the traffic pattern at its mean, not this peak, so its unserved share does not show it)`,
    );
  }

  const monthlyUsdAt = (replicas: number): number | null => {
    const n = nodesFor(shape, replicas);
    const parts: (number | null)[] = [
      hourlyMoney(priceOf('on-demand'), n.onDemand * HOURS_PER_MONTH),
      hourlyMoney(priceOf('spot'), n.spot * HOURS_PER_MONTH),
      ...fees.map((f) => hourlyMoney(nodeFeeHourly(f, m.onDemandHourlyUsd), (n.onDemand + n.spot) * HOURS_PER_MONTH)),
    ];
    return sumKnown(parts);
  };

  const cost: PoolCost = {
    pool: pool.name,
    serve: pool.serve,
    accelerator: describeAccelerators(pool),
    instanceType: m.instanceType,
    replicas: { ...pool.replicas },
    trafficShare: share ? round4(share.share) : null,
    inputTokens: share ? Math.round(share.inputTokens) : null,
    throughput: {
      ...throughput,
      requestsPerSecondPerReplica: throughput.requestsPerSecondPerReplica === null ? null : round4(throughput.requestsPerSecondPerReplica),
      outputTokensPerSecondPerReplica: throughput.outputTokensPerSecondPerReplica === null ? null : Math.round(throughput.outputTokensPerSecondPerReplica * 10) / 10,
    },
    meanReplicas: sim ? Math.round((sim.replicaHours / sim.hours) * 100) / 100 : fixed ? shape.minReplicas : null,
    peakHourReplicas: sim ? sim.peakReplicas : fixed ? shape.minReplicas : null,
    unservedShare: sim ? (sim.requests > 0 ? round4((sim.requests - sim.servedRequests) / sim.requests) : 0) : null,
    atPeak,
    monthlyUsd: monthly,
    perMillionOutputTokensUsd,
    rooflineFloorPerMillionOutputTokensUsd: roofline,
    notes,
    warnings,
  };
  return { cost, items, atLeast, requestsPerMonth: requests, servedRequestsPerMonth: served, unknown, monthlyUsdAt };
}

/** A line item's dollars in a scenario. */
function amountOf(item: CostLineItem, s: Scenario): number | null {
  return s === 'expected' ? item.monthlyUsd : item[s].monthlyUsd;
}

/** Fixed costs of a stack on the context's cloud. */
export interface FixedCosting {
  readonly items: readonly CostLineItem[];
  readonly atLeast: PerScenario<number>;
  readonly monthlyUsd: PerScenario<number | null>;
  readonly unknown: readonly UnknownPrice[];
  readonly assumptions: readonly string[];
}

/**
 * Fixed costs: the control plane (the fee row named by the cloud's capability table), other
 * platform fees the cloud charges by default, the CPU nodes of the system pool, the router and
 * Prometheus (with per-node fees), and the queue: its base charge in every month, plus requests
 * at the traffic's mean (expected) and at its peak all month (ceiling).
 */
export function costFixed(stack: { readonly hasRouter: boolean; readonly hasQueue: boolean }, ctx: CostContext): FixedCosting {
  const built: Built[] = [];
  const assumptions: string[] = [];
  const all = (h: number): Hours => ({ floor: h, expected: h, ceiling: h });
  const cap = CAPABILITIES[ctx.cloud];
  const fees = ctx.catalog.feesOf(ctx.cloud);
  const cp = fees.find((f) => f.id === cap.controlPlaneFeeId);
  built.push(
    hourlyItem(
      {
        pool: null,
        item: 'control-plane',
        description: cp ? firstSentence(cp.description) : `${cap.displayName} control plane (${cap.controlPlaneFeeId})`,
        instanceType: null,
        capacity: null,
        basis: `${cap.controlPlaneFeeId} ${priceNote(cp?.hourlyUsd ?? null)} per cluster-hour`,
        source: cp?.source ?? 'catalog (fees.json): no row',
        asOf: cp?.asOf ?? '',
        uncertain: cp?.uncertain ?? true,
      },
      cp?.hourlyUsd ?? null,
      all(HOURS_PER_MONTH),
      cp ? `the catalog has no price for fee ${cp.id} (fees.json)` : `the catalog has no fee row '${cap.controlPlaneFeeId}' (fees.json)`,
    ),
  );
  for (const f of fees.filter((x) => x.appliesByDefault && x.per === 'cluster-hour' && x.id !== cap.controlPlaneFeeId)) {
    built.push(
      hourlyItem(
        { pool: null, item: 'platform-fee', description: firstSentence(f.description), instanceType: null, capacity: null, basis: `${f.id} ${priceNote(f.hourlyUsd)} per cluster-hour`, source: f.source, asOf: f.asOf, uncertain: f.uncertain },
        f.hourlyUsd,
        all(HOURS_PER_MONTH),
        `the catalog has no price for fee ${f.id} (fees.json)`,
      ),
    );
  }
  const cpuNodes = new Map<string, { machine: CpuMachinePrice; nodes: number }>();
  for (const c of cpuNodeGroups(ctx.catalog, ctx.cloud, ctx.region, stack)) {
    const machine = c.machine;
    assumptions.push(`${c.description}: ${c.nodes} node(s) with at least ${c.minVcpus} vCPU and ${c.minMemoryGiB} GiB (${c.why}), the cheapest such CPU machine the catalog has in the region.`);
    built.push(
      hourlyItem(
        {
          pool: null,
          item: c.item,
          description: `${c.description}: ${c.nodes} x ${machine?.instanceType ?? `CPU node (${c.minVcpus} vCPU, ${c.minMemoryGiB} GiB)`}`,
          instanceType: machine?.instanceType ?? null,
          capacity: 'on-demand',
          basis: `${c.nodes} node(s) x ${machine ? `${machine.instanceType} ${priceNote(machine.onDemandHourlyUsd)}` : 'unknown machine'}, all month`,
          source: machine?.source ?? 'catalog (cpu-machines.json): no row',
          asOf: machine?.asOf ?? '',
          uncertain: false,
        },
        machine?.onDemandHourlyUsd ?? null,
        all(c.nodes * HOURS_PER_MONTH),
        machine ? `the catalog has no on-demand price for ${machine.instanceType} in ${ctx.region} (cpu-machines.json)` : `the catalog has no CPU machine with at least ${c.minVcpus} vCPU and ${c.minMemoryGiB} GiB in ${ctx.cloud} ${ctx.region} (cpu-machines.json)`,
      ),
    );
    if (machine) {
      const prev = cpuNodes.get(machine.instanceType);
      cpuNodes.set(machine.instanceType, { machine, nodes: (prev?.nodes ?? 0) + c.nodes });
    }
  }
  for (const fee of nodeFeesOf(ctx)) {
    for (const { machine, nodes } of cpuNodes.values()) {
      built.push(nodeFeeItem(fee, ctx, { pool: null, instanceType: machine.instanceType, onDemandHourlyUsd: machine.onDemandHourlyUsd }, `${nodes} CPU node(s)`, '', all(nodes * HOURS_PER_MONTH)));
    }
  }
  if (stack.hasQueue) {
    const q = queueItem(ctx);
    built.push(q.built);
    assumptions.push(...q.assumptions);
  }
  const items = built.map((b) => b.item);
  const unknown: UnknownPrice[] = items.filter((i) => i.unknownReason).map((i) => ({ pool: null, item: i.item, reason: i.unknownReason! }));
  return {
    items,
    atLeast: perScenario((s) => sumAtLeast(built.map((b) => b.atLeast[s]))),
    monthlyUsd: perScenario((s) => sumKnown(items.map((i) => amountOf(i, s)))),
    unknown,
    assumptions,
  };
}

/** USD for `requests` in a month at graduated tiers (the free allowance is a tier at 0). */
export function tieredRequestsUsd(requests: number, tiers: NonNullable<QueuePrice['requestTiers']>): number {
  let usd = 0;
  let below = 0;
  for (const t of tiers) {
    const upTo = t.upToRequestsPerMonth ?? Infinity;
    usd += (Math.max(0, Math.min(requests, upTo) - below) / 1e6) * t.perMillionUsd;
    if (requests <= upTo) break;
    below = upTo;
  }
  return usd;
}

const millions = (n: number) => `${Number((n / 1e6).toFixed(1)).toLocaleString('en-US')}M`;

/** `$0.8/M to 100M, $0.5/M to 2,500M, $0.2/M above`: the paid tiers of a price row. */
function describeTiers(tiers: NonNullable<QueuePrice['requestTiers']>): string {
  return tiers
    .filter((t) => t.perMillionUsd > 0)
    .map((t) => `$${t.perMillionUsd}/M ${t.upToRequestsPerMonth === null ? 'above' : `to ${millions(t.upToRequestsPerMonth)}`}`)
    .join(', ');
}

/** The queue's month: base charge, operations at the cloud's tiers beyond the free allowance, bytes where throughput is priced. */
function queueItem(ctx: CostContext): { built: Built; assumptions: string[] } {
  const id = CAPABILITIES[ctx.cloud].queue.priceId;
  const row = ctx.catalog.queuePricesOf(ctx.cloud).find((q) => q.id === id);
  const t = ctx.traffic;
  const bytesPerMessage = t ? Math.max(row?.minBilledBytesPerMessage ?? 0, t.inputTokens * BYTES_PER_TOKEN + MESSAGE_ENVELOPE_BYTES) : null;
  const byTiB = row?.perTiBUsd !== null && row?.perTiBUsd !== undefined;
  const freeBytes = row?.freeBytesPerMonth ?? 0;
  const assumptions = [
    `Queue: ${QUEUE_OPERATIONS_PER_MESSAGE} billed operations per request (send, receive, delete/acknowledge); the expected month carries the traffic's mean, the ceiling its peak all month; the floor only the base charge. The cloud's request tiers and free allowances from the catalog apply (queues.json); scaler polling is not counted.`,
  ];
  if (byTiB) {
    assumptions.push(`Queue messages of ${BYTES_PER_TOKEN} bytes per prompt token plus ${MESSAGE_ENVELOPE_BYTES} bytes of envelope, billed on publish and delivery${freeBytes ? `, after ${freeBytes / 1024 ** 3} GiB free a month` : ''}.`);
  }
  const messages = (s: Scenario): number | null => (s === 'floor' ? 0 : t ? (s === 'expected' ? t.requestsPerSecond.mean : t.requestsPerSecond.peak) * SECONDS_PER_HOUR * HOURS_PER_MONTH : null);
  const operationsUsd = (ops: number): number =>
    row!.requestTiers?.length ? tieredRequestsUsd(ops, row!.requestTiers) : (Math.max(0, ops - row!.freeRequestsPerMonth) / 1e6) * row!.perMillionRequestsUsd!;
  const billedTiB = (n: number) => Math.max(0, n * QUEUE_BYTE_TRANSFERS_PER_MESSAGE * bytesPerMessage! - freeBytes) / 1024 ** 4;
  let reason: string | null = null;
  const monthly = (s: Scenario): number | null => {
    if (!row) {
      reason = `the catalog has no queue price '${id}' for ${ctx.cloud} (queues.json)`;
      return null;
    }
    const n = messages(s);
    if (n === null) {
      reason = 'the spec has no traffic profile, so the queue\'s requests are unknown; add traffic';
      return null;
    }
    if (row.baseMonthlyUsd === null) {
      reason = `the catalog has no base charge for ${row.id} (queues.json)`;
      return null;
    }
    let usd = row.baseMonthlyUsd;
    if (n > 0) {
      if (row.perMillionRequestsUsd === null && row.perTiBUsd === null) {
        reason = `the catalog has no usage price for ${row.id} (queues.json)`;
        return null;
      }
      if (row.perMillionRequestsUsd !== null) usd += operationsUsd(n * QUEUE_OPERATIONS_PER_MESSAGE);
      if (row.perTiBUsd !== null) usd += billedTiB(n) * row.perTiBUsd;
    }
    return cents(usd);
  };
  const money = perScenario(monthly);
  const n = messages('expected');
  const billedOps = n === null || !row ? null : Math.max(0, n * QUEUE_OPERATIONS_PER_MESSAGE - row.freeRequestsPerMonth);
  const blended = billedOps && row?.perMillionRequestsUsd !== null && row ? round4(operationsUsd(n! * QUEUE_OPERATIONS_PER_MESSAGE) / (billedOps / 1e6)) : (row?.perMillionRequestsUsd ?? null);
  const usage = byTiB
    ? { quantity: n === null ? null : round4(billedTiB(n)), unit: 'TiB', unitPriceUsd: row?.perTiBUsd ?? null }
    : { quantity: billedOps === null ? null : round4(billedOps / 1e6), unit: 'million operations', unitPriceUsd: blended };
  const operationsBasis = (r: QueuePrice) =>
    r.requestTiers?.length
      ? `; ${QUEUE_OPERATIONS_PER_MESSAGE} operations per request: ${r.freeRequestsPerMonth.toLocaleString('en-US')} a month included, then ${describeTiers(r.requestTiers)}`
      : `; ${QUEUE_OPERATIONS_PER_MESSAGE} operations per request at $${r.perMillionRequestsUsd} per million after ${r.freeRequestsPerMonth.toLocaleString('en-US')} free`;
  const item: CostLineItem = ordered({
    pool: null,
    item: 'queue' as LineItemKind,
    description: row ? firstSentence(row.description) : `queue (${id})`,
    instanceType: null,
    capacity: null,
    hourlyUsd: null,
    hours: null,
    monthlyUsd: money.expected,
    floor: { hours: null, monthlyUsd: money.floor },
    ceiling: { hours: null, monthlyUsd: money.ceiling },
    usage,
    basis: row
      ? `base $${row.baseMonthlyUsd ?? 'unknown'}/month` +
        (row.perMillionRequestsUsd !== null ? operationsBasis(row) : '') +
        (byTiB ? `; ${bytesPerMessage ?? '?'} bytes per message x ${QUEUE_BYTE_TRANSFERS_PER_MESSAGE} at $${row.perTiBUsd} per TiB${freeBytes ? ` after ${freeBytes / 1024 ** 3} GiB free` : ''}` : '') +
        (n === null ? '' : `; ${round4(n / 1e6)}M requests in the expected month`)
      : 'no catalog row',
    source: row ? (row.tiersSource ? `${row.source} ; tiers and allowances: ${row.tiersSource}` : row.source) : 'catalog (queues.json): no row',
    asOf: row?.asOf ?? '',
    uncertain: row?.uncertain ?? true,
    unknownReason: reason,
  });
  return {
    built: { item, atLeast: perScenario((s) => money[s] ?? (s === 'expected' ? (money.floor ?? 0) : 0)) },
    assumptions,
  };
}

/**
 * The monthly cost of one cloud's plan: floor, expected and ceiling with line items, per-pool
 * throughput and replicas, $ per million output tokens and requests, unserved demand, and the
 * budget verdict. Pure: reads only the plan and the catalog.
 *
 * @param catalog - prices and fees. @default - `Catalog.DEFAULT`, the cited catalog shipped with inferstack
 * @param options - see CostOptions. @default - a year simulated; measured throughput applies as given
 */
export function estimateCost(plan: InferencePlan, catalog: Catalog = Catalog.DEFAULT, options: CostOptions = {}): CloudCost {
  const ctx = costContext(plan.cloud, plan.region, catalog, plan, plan.traffic, options);
  const pools = plan.pools.map((p) => {
    // Where the measurement was taken on other accelerators (plan: throughput.measuredOn), it is scaled.
    const ref = p.throughput?.measuredOn;
    const refAcc = ref ? catalog.accelerator(ref.type) : undefined;
    const own = (plan.warnings ?? []).filter((w) => w.pool === p.name).map((w) => `${p.name}: ${w.message}`);
    return costPool(p, ctx, ref && refAcc ? replicaAccelerators(refAcc, ref.count) : undefined, own);
  });
  const fixed = costFixed({ hasRouter: !!plan.router, hasQueue: !!plan.queue }, ctx);
  const lineItems = [...pools.flatMap((p) => p.items), ...fixed.items];
  const monthlyUsd = perScenario((s) => sumKnown(lineItems.map((i) => amountOf(i, s))));
  const monthlyUsdAtLeast = perScenario((s) => cents([...pools.map((p) => p.atLeast[s]), fixed.atLeast[s]].reduce((a, b) => a + b, 0)));
  // Without traffic the expected month is still known when every pool is fixed (min = max) and no queue bills requests.
  const needsTraffic = plan.pools.some((p) => p.replicas.min !== p.replicas.max) || !!plan.queue;
  const unknown: UnknownPrice[] = [
    ...(plan.traffic || !needsTraffic ? [] : [{ pool: null, item: 'traffic' as const, reason: 'the spec has no traffic profile, so the expected month is unknown; add traffic (requestsPerSecond, pattern, inputTokens, outputTokens)' }]),
    ...pools.flatMap((p) => p.unknown),
    ...fixed.unknown,
  ];
  const known = pools.every((p) => p.servedRequestsPerMonth !== null);
  const served = known ? pools.reduce((s, p) => s + p.servedRequestsPerMonth!, 0) : null;
  const requests = known ? pools.reduce((s, p) => s + p.requestsPerMonth!, 0) : null;
  const outputTokens = plan.traffic?.outputTokens ?? 0;
  const perMillionRequestsUsd = perMillion(monthlyUsd.expected, served);
  const perMillionOutputTokensUsd = served === null ? null : perMillion(monthlyUsd.expected, served * outputTokens);
  const budgetPools: BudgetPool[] = plan.pools.map((p, i) => ({ name: p.name, minReplicas: p.replicas.min, maxReplicas: p.replicas.max, monthlyUsdAt: pools[i].monthlyUsdAt }));
  const budget = plan.budget ? budgetCost(plan.budget, monthlyUsd, monthlyUsdAtLeast, () => suggestMaxReplicas(plan.budget!.monthlyUsd, fixed.monthlyUsd.ceiling, budgetPools)) : null;
  const assumptions = [
    ...(ctx.traffic && ctx.demand ? [describePattern(ctx.traffic, ctx.demand)] : []),
    ...(ctx.split?.assumptions ?? []),
    ...fixed.assumptions,
  ];
  const stale = stalePrices(lineItems, options.today ?? new Date());
  const warnings = (plan.warnings ?? []).filter((w) => !w.pool).map((w) => w.message);
  return {
    cloud: plan.cloud,
    region: plan.region,
    hoursPerMonth: HOURS_PER_MONTH,
    simulatedHours: ctx.simulatedHours,
    monthlyUsd,
    monthlyUsdAtLeast,
    lineItems,
    pools: pools.map((p) => p.cost),
    perMillionOutputTokensUsd,
    perMillionRequestsUsd,
    demand: plan.traffic
      ? {
          requestsPerMonth: requests === null ? null : Math.round(requests),
          servedRequestsPerMonth: served === null ? null : Math.round(served),
          outputTokensPerRequest: outputTokens,
        }
      : null,
    unservedShare: requests === null ? null : requests > 0 ? round4((requests - served!) / requests) : 0,
    budget,
    unknown,
    assumptions,
    warnings,
    stalePrices: stale,
  };
}

/** Assumptions every cost report rests on, whatever the spec. */
export const MODEL_ASSUMPTIONS: readonly string[] = [
  `A month is ${HOURS_PER_MONTH} hours (${HOURS_PER_YEAR} hours a year / 12). Prices are list prices before discounts (no savings plans, reservations or committed use).`,
  'Floor: every pool at replicas.min all month. Ceiling: every pool at replicas.max all month. Both include the fixed costs.',
  'Expected: the traffic profile simulated hour by hour over a year starting Monday 00:00 (the week repeats), then scaled to a month. Each hour runs ceil(demand / per-replica throughput) replicas, clamped to [min, max]; demand above what max replicas serve is reported as unserved, not hidden.',
  'Scale-down delay at hourly granularity: replicas stay for scaleDownDelaySeconds after the demand that needed them ends (a 300 s delay keeps the previous hour\'s extra replicas for 5 minutes of the next); scale-up is instant and demand is uniform within an hour, so bursts inside an hour and cold starts are not modelled.',
  'Spot: the first onDemandBase replicas run on on-demand nodes, the rest on spot at the catalog\'s spot price; interruptions and their replacement time are not modelled. Nodes = ceil(replicas / replicas per node) x nodes per replica, per capacity type.',
  'Unknown prices are null with a reason, never 0: a total that includes one is null, and monthlyUsdAtLeast is the labelled lower bound (the known part; a pool whose expected month is unknown counts at its floor).',
  `Throughput without a measurement ('estimate'): the batch is what the KV cache left after the weights holds (${MEMORY_MODEL.memoryUtilization * 100}% of accelerator memory, ${THROUGHPUT_MODEL.activationReserveGiB} GiB per accelerator reserved, a 16-bit KV cache, each sequence holding its prompt and half its output), up to vLLM's max_num_seqs (${VLLM_SERVER_DEFAULTS.maxNumSeqs}; ${VLLM_SERVER_DEFAULTS.largeDeviceMaxNumSeqs} on devices of ${VLLM_SERVER_DEFAULTS.largeDeviceMinMemoryGiB} GiB or more other than A100s) or a Neuron replica's compiled batch of ${THROUGHPUT_MODEL.neuronCompiledBatch}. Per request, memory time (decode steps x weights plus the batch's KV cache, over bandwidth) and compute time (2 x parameters x prompt and output tokens, over the precision's tensor FLOP/s) combine as a 2-norm where chunked prefill overlaps them (GPUs) and add up where the engine runs them apart (TPU, Neuron), plus a fixed time per step. A measurement taken on other accelerators is scaled by the ratio of the two estimates ('scaled').`,
  `Throughput factors per accelerator generation (share of peak bandwidth / share of peak FLOPs / ms per step), calibrated against published measurements (docs/cost.md): ${ACCELERATOR_GENERATIONS.map((g) => `${g.name} ${g.memoryEfficiency * 100}%/${g.computeEfficiency * 100}%/${g.stepOverheadMs}`).join(', ')}. FP8 weights compute at the FP8 rate on Ada, Hopper and Blackwell and INT8 at the INT8 rate where the generation has it; otherwise (FP8 on Ampere, INT4, quantized weights on Neuron) at the bf16 rate.`,
  `The roofline floor per pool is $ per million output tokens at perfect efficiency and the largest batch memory allows (16-bit KV cache, one token per sequence per step), at the cheaper of the instance's spot and on-demand price, without node fees: no such deployment on that accelerator can do better. A measured throughput above that ceiling is flagged as a warning (prefix caching, speculative decoding or a quantised KV cache can explain it).`,
  `Per-million figures ($ per million requests and output tokens) are unit prices rounded to four decimals; every monthly amount is rounded to the cent.`,
  `Data transfer, storage (model weights, logs, metrics retention), load balancers and NAT are not included.`,
];
