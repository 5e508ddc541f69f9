/** Hand-computed cost cases, asserted to the cent, against a small hand-built catalog. */
import { cents, costReport, estimateCost, formatCostReport, formatUsd, routingSplit, rooflineEstimate, serversFor, simulatePool, suggestMaxReplicas, tieredRequestsUsd } from '../../lib/cost';
import { REGION, testCatalog, testPlan, testSpec } from './support';

const flat = (mean: number, peak = mean, tokens = { inputTokens: 100, outputTokens: 100 }) => ({ traffic: { requestsPerSecond: { mean, peak }, pattern: 'flat' as const, ...tokens } });
const item = (c: ReturnType<typeof estimateCost>, kind: string, pool: string | null = null, capacity?: string) =>
  c.lineItems.find((i) => i.item === kind && i.pool === pool && (capacity === undefined || i.capacity === capacity))!;

describe('fixed replicas', () => {
  // 2 x a.1 at $1.25/h, all month: 2 x 1.25 x 730 = 1825.00
  // fixed: control plane 0.10 x 730 = 73.00; system 2 x c.small 0.05 x 730 = 73.00;
  // router 2 x c.large 0.10 x 730 = 146.00; Prometheus 1 x c.small = 36.50 -> 328.50
  const spec = testSpec([{ replicas: { min: 2, max: 2 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat(5));
  const cost = estimateCost(testPlan(spec), testCatalog());

  it('prices every month the same when min = max', () => {
    expect(cost.monthlyUsd).toEqual({ floor: 2153.5, expected: 2153.5, ceiling: 2153.5 });
    expect(cost.monthlyUsdAtLeast).toEqual(cost.monthlyUsd);
  });

  it('lists the pool, the control plane and the CPU components with their sources', () => {
    expect(item(cost, 'accelerator-nodes', 'm0')).toMatchObject({ instanceType: 'a.1', capacity: 'on-demand', hourlyUsd: 1.25, hours: 1460, monthlyUsd: 1825, source: 'prices/a.1', asOf: '2026-01-01', unknownReason: null });
    expect(item(cost, 'control-plane')).toMatchObject({ hourlyUsd: 0.1, hours: 730, monthlyUsd: 73, source: 'fees/control-plane', asOf: '2026-02-01' });
    expect(item(cost, 'system-nodes')).toMatchObject({ instanceType: 'c.small', hours: 1460, monthlyUsd: 73, source: 'cpu/c.small' });
    expect(item(cost, 'router')).toMatchObject({ instanceType: 'c.large', hours: 1460, monthlyUsd: 146 });
    expect(item(cost, 'prometheus')).toMatchObject({ instanceType: 'c.small', hours: 730, monthlyUsd: 36.5 });
    expect(cost.lineItems.some((i) => i.item === 'platform-fee')).toBe(false);
  });

  it('gives $ per million requests and output tokens served', () => {
    // 5 rps x 3600 x 730 = 13.14M requests; 1,314M output tokens: 2,153.50 / 13.14 = 163.8889,
    // 2,153.50 / 1,314 = 1.6389 (unit prices to four decimals)
    expect(cost.perMillionRequestsUsd).toBe(163.8889);
    expect(cost.perMillionOutputTokensUsd).toBe(1.6389);
    expect(cost.pools[0].perMillionOutputTokensUsd).toBe(1.3889); // the pool alone: 1,825 / 1,314
    expect(cost.unservedShare).toBe(0);
  });

  it('keeps the contract field names in JSON', () => {
    const json = JSON.parse(JSON.stringify(costReport(spec, [testPlan(spec)], { catalog: testCatalog() })));
    expect(Object.keys(json.clouds.aws.monthlyUsd)).toEqual(['floor', 'expected', 'ceiling']);
    expect(Object.keys(json.clouds.aws.lineItems[0]).slice(0, 9)).toEqual(['pool', 'item', 'instanceType', 'capacity', 'hourlyUsd', 'hours', 'monthlyUsd', 'source', 'asOf']);
    expect(json.clouds.aws).toHaveProperty('perMillionOutputTokensUsd');
    expect(json.clouds.aws).toHaveProperty('unservedShare');
    expect(json).toHaveProperty('onPrem', null);
    expect(json.assumptions.length).toBeGreaterThan(5);
  });
});

describe('spot split', () => {
  it('runs the first onDemandBase replicas on on-demand and the rest on spot', () => {
    // 1 x 1.25 x 730 = 912.50 on-demand; 2 x 0.50 x 730 = 730.00 spot
    const spec = testSpec([{ replicas: { min: 3, max: 3 }, capacity: { spot: true, onDemandBase: 1 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat(1));
    const cost = estimateCost(testPlan(spec), testCatalog());
    expect(item(cost, 'accelerator-nodes', 'm0', 'on-demand')).toMatchObject({ hours: 730, monthlyUsd: 912.5, floor: { hours: 730, monthlyUsd: 912.5 } });
    expect(item(cost, 'accelerator-nodes', 'm0', 'spot')).toMatchObject({ hourlyUsd: 0.5, hours: 1460, monthlyUsd: 730, ceiling: { hours: 1460, monthlyUsd: 730 } });
    expect(cost.monthlyUsd.expected).toBe(1642.5 + 328.5);
  });

  it('fills on-demand first as replicas grow', () => {
    // min 0, max 4, base 1: floor 0; ceiling 1 od + 3 spot = 912.50 + 1,095.00
    const spec = testSpec([{ replicas: { min: 0, max: 4 }, capacity: { spot: true, onDemandBase: 1 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat(1));
    const cost = estimateCost(testPlan(spec), testCatalog());
    expect(cost.pools[0].monthlyUsd).toEqual({ floor: 0, expected: 912.5, ceiling: 2007.5 });
  });
});

describe('fixed fees', () => {
  it('charges a per-node fee on every node-hour, spot included, and on the CPU nodes', () => {
    // fee 10% of a.1 on-demand 1.25 = 0.125/h x 3 nodes x 730 = 273.75
    // CPU nodes: 3 x c.small (0.005/h) = 10.95; 2 x c.large (0.01/h) = 14.60
    const spec = testSpec([{ replicas: { min: 3, max: 3 }, capacity: { spot: true, onDemandBase: 1 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat(1));
    const cost = estimateCost(testPlan(spec), testCatalog({ nodeFeeFraction: 0.1 }));
    expect(item(cost, 'node-fee', 'm0')).toMatchObject({ hourlyUsd: 0.125, hours: 2190, monthlyUsd: 273.75, source: 'fees/node', uncertain: true });
    const cpuFees = cost.lineItems.filter((i) => i.item === 'node-fee' && i.pool === null);
    expect(cpuFees.map((i) => [i.instanceType, i.monthlyUsd])).toEqual([['c.small', 10.95], ['c.large', 14.6]]);
    // 1,642.50 + 328.50 + 273.75 + 10.95 + 14.60
    expect(cost.monthlyUsd.floor).toBe(2270.3);
  });

  it('looks the control plane up by the capability table id and reports a missing price as unknown', () => {
    const spec = testSpec([{ replicas: { min: 1, max: 1 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat(1));
    const cost = estimateCost(testPlan(spec), testCatalog({ controlPlane: null }));
    expect(item(cost, 'control-plane')).toMatchObject({ hourlyUsd: null, monthlyUsd: null, unknownReason: 'the catalog has no price for fee eks-control-plane (fees.json)' });
    expect(cost.monthlyUsd).toEqual({ floor: null, expected: null, ceiling: null });
    // 912.50 + 255.50 known: control plane left out of the lower bound
    expect(cost.monthlyUsdAtLeast).toEqual({ floor: 1168, expected: 1168, ceiling: 1168 });
  });
});

describe('queue charges', () => {
  const spec = testSpec([{ serve: 'queue', engine: 'custom', image: 'registry.example.com/worker:1.0.0', replicas: { min: 1, max: 4 }, throughput: { requestsPerSecondPerReplica: 10 } }], { ...flat(10, 20), queue: {} });
  const cost = estimateCost(testPlan(spec), testCatalog());
  it('bills send, receive and delete per request beyond the free requests', () => {
    // expected: 10 rps x 3600 x 730 = 26.28M messages x 3 = 78.84M - 1M free = 77.84M x $0.40/M = 31.136
    // ceiling: 20 rps -> 157.68M - 1M = 156.68M x 0.40 = 62.672; floor: base 0
    const q = item(cost, 'queue');
    expect([q.floor.monthlyUsd, q.monthlyUsd, q.ceiling.monthlyUsd]).toEqual([0, 31.14, 62.67]);
    expect(q.usage).toEqual({ quantity: 77.84, unit: 'million operations', unitPriceUsd: 0.4 });
    expect(q.source).toBe('queues/sqs');
  });
  it('has no router without online models', () => {
    expect(cost.lineItems.some((i) => i.item === 'router')).toBe(false);
  });
});

describe('queue tiers and free allowances', () => {
  const queueSpec = (mean: number, peak: number, inputTokens = 100) =>
    testSpec([{ serve: 'queue', engine: 'custom', image: 'registry.example.com/worker:1.0.0', replicas: { min: 1, max: 4 }, throughput: { requestsPerSecondPerReplica: 1000 } }], { ...flat(mean, peak, { inputTokens, outputTokens: 10 }), queue: {} });
  // Service Bus Standard's tiers: 13M operations included in the base charge, $0.80/M to 100M, $0.50/M to 2,500M, $0.20/M above
  const serviceBus = { baseMonthlyUsd: 9.81, freeRequestsPerMonth: 13e6, requestTiers: [{ upToRequestsPerMonth: 13e6, perMillionUsd: 0 }, { upToRequestsPerMonth: 100e6, perMillionUsd: 0.8 }, { upToRequestsPerMonth: 2500e6, perMillionUsd: 0.5 }, { upToRequestsPerMonth: null, perMillionUsd: 0.2 }] };
  it('prices operations at the tiers, by hand', () => {
    // expected: 10 rps x 3600 x 730 = 26.28M messages x 3 = 78.84M operations: (78.84 - 13) x 0.80 + 9.81 = 62.48
    // ceiling: 400 rps -> 3,153.6M operations: 87 x 0.80 + 2,400 x 0.50 + 653.6 x 0.20 + 9.81 = 1,410.13
    const q = item(estimateCost(testPlan(queueSpec(10, 400)), testCatalog({ queue: serviceBus })), 'queue');
    expect([q.floor.monthlyUsd, q.monthlyUsd, q.ceiling.monthlyUsd]).toEqual([9.81, 62.48, 1410.13]);
    expect(q.usage).toEqual({ quantity: 65.84, unit: 'million operations', unitPriceUsd: 0.8 });
    expect(q.basis).toContain('13,000,000 a month included, then $0.8/M to 100M, $0.5/M to 2,500M, $0.2/M above');
    expect(tieredRequestsUsd(3153.6e6, serviceBus.requestTiers)).toBeCloseTo(1400.32, 9);
  });
  it('takes the free bytes off throughput-priced queues', () => {
    // Pub/Sub-like: $40/TiB after 10 GiB free, at least 1,000 bytes a message, billed twice.
    const pubsub = { perMillionRequestsUsd: null, perTiBUsd: 40, minBilledBytesPerMessage: 1000, freeRequestsPerMonth: 0, freeBytesPerMonth: 10 * 1024 ** 3 };
    // 1 rps: 2.628M messages x 2 x 1,000 bytes = 4.9 GiB: inside the allowance
    expect(item(estimateCost(testPlan(queueSpec(1, 1)), testCatalog({ queue: pubsub })), 'queue').monthlyUsd).toBe(0);
    // 10 rps: 52.56e9 bytes - 10 GiB = 41.82e9 bytes = 0.038 TiB x $40 = 1.52
    expect(item(estimateCost(testPlan(queueSpec(10, 10)), testCatalog({ queue: pubsub })), 'queue').monthlyUsd).toBe(cents(((52.56e9 - 10 * 1024 ** 3) / 1024 ** 4) * 40));
  });
});

describe('known when known', () => {
  it('gives fixed replicas (min = max) an expected month equal to the floor without traffic', () => {
    const c = estimateCost(testPlan(testSpec([{ replicas: { min: 2, max: 2 } }])), testCatalog());
    expect(c.monthlyUsd).toEqual({ floor: 2153.5, expected: 2153.5, ceiling: 2153.5 });
    expect(c.pools[0]).toMatchObject({ meanReplicas: 2, peakHourReplicas: 2, unservedShare: null });
    expect(c.pools[0].notes).toContain('replicas fixed at 2 (min = max): the expected month is the floor, whatever the traffic');
    expect(c.unknown).toEqual([]);
  });
  it('keeps the expected month unknown without traffic when a pool scales', () => {
    const c = estimateCost(testPlan(testSpec([{ replicas: { min: 2, max: 2 } }, { replicas: { min: 0, max: 3 } }], { routing: { default: 'm0' } })), testCatalog());
    expect(c.monthlyUsd.expected).toBeNull();
    expect(c.pools[0].monthlyUsd.expected).toBe(1825);
    expect(c.unknown.map((u) => u.item)).toEqual(['traffic']);
  });
});

describe('scale-down delay at hourly granularity', () => {
  // 12 hours at 10 rps then 12 at 30 rps every day (custom weights 1 and 3, mean 20), 10 rps per replica:
  // 1 replica, then 3. Each midnight the 2 extra replicas stay for the delay.
  const weights = [...Array(12).fill(1), ...Array(12).fill(3)];
  const month = (delaySeconds: number) => {
    const spec = testSpec(
      [{ replicas: { min: 0, max: 5 }, scaling: { scaleDownDelaySeconds: delaySeconds }, throughput: { requestsPerSecondPerReplica: 10 } }],
      { traffic: { requestsPerSecond: { mean: 20, peak: 30 }, pattern: 'custom', hourlyWeights: weights, inputTokens: 10, outputTokens: 10 } },
    );
    return estimateCost(testPlan(spec), testCatalog()).pools[0];
  };
  it.each([
    [0, 48], // 12 x 1 + 12 x 3
    [900, 48.5], // + 2 replicas for a quarter of an hour
    [1800, 49], // + 2 for half an hour
    [3600, 50], // + 2 for the whole first hour
  ])('delay %is: %d replica-hours a day', (delay, perDay) => {
    const p = month(delay);
    // 365 days / 12 months x replica-hours a day x $1.25
    expect(p.monthlyUsd.expected).toBe(Math.round(((perDay * 365) / 12) * 1.25 * 100) / 100);
    expect(p.meanReplicas).toBe(Math.round((perDay / 24) * 100) / 100);
    expect(p.peakHourReplicas).toBe(3);
  });
});

describe('unserved demand', () => {
  it('reports demand above replicas.max instead of hiding it', () => {
    // 30 rps, 10 per replica, max 2: 20 served, 10 unserved = one third
    const spec = testSpec([{ replicas: { min: 0, max: 2 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat(30, 45));
    const cost = estimateCost(testPlan(spec), testCatalog());
    expect(cost.pools[0].unservedShare).toBe(0.3333);
    expect(cost.unservedShare).toBe(0.3333);
    expect(cost.pools[0].atPeak).toEqual({ requestsPerSecond: 45, replicasNeeded: 5, unservedShare: 0.5556 });
    // the $ per million counts served requests only: 30 rps x 2/3 x 3600 x 730
    expect(cost.perMillionRequestsUsd).toBe(Math.round((cost.monthlyUsd.expected! / ((20 * 3600 * 730) / 1e6)) * 1e4) / 1e4);
  });

  it('warns when replicas.max cannot serve the peak, which the expected month does not reach', () => {
    // mean 10 rps is served by 1 replica; the 45 rps peak needs 5, max 2 serves 20: 25 / 45 = 55.6% unserved
    const spec = testSpec([{ replicas: { min: 0, max: 2 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat(10, 45));
    const cost = estimateCost(testPlan(spec), testCatalog());
    expect(cost.unservedShare).toBe(0);
    expect(cost.pools[0].warnings).toEqual([
      "m0: at the traffic's peak (45 requests/s for this pool) it needs 5 replicas; replicas.max 2 leaves 55.6% of the peak's requests unserved (the expected month simulates the traffic pattern at its mean, not this peak, so its unserved share does not show it)",
    ]);
    expect(formatCostReport(costReport(spec, [testPlan(spec)], { catalog: testCatalog() }))).toContain("warning: m0: at the traffic's peak (45 requests/s");
    const enough = estimateCost(testPlan(testSpec([{ replicas: { min: 0, max: 5 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat(10, 45))), testCatalog());
    expect(enough.pools[0].warnings).toEqual([]);
  });
});

describe('money in the tables', () => {
  it('puts the sign before the dollar, and never prints a negative zero', () => {
    expect(formatUsd(-8409.07)).toBe('-$8,409.07');
    expect(formatUsd(-0.001)).toBe('$0.00');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(null)).toBe('unknown');
  });

});

describe('unknown prices', () => {
  const spec = testSpec([{ accelerator: { type: 'gpu-b', count: 1 }, replicas: { min: 0, max: 2 }, capacity: { spot: true, onDemandBase: 0 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat(5));
  const cost = estimateCost(testPlan(spec), testCatalog());
  it('stays null with a reason, never 0, and the lower bound is labelled separately', () => {
    const spot = item(cost, 'accelerator-nodes', 'm0', 'spot');
    expect(spot.hourlyUsd).toBeNull();
    expect(spot.monthlyUsd).toBeNull();
    expect(spot.ceiling.monthlyUsd).toBeNull();
    expect(spot.unknownReason).toBe(`the catalog has no spot price for b.1 in ${REGION} (prices.json)`);
    // nothing runs at the floor, so the floor is known to be the fixed costs only
    expect(spot.floor.monthlyUsd).toBe(0);
    expect(cost.monthlyUsd).toEqual({ floor: 328.5, expected: null, ceiling: null });
    expect(cost.monthlyUsdAtLeast).toEqual({ floor: 328.5, expected: 328.5, ceiling: 328.5 });
    expect(cost.unknown.map((u) => u.reason)).toContain(spot.unknownReason);
    expect(cost.perMillionRequestsUsd).toBeNull();
  });
  it('prints the lower bound as such', () => {
    const text = formatCostReport(costReport(spec, [testPlan(spec)], { catalog: testCatalog() }));
    expect(text).toContain('>= $328.50 (incomplete)');
    expect(text).toContain(`unknown: the catalog has no spot price for b.1 in ${REGION} (prices.json)`);
  });
  it('leaves the expected month unknown without traffic', () => {
    const noTraffic = testSpec([{ replicas: { min: 1, max: 2 } }]);
    const c = estimateCost(testPlan(noTraffic), testCatalog());
    expect(c.monthlyUsd).toEqual({ floor: 1241, expected: null, ceiling: 2153.5 });
    expect(c.monthlyUsdAtLeast.expected).toBe(1241);
    expect(c.unknown[0].item).toBe('traffic');
  });
});

describe('budget', () => {
  const budgetSpec = (monthlyUsd: number, onExceed: 'error' | 'warn' = 'error') =>
    testSpec([{ replicas: { min: 0, max: 10 }, throughput: { requestsPerSecondPerReplica: 10 } }], { ...flat(5), budget: { monthlyUsd, onExceed } });
  it('gives a verdict per month and the largest max replicas that fit', () => {
    // fixed 328.50 + 912.50 per replica-month; ceiling at 10 = 9,453.50 > 5,000; (5000 - 328.5) / 912.5 = 5.1 -> 5
    const b = estimateCost(testPlan(budgetSpec(5000)), testCatalog()).budget!;
    expect(b.verdict).toEqual({ floor: 'within', expected: 'within', ceiling: 'over' });
    expect(b.percentOfBudget.ceiling).toBe(189.1);
    expect(b.suggestedMaxReplicas).toEqual({ m0: 5 });
    expect(b.fix).toBe('lower replicas.max (m0: 10 -> 5) for a ceiling of $4,891.00, or raise budget.monthlyUsd');
  });
  it('says when even the floor does not fit', () => {
    const b = estimateCost(testPlan(budgetSpec(1000)), testCatalog()).budget!;
    expect(b.suggestedMaxReplicas).toBeNull();
    expect(b.fix).toContain('raise budget.monthlyUsd to at least $1,241.00');
  });
  it('shares the budget across pools: same factor first, then the cheapest next replica', () => {
    // pools at $912.50 and $2,190 per replica-month, fixed 0: budget 10,000
    const pools = [
      { name: 'small', minReplicas: 0, maxReplicas: 8, monthlyUsdAt: (r: number) => r * 912.5 },
      { name: 'large', minReplicas: 0, maxReplicas: 4, monthlyUsdAt: (r: number) => r * 2190 },
    ];
    const s = suggestMaxReplicas(10000, 0, pools);
    // largest common factor just under 0.75 -> small 5, large 2 = 8,942.50; then one more small
    // (9,855.00) fits, another (10,767.50) or a large (11,132.50) does not
    expect(s.suggested).toEqual({ small: 6, large: 2 });
    expect(s.ceilingUsd).toBe(9855);
  });
  it('with an unknown price, still says when the priced part alone is over budget', () => {
    const pools = [
      { name: 'known', minReplicas: 3, maxReplicas: 4, monthlyUsdAt: (r: number) => r * 1000 },
      { name: 'unpriced', minReplicas: 0, maxReplicas: 2, monthlyUsdAt: () => null },
    ];
    expect(suggestMaxReplicas(2000, 100, pools)).toEqual({
      suggested: null,
      ceilingUsd: null,
      fix: 'even the priced part of the ceiling with replicas.max at known: 3, unpriced: 1 is at least $3,100.00 (a price is unknown); raise budget.monthlyUsd above that, lower replicas.min, or choose cheaper accelerators',
    });
    expect(suggestMaxReplicas(10000, 100, pools).fix).toBe('a price is unknown, so no replica bound can be checked against the budget; set the missing prices in the catalog');
  });
});

describe('routing split', () => {
  it('sends long prompts and header matches to their rule, first match first', () => {
    const split = routingSplit(
      {
        pools: [{ name: 'small', serve: 'online' }, { name: 'large', serve: 'online' }],
        router: { default: 'small', rules: [{ to: 'large', minPromptTokens: 4000 }, { to: 'large', header: { name: 'x-quality', value: 'high' } }] },
      },
      { requestsPerSecond: { mean: 1, peak: 1 }, pattern: 'flat', inputTokens: 900, outputTokens: 250, longPromptShare: 0.1, headerMatchShare: 0.02 },
    );
    // large: 10% long + 2% of the other 90% = 11.8%
    expect(split.shares.get('large')!.share).toBeCloseTo(0.118, 10);
    expect(split.shares.get('small')!.share).toBeCloseTo(0.882, 10);
    // long prompts average 4000 tokens; the rest (900 - 400) / 0.9 = 555.6 so the mean stays 900
    expect(split.shares.get('large')!.inputTokens).toBeCloseTo((400 + 0.018 * (500 / 0.9)) / 0.118, 6);
    const mean = split.shares.get('large')!.share * split.shares.get('large')!.inputTokens + split.shares.get('small')!.share * split.shares.get('small')!.inputTokens;
    expect(mean).toBeCloseTo(900, 6);
  });
  it('states its default shares when the spec gives none', () => {
    const split = routingSplit(
      { pools: [{ name: 'a', serve: 'online' }, { name: 'b', serve: 'online' }], router: { default: 'a', rules: [{ to: 'b', header: { name: 'h', value: '1' } }, { to: 'b', header: { name: 'h', value: '2' } }] } },
      { requestsPerSecond: { mean: 1, peak: 1 }, pattern: 'flat', inputTokens: 10, outputTokens: 10 },
    );
    // two values of one header, 5% each, exclusive
    expect(split.shares.get('b')!.share).toBeCloseTo(0.1, 10);
    expect(split.assumptions.join(' ')).toContain('default assumption; set traffic.headerMatchShare');
  });
});

describe('throughput estimate', () => {
  it('is labelled an estimate in the report, and a measurement is scaled when the cloud overrides the accelerator', () => {
    const estimated = estimateCost(testPlan(testSpec([{ replicas: { min: 0, max: 2 } }], flat(1))), testCatalog());
    expect(estimated.pools[0].throughput.source).toBe('estimate');
    expect(estimated.pools[0].throughput.note).toMatch(/^estimate: batch \d+ /);
    const spec = testSpec([{ replicas: { min: 0, max: 2 }, throughput: { requestsPerSecondPerReplica: 4 }, overrides: { aws: { accelerator: { type: 'gpu-b', count: 1 } } } }], flat(1));
    const scaled = estimateCost(testPlan(spec), testCatalog());
    expect(scaled.pools[0].throughput.source).toBe('scaled');
    expect(scaled.pools[0].throughput.requestsPerSecondPerReplica).toBeGreaterThan(4);
    // A measurement taken on the cloud's own accelerator applies as given.
    const own = testSpec([{ replicas: { min: 0, max: 2 }, throughput: { requestsPerSecondPerReplica: 4 }, overrides: { aws: { accelerator: { type: 'gpu-b', count: 1 }, throughput: { requestsPerSecondPerReplica: 3 } } } }], flat(1));
    const measured = estimateCost(testPlan(own), testCatalog());
    expect(measured.pools[0].throughput).toMatchObject({ source: 'measured', requestsPerSecondPerReplica: 3 });
  });
});

describe('measured throughput against the roofline', () => {
  // gpu-a, 8B bf16, 100 in / 100 out: the KV budget (40 GiB x 0.9 - 16 GB - 1 GiB reserve) holds
  // this many sequences at a mean resident context of 100 + 100 / 2 = 150 tokens
  const acc = { type: 'gpu-a', count: 1, memoryGiB: 40, memoryBandwidthGBps: 1000, denseBf16Tflops: 200 };
  const est = rooflineEstimate({ parametersBillion: 8, precision: 'bf16' }, acc, { inputTokens: 100, outputTokens: 100 });
  const pool = (rps: number) => estimateCost(testPlan(testSpec([{ replicas: { min: 0, max: 100 }, throughput: { requestsPerSecondPerReplica: rps } }], flat(1))), testCatalog()).pools[0];
  it('computes the ceiling by hand', () => {
    const top = Math.floor((40 * 1024 ** 3 * 0.9 - 16e9 - 1024 ** 3) / (150 * 131072));
    expect(est.maxBatchByMemory).toBe(top);
    expect(est.ceilingOutputTokensPerSecond).toBeCloseTo(top / Math.max((16e9 + top * 150 * 131072) / 1e12, (2 * 8e9 * top) / 200e12), 6);
    expect(est.ceilingOutputTokensPerSecond).toBeGreaterThan(est.outputTokensPerSecond);
  });
  it('warns when a measurement is above the ceiling, and not below it', () => {
    const above = pool(Math.ceil(est.ceilingOutputTokensPerSecond / 100) + 1);
    expect(above.warnings).toHaveLength(1);
    expect(above.warnings[0]).toContain(`m0: the measured throughput (${above.throughput.outputTokensPerSecondPerReplica} output tokens/s per replica) is above the roofline ceiling of ${Number(est.ceilingOutputTokensPerSecond.toPrecision(3))} output tokens/s on 1 x gpu-a`);
    expect(pool(Math.floor(est.ceilingOutputTokensPerSecond / 100) - 1).warnings).toEqual([]);
  });
});

describe('simulation', () => {
  it('clamps to [min, max] and maps replicas to nodes per capacity type', () => {
    const demand = new Float64Array([0, 5, 100]);
    const s = simulatePool(demand, 1, 2, { minReplicas: 1, maxReplicas: 4, onDemandReplicas: 1, replicasPerNode: 2, nodesPerReplica: 1 }, 0);
    // replicas 1, 3, 4 -> on-demand nodes 1, 1, 1; spot replicas 0, 2, 3 -> nodes 0, 1, 2
    expect(s.replicaHours).toBe(8);
    expect(s.onDemandNodeHours).toBe(3);
    expect(s.spotNodeHours).toBe(3);
    expect(s.servedRequests).toBe((0 + 5 + 8) * 3600);
  });
});

describe('on-prem', () => {
  it('sizes servers for the peak and amortises capex, power and operations', () => {
    const spec = testSpec([{ replicas: { min: 0, max: 10 }, throughput: { requestsPerSecondPerReplica: 10 } }], {
      ...flat(20, 50),
      onPrem: { acceleratorType: 'gpu-a', acceleratorsPerServer: 8, serverCapexUsd: 100000, amortizationMonths: 40, powerKwPerServer: 5, usdPerKwh: 0.1, pue: 1.5, opsUsdPerServerMonth: 1000 },
    });
    const report = costReport(spec, [testPlan(spec)], { catalog: testCatalog() });
    const o = report.onPrem!;
    // peak 50 rps / 10 per replica = 5 replicas of 1 accelerator -> 1 server
    expect(o.servers).toBe(1);
    // capex 100,000 / 40 = 2,500; power 5 kW x 1.5 x 730 h x $0.10 = 547.50; operations 1,000
    expect(o.monthlyUsd).toEqual({ capex: 2500, power: 547.5, operations: 1000, total: 4047.5 });
    expect(o.upfrontUsd).toBe(100000);
    // cloud: 2 replicas all month (20 rps) = 1,825 + 328.50 = 2,153.50; the purchase is repaid by
    // 2,153.50 - (547.50 + 1,000) = 606 a month after 100,000 / 606 = 165 months
    expect(o.versusCloud.aws).toEqual({ cloudExpectedMonthlyUsd: 2153.5, onPremMonthlyUsd: 4047.5, monthlySavingUsd: -1894, breakEvenMonths: 165 });
    expect(o.acceleratorStreetPriceUsd).toMatchObject({ low: 80000, high: 96000 });
  });
  it('packs replicas onto servers first-fit, largest first', () => {
    expect(serversFor([4, 4, 2, 2, 1, 1], 8)).toBe(2);
    expect(serversFor([16], 8)).toBe(2);
    expect(serversFor([], 8)).toBe(0);
  });
});
