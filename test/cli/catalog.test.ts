/** `inferstack catalog` as a user runs it: what the catalog holds, per cloud, with sources and dates. */
import { Catalog } from '../../lib/catalog';
import { summarizeCloud } from '../../lib/catalog/summary';
import { runCli } from '../support/cli';

describe('inferstack catalog', () => {
  it('prints every cloud with counts, price dates and sources, in 120 columns, and exits 0', async () => {
    const r = await runCli('catalog');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const cloud of ['AWS', 'GCP', 'AZURE']) expect(r.stdout).toMatch(new RegExp(`^${cloud}$`, 'm'));
    const aws = summarizeCloud(Catalog.DEFAULT, 'aws');
    expect(r.stdout).toContain(`  price rows     ${aws.prices.rows}: ${aws.prices.onDemand} on-demand, ${aws.prices.spot} spot`);
    expect(r.stdout).toContain('    github:skypilot-org/skypilot-catalog/catalogs/v9/aws/vms.csv@2c3d7ea7d76b\n      as of 2026-07-20; rows: ');
    expect(r.stdout).toMatch(/ {2}prices as of {3}2026-07-20 \(the oldest is \d+ days? old\)/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });

  it('says when the prices are more than 90 days old', async () => {
    const r = await runCli('catalog', '--cloud', 'azure');
    const age = Math.round((Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - Date.UTC(2026, 5, 18)) / 86_400_000);
    expect(r.stdout).toContain(`(the oldest is ${age} days old)`);
    expect(r.stdout.includes('older than 90 days: refresh the extracts and run npm run catalog:build')).toBe(age > 90);
  });

  it('--cloud limits the output to one cloud', async () => {
    const r = await runCli('catalog', '--cloud', 'gcp');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('GCP\n')).toBe(true);
    expect(r.stdout).not.toMatch(/^(AWS|AZURE)$/m);
    expect(r.stdout).toContain('a3-highgpu-4g');
  });

  it('--json is a stable document with an apiVersion and one summary per cloud', async () => {
    const a = await runCli('catalog', '--json');
    const b = await runCli('catalog', '--json');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc.apiVersion).toBe('inferstack.dev/catalog/v1alpha1');
    expect(Object.keys(doc.clouds)).toEqual(['aws', 'azure', 'gcp']);
    expect(doc.clouds.aws).toEqual(JSON.parse(JSON.stringify(summarizeCloud(Catalog.DEFAULT, 'aws'))));
    expect(doc.clouds.gcp.prices).toMatchObject({ rows: expect.any(Number), spot: expect.any(Number), oldestAsOf: '2026-07-20', newestAsOf: '2026-07-30' });
    expect(doc.clouds.azure.sources.map((s: { source: string }) => s.source)).toContain(
      'github:Azure/karpenter-provider-azure/pkg/providers/pricing/zz_generated.pricing.go@2b431da153a6a92b705c18046512c60b1631b682',
    );
    const one = JSON.parse((await runCli('catalog', '--cloud', 'azure', '--json')).stdout);
    expect(Object.keys(one.clouds)).toEqual(['azure']);
  });

  it('exits 2 with the usage for an unknown cloud or a stray argument', async () => {
    expect(await runCli('catalog', '--cloud', 'oracle')).toEqual({
      code: 2,
      stdout: '',
      stderr: "inferstack catalog: --cloud must be one of aws, gcp, azure, got 'oracle'\nusage: inferstack catalog [--cloud aws|gcp|azure] [--json]\n",
    });
    expect((await runCli('catalog', 'spec.yaml')).code).toBe(2);
  });

  it('is listed in the help', async () => {
    expect((await runCli('--help')).stdout).toContain('catalog [--cloud aws|gcp|azure] [--json]');
  });
});
