/** Properties of the cost model (fast-check): never negative, ordered, monotonic, unknown stays unknown. */
import fc from 'fast-check';
import { CloudCost, estimateCost, SCENARIOS } from '../../lib/cost';
import { InferenceSpecInput } from '../../lib/spec/schema';
import { TestPrices, testCatalog, testPlan, testSpec } from './support';

type ModelInput = InferenceSpecInput['models'][number];

const poolArb = fc.record({
  min: fc.integer({ min: 0, max: 3 }),
  extra: fc.integer({ min: 0, max: 4 }),
  spot: fc.boolean(),
  base: fc.integer({ min: 0, max: 6 }),
  rps: fc.option(fc.double({ min: 0.5, max: 20, noNaN: true }), { nil: undefined }),
  delay: fc.integer({ min: 0, max: 3600 }),
  acc: fc.constantFrom({ type: 'gpu-a', count: 1 }, { type: 'gpu-a', count: 2 }, { type: 'gpu-b', count: 1 }),
});
type PoolArb = typeof poolArb extends fc.Arbitrary<infer T> ? T : never;

const trafficArb = fc.record({
  mean: fc.double({ min: 0, max: 60, noNaN: true }),
  burst: fc.double({ min: 0, max: 60, noNaN: true }),
  pattern: fc.constantFrom('flat' as const, 'business-hours' as const),
  inputTokens: fc.integer({ min: 0, max: 4000 }),
  outputTokens: fc.integer({ min: 1, max: 500 }),
  longPromptShare: fc.double({ min: 0, max: 1, noNaN: true }),
  headerMatchShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
});
type TrafficArb = typeof trafficArb extends fc.Arbitrary<infer T> ? T : never;

const money = fc.double({ min: 0.01, max: 20, noNaN: true });
const ratio = fc.double({ min: 0.05, max: 1, noNaN: true });
const pricesArb = fc.record({ aOnDemand: money, aSpot: ratio, a4OnDemand: money, a4Spot: ratio, bOnDemand: money, bSpot: ratio, controlPlane: fc.double({ min: 0, max: 1, noNaN: true }), cpuSmall: money, cpuLarge: money, nodeFeeFraction: fc.option(fc.double({ min: 0, max: 0.3, noNaN: true }), { nil: undefined }), queuePerMillion: money });
type PricesArb = typeof pricesArb extends fc.Arbitrary<infer T> ? T : never;

function prices(p: PricesArb, scale = 1): TestPrices {
  return {
    aOnDemand: p.aOnDemand * scale,
    aSpot: p.aOnDemand * p.aSpot * scale,
    a4OnDemand: p.a4OnDemand * scale,
    a4Spot: p.a4OnDemand * p.a4Spot * scale,
    bOnDemand: p.bOnDemand * scale,
    bSpot: p.bOnDemand * p.bSpot * scale,
    controlPlane: p.controlPlane * scale,
    cpuSmall: p.cpuSmall * scale,
    cpuLarge: p.cpuLarge * scale,
    nodeFeeFraction: p.nodeFeeFraction,
    queuePerMillion: p.queuePerMillion * scale,
  };
}

function model(p: PoolArb, i: number, queue: boolean): Partial<ModelInput> {
  const max = Math.max(1, p.min + p.extra);
  return {
    serve: queue ? 'queue' : 'online',
    ...(queue ? { engine: 'custom' as const, image: 'registry.example.com/worker:1.0.0' } : {}),
    accelerator: p.acc,
    replicas: { min: p.min, max },
    capacity: { spot: p.spot, onDemandBase: Math.min(p.base, max) },
    scaling: { scaleDownDelaySeconds: p.delay },
    ...(p.rps === undefined ? {} : { throughput: { requestsPerSecondPerReplica: p.rps } }),
    name: `m${i}`,
  };
}

function spec(pools: PoolArb[], t: TrafficArb, withQueue: boolean, trafficScale = 1) {
  const online = pools.length - (withQueue ? 1 : 0);
  const models = pools.map((p, i) => model(p, i, withQueue && i === pools.length - 1));
  const rules = [
    ...(online > 1 ? [{ to: 'm1', when: { minPromptTokens: 2000 } }] : []),
    ...(online > 2 ? [{ to: 'm2', when: { header: { name: 'x-tier', value: 'gold' } } }] : []),
  ];
  return testSpec(models, {
    ...(online > 1 ? { routing: { default: 'm0', rules } } : {}),
    ...(withQueue ? { queue: {} } : {}),
    traffic: {
      requestsPerSecond: { mean: t.mean * trafficScale, peak: (t.mean + t.burst) * trafficScale },
      pattern: t.pattern,
      inputTokens: t.inputTokens,
      outputTokens: t.outputTokens,
      longPromptShare: t.longPromptShare,
      headerMatchShare: t.headerMatchShare,
    },
  });
}

const HOURS = { simulatedHours: 24 * 7 * 3 };
const cost = (pools: PoolArb[], t: TrafficArb, withQueue: boolean, p: PricesArb, opts: { priceScale?: number; trafficScale?: number } = {}): CloudCost =>
  estimateCost(testPlan(spec(pools, t, withQueue, opts.trafficScale), testCatalog(prices(p, opts.priceScale))), testCatalog(prices(p, opts.priceScale)), HOURS);

const stack = fc.tuple(fc.array(poolArb, { minLength: 1, maxLength: 3 }), trafficArb, fc.boolean(), pricesArb).filter(([pools, , q]) => !q || pools.length > 1);
const RUNS = { numRuns: 60 };

/** a <= b where both are known; a known total never exceeds an unknown one's lower bound check. */
const le = (a: number | null, b: number | null) => a === null || b === null || a <= b + 1e-9;

describe('cost properties', () => {
  it('is never negative, and floor <= expected <= ceiling', () => {
    fc.assert(
      fc.property(stack, ([pools, t, q, p]) => {
        const c = cost(pools, t, q, p);
        for (const i of c.lineItems) for (const v of [i.monthlyUsd, i.floor.monthlyUsd, i.ceiling.monthlyUsd]) expect(v === null || v >= 0).toBe(true);
        for (const s of SCENARIOS) {
          expect(c.monthlyUsdAtLeast[s]).toBeGreaterThanOrEqual(0);
          if (c.monthlyUsd[s] !== null) expect(c.monthlyUsd[s]).toBeCloseTo(c.monthlyUsdAtLeast[s], 6);
        }
        expect(le(c.monthlyUsd.floor, c.monthlyUsd.expected)).toBe(true);
        expect(le(c.monthlyUsd.expected, c.monthlyUsd.ceiling)).toBe(true);
        expect(c.monthlyUsdAtLeast.floor).toBeLessThanOrEqual(c.monthlyUsdAtLeast.expected + 1e-9);
        if (c.unservedShare !== null) expect(c.unservedShare >= 0 && c.unservedShare <= 1).toBe(true);
      }),
      RUNS,
    );
  });

  it('is monotonic in replicas: on the same machine a higher max or min never costs less', () => {
    fc.assert(
      fc.property(stack, fc.nat({ max: 2 }), fc.integer({ min: 1, max: 3 }), ([pools, t, q, p], which, more) => {
        const i = which % pools.length;
        const base = cost(pools, t, q, p);
        const raisedMax = cost(pools.map((x, j) => (j === i ? { ...x, extra: x.extra + more } : x)), t, q, p);
        // A higher max can move the pool to a larger machine that is cheaper per replica (replicas
        // pack onto it; test/plan/machine.test.ts covers when): then its months are another machine's.
        if (raisedMax.pools[i].instanceType === base.pools[i].instanceType) {
          expect(raisedMax.monthlyUsd.floor).toEqual(base.monthlyUsd.floor);
          expect(le(base.monthlyUsd.expected, raisedMax.monthlyUsd.expected)).toBe(true);
          expect(le(base.monthlyUsd.ceiling, raisedMax.monthlyUsd.ceiling)).toBe(true);
          expect(base.monthlyUsdAtLeast.expected).toBeLessThanOrEqual(raisedMax.monthlyUsdAtLeast.expected + 1e-9);
        }
        const pool = pools[i];
        if (pool.extra > 0) {
          const raisedMin = cost(pools.map((x, j) => (j === i ? { ...x, min: x.min + 1, extra: x.extra - 1 } : x)), t, q, p);
          expect(le(base.monthlyUsd.floor, raisedMin.monthlyUsd.floor)).toBe(true);
          expect(le(base.monthlyUsd.expected, raisedMin.monthlyUsd.expected)).toBe(true);
          expect(raisedMin.monthlyUsd.ceiling).toEqual(base.monthlyUsd.ceiling);
        }
      }),
      RUNS,
    );
  });

  it('is monotonic in prices', () => {
    fc.assert(
      fc.property(stack, fc.double({ min: 1, max: 5, noNaN: true }), ([pools, t, q, p], k) => {
        const base = cost(pools, t, q, p);
        const dearer = cost(pools, t, q, p, { priceScale: k });
        for (const s of SCENARIOS) {
          expect(le(base.monthlyUsd[s], dearer.monthlyUsd[s])).toBe(true);
          expect(base.monthlyUsdAtLeast[s]).toBeLessThanOrEqual(dearer.monthlyUsdAtLeast[s] + 1e-9);
        }
      }),
      RUNS,
    );
  });

  it('is monotonic in traffic', () => {
    fc.assert(
      fc.property(stack, fc.double({ min: 1, max: 5, noNaN: true }), ([pools, t, q, p], k) => {
        const base = cost(pools, t, q, p);
        const busier = cost(pools, t, q, p, { trafficScale: k });
        expect(le(base.monthlyUsd.expected, busier.monthlyUsd.expected)).toBe(true);
        expect(le(base.monthlyUsd.ceiling, busier.monthlyUsd.ceiling)).toBe(true);
        expect(busier.monthlyUsd.floor).toEqual(base.monthlyUsd.floor);
      }),
      RUNS,
    );
  });

  it('reports unknown prices as null, never 0, and every total that includes one as null', () => {
    fc.assert(
      fc.property(stack, ([pools, t, q, p]) => {
        // gpu-b has no spot price here: spot pools on it have an unknown spot line
        const catalog = testCatalog({ ...prices(p), bSpot: null });
        const c = estimateCost(testPlan(spec(pools, t, q), catalog), catalog, HOURS);
        for (const i of c.lineItems) {
          if (i.hourlyUsd === null && i.item !== 'queue') {
            expect(i.unknownReason === null ? [i.floor.hours, i.hours, i.ceiling.hours].every((h) => !h) : true).toBe(true);
            for (const [h, m] of [[i.floor.hours, i.floor.monthlyUsd], [i.hours, i.monthlyUsd], [i.ceiling.hours, i.ceiling.monthlyUsd]] as const) {
              if (h) expect(m).toBeNull();
            }
          }
        }
        for (const s of SCENARIOS) {
          const anyNull = c.lineItems.some((i) => (s === 'expected' ? i.monthlyUsd : i[s].monthlyUsd) === null);
          expect(c.monthlyUsd[s] === null).toBe(anyNull);
        }
        const spotOnB = pools.some((x) => x.acc.type === 'gpu-b' && x.spot && Math.max(1, x.min + x.extra) > x.base);
        if (spotOnB) {
          expect(c.monthlyUsd.ceiling).toBeNull();
          expect(c.unknown.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });
});
