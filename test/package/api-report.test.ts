/**
 * The committed API reports (api/*.api.md) match the public surface of the compiled entry
 * points: a change of the public API shows up in review, and this test fails until the reports
 * are updated (`npm run build && npm run api`). Needs dist/ (npm test builds it first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

test('api/*.api.md are up to date with dist/', () => {
  expect(existsSync(join(ROOT, 'dist', 'lib', 'index.d.ts')) ? 'built' : 'dist/ is missing: run npm run build').toBe('built');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'api-report.js')], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr.split('\n').filter((l) => /stale|error/i.test(l))).toEqual([]);
  expect(r.status).toBe(0);
}, 180_000);
