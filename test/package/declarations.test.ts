/**
 * The published declarations never reach zod: zod's own declarations need `esModuleInterop`, so
 * an app compiled with `module: commonjs` (and without `skipLibCheck`) would fail on them. Walks
 * every declaration file reachable from each entry point in dist/ (npm test builds it first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ENTRIES = ['dist/lib/index.d.ts', 'dist/lib/aws/index.d.ts', 'dist/lib/gcp/index.d.ts', 'dist/lib/azure/index.d.ts'].filter((e) => existsSync(join(ROOT, e)));

/** Declaration files reachable from `entry` through relative imports, and the packages they import. */
function reachable(entry: string): { files: string[]; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec);
        const next = [`${base}.d.ts`, join(base, 'index.d.ts')].find((f) => existsSync(f));
        if (next) visit(next);
      } else packages.set(spec, file);
    }
  };
  visit(join(ROOT, entry));
  return { files: [...files], packages };
}

test('the compiled entry points exist', () => {
  expect(ENTRIES).toContain('dist/lib/index.d.ts');
});

test.each(ENTRIES)('%s reaches no zod declaration', (entry) => {
  const { packages } = reachable(entry);
  const zod = [...packages].filter(([p]) => p === 'zod' || p.startsWith('zod/'));
  expect(zod.map(([, file]) => file.replace(`${ROOT}/`, ''))).toEqual([]);
});
