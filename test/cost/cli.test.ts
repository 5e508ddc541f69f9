/** `inferstack cost` as a user runs it: exit codes and the JSON contract, against the examples. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOUDS } from '../../lib/catalog/types';
import { exampleFiles, EXAMPLES_DIR } from '../support/specs';
import { runCli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'inferstack-cost-'));
const example = (name: string) => join(EXAMPLES_DIR, name);
const withText = (name: string, from: string, edit: (t: string) => string) => {
  const p = join(dir, name);
  writeFileSync(p, edit(readFileSync(example(from), 'utf8')));
  return p;
};

describe.each(exampleFiles())('cost %s', (file) => {
  it('prints tables and exits 0', async () => {
    const r = await runCli('cost', example(file));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/floor +expected +ceiling/);
    expect(r.stdout).toContain('sources:\n[1] ');
    expect(r.stdout).toContain('assumptions:\n- A month is 730 hours');
  });

  it('fits every line in 120 columns, with the comparison too, and keeps the sources list', async () => {
    for (const extra of [[], ['--compare']]) {
      const r = await runCli('cost', example(file), ...extra);
      const long = r.stdout.split('\n').filter((l) => l.length > 120);
      expect(long).toEqual([]);
      expect(r.stdout).toMatch(/\nsources:\n\[1\] /);
    }
  });

  it('prints the full tables with --wide', async () => {
    const r = await runCli('cost', example(file), '--wide');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hours (expected)');
    expect(r.stdout).toContain('at peak: rps / replicas needed (max)');
  });

  it('prints the documented JSON', async () => {
    const r = await runCli('cost', example(file), '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.apiVersion).toBe('inferstack.dev/cost/v1alpha1');
    expect(Object.keys(report.clouds).length).toBeGreaterThan(0);
    for (const [cloud, c] of Object.entries<Record<string, any>>(report.clouds)) {
      expect(CLOUDS).toContain(cloud);
      expect(Object.keys(c.monthlyUsd)).toEqual(['floor', 'expected', 'ceiling']);
      for (const v of Object.values(c.monthlyUsd)) expect(v === null || (typeof v === 'number' && v >= 0)).toBe(true);
      for (const i of c.lineItems) {
        for (const k of ['pool', 'item', 'instanceType', 'capacity', 'hourlyUsd', 'hours', 'monthlyUsd', 'source', 'asOf']) expect(i).toHaveProperty(k);
        expect(i.source).not.toBe('');
        // an unknown price is null with a reason, never 0
        if (i.hourlyUsd === null && i.item !== 'queue' && i.hours) expect(i.monthlyUsd).toBeNull();
        if (i.unknownReason !== null) expect(typeof i.unknownReason).toBe('string');
      }
      for (const p of c.pools) expect(Array.isArray(p.warnings)).toBe(true);
      expect(c).toHaveProperty('perMillionOutputTokensUsd');
      expect(c).toHaveProperty('unservedShare');
      expect(c).toHaveProperty('budget');
      if (c.budget) expect(Object.keys(c.budget.verdict)).toEqual(['floor', 'expected', 'ceiling']);
    }
    expect(report).toHaveProperty('onPrem');
    expect(Array.isArray(report.assumptions)).toBe(true);
  });
});

describe('cost', () => {
  it('reports the expected month as unknown without traffic, with the reason', async () => {
    const r = JSON.parse((await runCli('cost', example('minimal-aws.yaml'), '--json')).stdout);
    expect(r.clouds.aws.monthlyUsd.expected).toBeNull();
    expect(r.clouds.aws.monthlyUsdAtLeast.expected).toBe(r.clouds.aws.monthlyUsd.floor);
    expect(r.clouds.aws.unknown[0].reason).toContain('no traffic profile');
  });

  it('prices on-prem for the support assistant against every cloud', async () => {
    const r = JSON.parse((await runCli('cost', example('support-assistant.yaml'), '--json')).stdout);
    expect(r.onPrem.servers).toBeGreaterThan(0);
    expect(Object.keys(r.onPrem.versusCloud)).toEqual(['aws', 'gcp', 'azure']);
  });

  it('limits the report to --cloud', async () => {
    const r = JSON.parse((await runCli('cost', example('support-assistant.yaml'), '--json', '--cloud', 'gcp')).stdout);
    expect(Object.keys(r.clouds)).toEqual(['gcp']);
  });

  it('adds the ranked comparison with --compare', async () => {
    const r = await runCli('cost', example('batch-embeddings.yaml'), '--json', '--compare');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout).compare;
    expect(c.combinations.length).toBeGreaterThan(3);
    expect(c.combinations[0].rankByMonthly).toBe(1);
    expect(c.options.some((o: { current: boolean }) => o.current)).toBe(true);
    const text = (await runCli('cost', example('batch-embeddings.yaml'), '--compare', '--cloud', 'aws')).stdout;
    expect(text).toContain('compare: the spec on every cloud, region and eligible accelerator in the catalog');
  });

  it('exits 1 when the ceiling is over budget with onExceed: error, saying why and the fix', async () => {
    const f = withText('over.yaml', 'support-assistant.yaml', (t) => t.replace('monthlyUsd: 40000', 'monthlyUsd: 20000').replace('onExceed: warn', 'onExceed: error'));
    const r = await runCli('cost', f, '--cloud', 'aws');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('budget: the ceiling is over $20,000.00 (onExceed: error)');
    expect(r.stderr).toMatch(/^inferstack cost: over budget with onExceed: error\naws: the ceiling \(every pool at replicas\.max all month\) is \$[\d,.]+, over budget\.monthlyUsd \$20,000\.00; fix: lower replicas\.max \(/);
    const json = await runCli('cost', f, '--cloud', 'aws', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).clouds.aws.budget.suggestedMaxReplicas).toEqual(expect.objectContaining({ 'chat-small': expect.any(Number), 'chat-large': expect.any(Number) }));
  });

  it('exits 0 over budget with onExceed: warn', async () => {
    const f = withText('warn.yaml', 'support-assistant.yaml', (t) => t.replace('monthlyUsd: 40000', 'monthlyUsd: 20000'));
    const r = await runCli('cost', f, '--cloud', 'aws');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(onExceed: warn); fix: lower replicas.max');
  });

  it('exits 2 on usage and file errors, 1 on an invalid spec', async () => {
    expect((await runCli('cost')).code).toBe(2);
    expect((await runCli('cost', example('minimal-aws.yaml'), '--cloud', 'gcp')).stderr).toContain('the spec has no gcp target');
    expect((await runCli('cost', example('minimal-aws.yaml'), '--compar')).code).toBe(2);
    expect((await runCli('cost', join(dir, 'missing.yaml'))).code).toBe(2);
    const bad = withText('bad.yaml', 'minimal-aws.yaml', (t) => t.replace('nvidia-l4', 'nvidia-l5'));
    expect((await runCli('cost', bad)).code).toBe(1);
  });
});
