/**
 * A hand-made corpus of hostile and careless specs (test/spec/hostile/*.yaml, issue 12), beyond
 * the cases the issue lists: each file must be refused by `validate` (exit 1) with a problem at
 * every path `expected.json` names, printed without raw control characters, and `synth` must
 * refuse it too without writing anything.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

const dir = join(__dirname, 'hostile');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

it('every corpus file has its expectations, and the other way round', () => {
  expect(Object.keys(expected).sort()).toEqual(files);
});

describe.each(files)('%s', (name) => {
  const file = join(dir, `${name}.yaml`);
  it('validate exits 1 with a problem at every expected path, printed safely', async () => {
    const r = await runCli('validate', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    const paths = r.stderr.split('\n').flatMap((l) => (l.startsWith(`${file}:`) ? [l.replace(/^\S+ /, '').split(': ')[0]] : []));
    for (const p of expected[name]) expect(paths).toContain(p);
  });

  it('synth refuses it and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'inferstack-hostile-')), 'out');
    const r = await runCli('synth', file, '--out', out, '--cloud', 'gcp');
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
