/** `inferstack cost <spec> --diff <base-spec>`: the JSON contract, pool changes, clouds in one version, exit codes, Markdown. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costDiff, costReport, formatCostDiff, formatCostDiffMarkdown } from '../../lib/cost';
import { EXAMPLES_DIR } from '../support/specs';
import { runCli } from '../support/cli';
import { testCatalog, testPlan, testSpec } from './support';

const flat = { traffic: { requestsPerSecond: { mean: 5, peak: 5 }, pattern: 'flat' as const, inputTokens: 100, outputTokens: 100 } };
const today = new Date('2026-02-01T00:00:00Z');
const version = (spec: ReturnType<typeof testSpec>, clouds = true) => {
  const plans = clouds ? [testPlan(spec)] : [];
  return { report: costReport(spec, plans, { catalog: testCatalog(), today }), plans };
};

describe('costDiff', () => {
  // base: one pool of 1-2 replicas; head: that pool at max 4, and a new pool on gpu-b with spot (no spot price)
  const base = testSpec([{ replicas: { min: 1, max: 2 }, throughput: { requestsPerSecondPerReplica: 10 } }], flat);
  const head = testSpec(
    [
      { replicas: { min: 1, max: 4 }, throughput: { requestsPerSecondPerReplica: 10 } },
      { accelerator: { type: 'gpu-b', count: 1 }, replicas: { min: 0, max: 2 }, capacity: { spot: true, onDemandBase: 0 }, throughput: { requestsPerSecondPerReplica: 10 } },
    ],
    { ...flat, routing: { default: 'm0' } },
  );
  const diff = costDiff(version(base), version(head));
  const aws = diff.clouds.aws!;

  it('has the documented shape', () => {
    expect(diff.apiVersion).toBe('inferstack.dev/cost-diff/v1alpha1');
    expect(Object.keys(aws.monthlyUsd)).toEqual(['floor', 'expected', 'ceiling']);
    for (const s of ['floor', 'expected', 'ceiling'] as const) expect(Object.keys(aws.monthlyUsd[s])).toEqual(['base', 'head', 'delta']);
    expect(aws.pools.map((p) => [p.pool, p.change])).toEqual([
      ['m0', 'changed'],
      ['m1', 'added'],
    ]);
    expect(Object.keys(aws.pools[0])).toEqual(['pool', 'change', 'monthlyUsd', 'changes']);
  });

  it('computes the deltas to the cent, and keeps unknown as null', () => {
    // floor unchanged: 1 x a.1 all month (912.50) + fixed 328.50 in both; the new pool runs nothing at its floor
    expect(aws.monthlyUsd.floor).toEqual({ base: 1241, head: 1241, delta: 0 });
    // m0's ceiling doubles: 2 -> 4 replicas of a.1 at $1.25/h = 1,825 -> 3,650
    expect(aws.pools[0].monthlyUsd.ceiling).toEqual({ base: 1825, head: 3650, delta: 1825 });
    expect(aws.pools[0].changes).toEqual(['replicas.max 2 -> 4']);
    // the new pool's spot price is unknown: its ceiling and the head's total stay null, never 0
    expect(aws.pools[1].monthlyUsd.ceiling).toEqual({ base: 0, head: null, delta: null });
    expect(aws.monthlyUsd.ceiling.head).toBeNull();
    expect(aws.monthlyUsd.ceiling.delta).toBeNull();
    expect(aws.monthlyUsdAtLeast.ceiling.head).toBeGreaterThan(aws.monthlyUsdAtLeast.ceiling.base);
    expect(aws.unknown.head.some((u) => u.includes('no spot price for b.1'))).toBe(true);
  });

  it('marks a pool removed and a cloud only one version targets', () => {
    const back = costDiff(version(head), version(base));
    expect(back.clouds.aws!.pools.map((p) => [p.pool, p.change])).toEqual([
      ['m0', 'changed'],
      ['m1', 'removed'],
    ]);
    const added = costDiff(version(base, false), version(base)).clouds.aws!;
    expect(added.change).toBe('added');
    expect(added.monthlyUsd.floor).toEqual({ base: 0, head: 1241, delta: 1241 });
    expect(added.region).toEqual({ base: null, head: 'test-1' });
    expect(costDiff(version(base), version(base, false)).clouds.aws!.change).toBe('removed');
    expect(costDiff(version(base), version(base)).clouds.aws!.change).toBe('unchanged');
  });

  it('reads as a compact Markdown table and as text within 120 columns', () => {
    const markdown = formatCostDiffMarkdown(diff);
    expect(markdown).toContain('| cloud | month | base | head | change |');
    expect(markdown).toContain('| **aws test-1** | floor | $1,241.00 | $1,241.00 | $0.00 |');
    expect(markdown).toContain('| aws | m0 | changed | $912.50 | $912.50 | $0.00 | +$1,825.00 (+100.0%) | replicas.max 2 -> 4 |');
    expect(markdown).toMatch(/\| ceiling \| \$2,153\.50 \| >= \$\d[\d,.]* \| unknown \|/);
    for (const line of formatCostDiff(diff).split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });
});

describe('inferstack cost --diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inferstack-diff-'));
  const example = (name: string) => join(EXAMPLES_DIR, name);
  const variant = (name: string, edit: (t: string) => string) => {
    const p = join(dir, name);
    writeFileSync(p, edit(readFileSync(example('support-assistant.yaml'), 'utf8')));
    return p;
  };
  const head = variant('head.yaml', (t) => t.replace('replicas: { min: 0, max: 8 }', 'replicas: { min: 0, max: 12 }'));

  it('prints the JSON contract for every cloud and exits 0 within budget with onExceed: warn', async () => {
    const r = await runCli('cost', head, '--diff', example('support-assistant.yaml'), '--json', '--today', '2026-08-01');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.apiVersion).toBe('inferstack.dev/cost-diff/v1alpha1');
    expect(Object.keys(d.clouds)).toEqual(['aws', 'gcp', 'azure']);
    for (const c of Object.values<Record<string, any>>(d.clouds)) {
      expect(Object.keys(c.monthlyUsd)).toEqual(['floor', 'expected', 'ceiling']);
      expect(c.pools.find((p: { pool: string }) => p.pool === 'chat-large')).toMatchObject({ change: 'changed', changes: ['replicas.max 8 -> 12'] });
      expect(c.pools.find((p: { pool: string }) => p.pool === 'chat-small').change).toBe('unchanged');
      expect(c.monthlyUsd.ceiling.delta).toBeGreaterThan(0);
      expect(c.budget.verdict).toHaveProperty('ceiling');
    }
  });

  it('handles a cloud only the head targets', async () => {
    const base = variant('no-azure.yaml', (t) => t.replace(/\n  azure: \{ location: eastus \}/, ''));
    const d = JSON.parse((await runCli('cost', example('support-assistant.yaml'), '--diff', base, '--json')).stdout);
    expect(d.clouds.azure.change).toBe('added');
    expect(d.clouds.azure.monthlyUsd.floor.base).toBe(0);
    expect(d.clouds.azure.pools.every((p: { change: string }) => p.change === 'added')).toBe(true);
    expect(d.clouds.aws.change).toBe('unchanged');
    const one = JSON.parse((await runCli('cost', example('support-assistant.yaml'), '--diff', base, '--json', '--cloud', 'azure')).stdout);
    expect(Object.keys(one.clouds)).toEqual(['azure']);
  });

  it('prints Markdown for a pull-request comment', async () => {
    const r = await runCli('cost', head, '--diff', example('support-assistant.yaml'), '--format', 'markdown');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### inferstack cost: support-assistant\/prod\n\n\| cloud \| month \| base \| head \| change \|\n\|---\|---\|--:\|--:\|--:\|\n/);
    expect(r.stdout).toContain('| aws | chat-large | changed |');
    expect(r.stdout).toContain('3 pool(s) unchanged.');
  });

  it('exits 1 when the head is over budget with onExceed: error, after printing the diff', async () => {
    const over = variant('over.yaml', (t) => t.replace('monthlyUsd: 40000', 'monthlyUsd: 20000').replace('onExceed: warn', 'onExceed: error'));
    const r = await runCli('cost', over, '--diff', example('support-assistant.yaml'), '--cloud', 'aws');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('aws: budget $20,000.00 (onExceed: error)');
    expect(r.stderr).toMatch(/^inferstack cost: over budget with onExceed: error\naws: the ceiling/);
    // the base's own budget does not decide
    expect((await runCli('cost', example('support-assistant.yaml'), '--diff', over, '--cloud', 'aws')).code).toBe(0);
  });

  it('rejects contradicting options with exit 2', async () => {
    const spec = example('support-assistant.yaml');
    expect((await runCli('cost', spec, '--format', 'markdown')).stderr).toContain('--format markdown applies to --diff');
    expect((await runCli('cost', spec, '--diff', spec, '--compare')).code).toBe(2);
    expect((await runCli('cost', spec, '--diff', spec, '--json', '--format', 'markdown')).code).toBe(2);
    expect((await runCli('cost', spec, '--diff', spec, '--format', 'html')).code).toBe(2);
    expect((await runCli('cost', spec, '--diff', join(dir, 'missing.yaml'))).code).toBe(2);
    expect((await runCli('cost', example('minimal-aws.yaml'), '--diff', example('minimal-aws.yaml'), '--cloud', 'gcp')).stderr).toContain('neither version of the spec has a gcp target');
  });
});
