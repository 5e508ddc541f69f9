/**
 * What a valid spec should not leave silent: spot without a spot price is a warning in validate,
 * plan and cost (exit code 0), and prices older than 90 days are reported against an injected clock.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Catalog } from '../../lib/catalog';
import { asOfDate, costReport, estimateCost, formatCostReport, priceAgeDays, stalePrices } from '../../lib/cost';
import { loadSpecTextChecked } from '../../lib/load';
import { formatIssue } from '../../lib/spec/errors';
import { runCli } from '../support/cli';
import { REGION, testCatalog, testPlan, testSpec } from './support';

const dir = mkdtempSync(join(tmpdir(), 'inferstack-warnings-'));
const flat = { traffic: { requestsPerSecond: { mean: 5, peak: 5 }, pattern: 'flat' as const, inputTokens: 100, outputTokens: 100 } };
// gpu-b's machine b.1 has no spot price in the test catalog
const spotOnB = (onDemandBase: number) => testSpec([{ accelerator: { type: 'gpu-b', count: 1 }, replicas: { min: 1, max: 3 }, capacity: { spot: true, onDemandBase }, throughput: { requestsPerSecondPerReplica: 10 } }], flat);
const MESSAGE = `the catalog has no AWS spot price for b.1 in ${REGION}, so up to 2 spot replica(s) of m0 cost an unknown amount; set capacity.onDemandBase: 3 (or spot: false) to price them on-demand`;

describe('spot without a spot price', () => {
  it('is a plan warning with its path, not a validation error', () => {
    const plan = testPlan(spotOnB(1));
    expect(plan.warnings).toEqual([{ rule: 'spot-price-known', path: ['models', 0, 'capacity', 'spot'], message: MESSAGE, pool: 'm0' }]);
    expect(testPlan(spotOnB(3)).warnings).toEqual([]);
  });

  it('is a pool warning in the cost report, next to the unknown price', () => {
    const c = estimateCost(testPlan(spotOnB(1)), testCatalog());
    expect(c.pools[0].warnings).toContain(`m0: ${MESSAGE}`);
    expect(c.monthlyUsd.ceiling).toBeNull();
    expect(formatCostReport(costReport(spotOnB(1), [testPlan(spotOnB(1))], { catalog: testCatalog() }))).toContain('warning: m0: the catalog has no AWS spot price for b.1');
  });

  it('is listed by validate with its file position', () => {
    const text = stringify(spotOnB(1));
    const { warnings } = loadSpecTextChecked(text, 'stack.yaml', testCatalog());
    expect(warnings).toHaveLength(1);
    expect(formatIssue(warnings[0], 'stack.yaml')).toMatch(/^stack\.yaml:\d+:\d+ spec\.models\[0\]\.capacity\.spot: warning: the catalog has no AWS spot price for b\.1/);
  });

  it('prints in inferstack validate, which still exits 0', async () => {
    // a machine of the shipped catalog without a spot price, wherever it is today
    const cat = Catalog.DEFAULT;
    const row = cat.prices.find((p) => p.spotHourlyUsd === null && p.onDemandHourlyUsd !== null && cat.machine(p.cloud, p.instanceType)?.acceleratorCount === 1 && cat.accelerator(cat.machine(p.cloud, p.instanceType)!.accelerator)?.kind === 'gpu');
    expect(row).toBeDefined();
    const machine = cat.machine(row!.cloud, row!.instanceType)!;
    const location = row!.cloud === 'azure' ? { location: row!.region } : row!.cloud === 'gcp' ? { project: 'spot-project', region: row!.region } : { region: row!.region };
    const f = join(dir, 'spot.yaml');
    writeFileSync(
      f,
      stringify({
        apiVersion: 'inferstack.dev/v1alpha1',
        kind: 'InferenceStack',
        metadata: { name: 'spot', environment: 'test' },
        targets: { [row!.cloud]: location },
        models: [{ name: 'm', model: 'org/m', parametersBillion: 1, accelerator: { type: machine.accelerator, count: 1 }, replicas: { min: 0, max: 2 }, capacity: { spot: true, onDemandBase: 0 } }],
      }),
    );
    const r = await runCli('validate', f);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: .*spot\.yaml \(1 model; targets: \w+; 1 warning\)\n$/);
    // Warnings go to stderr, so stdout stays the result alone.
    expect(r.stderr).toMatch(/^.*spot\.yaml:\d+:\d+ spec\.models\[0\]\.capacity\.spot: warning: the catalog has no /);
    const plan = await runCli('plan', f);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('warning: spec.models[0].capacity.spot: the catalog has no');
  });
});

describe('stale prices', () => {
  it('ages asOf dates by the last day they can stand for', () => {
    expect(asOfDate('2026-02')!.toISOString().slice(0, 10)).toBe('2026-02-28');
    expect(asOfDate('2024-02')!.toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(asOfDate('2026')!.toISOString().slice(0, 10)).toBe('2026-12-31');
    expect(asOfDate('2026-02-30')).toBeNull();
    expect(asOfDate('undated')).toBeNull();
    expect(priceAgeDays('2026-01-01', new Date('2026-04-01T15:00:00Z'))).toBe(90);
    expect(priceAgeDays('2026-03', new Date('2026-04-01T00:00:00Z'))).toBe(1);
  });

  it('reports the rows more than 90 days old on the given day, oldest first', () => {
    // test catalog dates: prices and CPU 2026-01-01, control plane 2026-02-01
    const spec = testSpec([{ replicas: { min: 1, max: 1 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat);
    const cost = (today: string) => estimateCost(testPlan(spec), testCatalog(), { today: new Date(`${today}T00:00:00Z`) });
    expect(cost('2026-04-01').stalePrices).toEqual([]);
    const later = cost('2026-05-01');
    // the control plane's row (2026-02-01) is 89 days old: not stale yet
    expect(later.stalePrices.map((s) => [s.source, s.asOf, s.ageDays])).toEqual([
      ['cpu/c.large', '2026-01-01', 120],
      ['cpu/c.small', '2026-01-01', 120],
      ['prices/a.1', '2026-01-01', 120],
    ]);
    expect(later.stalePrices.find((s) => s.source === 'prices/a.1')!.items).toEqual(['m0 accelerator-nodes (on-demand)']);
    const text = formatCostReport(costReport(spec, [testPlan(spec)], { catalog: testCatalog(), today: new Date('2026-05-01T00:00:00Z') }));
    expect(text).toMatch(/stale prices: 3 catalog row\(s\) used here are more than 90 days old \(\[\d+\] 120 days, \[\d+\] 120 days, \[\d+\] 120 days\)/);
    expect(text).toMatch(/\[\d+\] prices\/a\.1 \(as of 2026-01-01\) STALE: 120 days old/);
  });

  it('skips items without a catalog row', () => {
    const items = estimateCost(testPlan(testSpec([{ replicas: { min: 1, max: 1 } }])), testCatalog()).lineItems.map((i) => ({ ...i, source: 'spec' }));
    expect(stalePrices(items, new Date('2030-01-01T00:00:00Z'))).toEqual([]);
  });

  it('is dated in the report, and --today makes the CLI reproducible', async () => {
    const r = await runCli('cost', join(__dirname, '..', '..', 'examples', 'minimal-aws.yaml'), '--json', '--today', '2026-08-01');
    const report = JSON.parse(r.stdout);
    expect(report.pricesAgedAgainst).toBe('2026-08-01');
    const ages = report.clouds.aws.stalePrices.map((s: { ageDays: number }) => s.ageDays);
    expect(ages).toEqual([...ages].sort((a: number, b: number) => b - a));
    for (const a of ages) expect(a).toBeGreaterThan(90);
    expect((await runCli('cost', join(__dirname, '..', '..', 'examples', 'minimal-aws.yaml'), '--today', '2026-13-01')).code).toBe(2);
  });
});
