/**
 * A synthesis that fails leaves `--out` as it was (issue 12, defect 5): everything is written to a
 * staging folder first and moved into place only on success.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

// The AWS renderer fails half-way, after writing a template.
jest.mock('../../stacks/aws-stack', () => ({
  synthAwsTemplates: (_spec: unknown, dir: string) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}/half.template.json`, '{');
    throw new Error('synthesis failed half-way');
  },
}));

const spec = join(__dirname, '..', '..', 'examples', 'support-assistant.yaml');

describe('a failed synth', () => {
  it('leaves an existing --out exactly as it was, earlier output included', async () => {
    const out = mkdtempSync(join(tmpdir(), 'inferstack-fail-'));
    expect((await runCli('synth', spec, '--out', out, '--cloud', 'gcp')).code).toBe(0);
    writeFileSync(join(out, 'mine.txt'), 'mine');
    const before = readdirSync(out).sort();
    const plan = readFileSync(join(out, 'gcp', 'plan.json'), 'utf8');
    const r = await runCli('synth', spec, '--out', out);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('synthesis failed half-way');
    expect(readdirSync(out).sort()).toEqual(before);
    expect(readFileSync(join(out, 'gcp', 'plan.json'), 'utf8')).toBe(plan);
    expect(existsSync(join(out, 'aws'))).toBe(false);
  });

  it('removes an --out it created', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'inferstack-fail-'));
    mkdirSync(join(parent, 'keep'));
    const r = await runCli('synth', spec, '--out', join(parent, 'new', 'deeper'));
    expect(r.code).toBe(3);
    expect(readdirSync(parent)).toEqual(['keep']);
  });
});
