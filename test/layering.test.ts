/**
 * DESIGN §1: dependencies point one way. The pure core imports no cloud SDK and never asks which
 * cloud it is; each renderer imports only its own framework. (ESLint enforces the imports too;
 * this test also covers files ESLint's globs might miss.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const PURE = ['lib/spec', 'lib/catalog', 'lib/plan', 'lib/cost', 'lib/k8s', 'lib/policy', 'lib/util'];

function tsFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((f) => {
    const p = join(abs, f);
    if (statSync(p).isDirectory()) return tsFiles(relative(ROOT, p));
    return f.endsWith('.ts') ? [relative(ROOT, p)] : [];
  });
}

const imports = (file: string): string[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)/gm)].map((m) => m[1] ?? m[2]);

const pure = PURE.flatMap(tsFiles);
const PURE_PACKAGES = [/^yaml$/, /^zod(\/.*)?$/, /^node:(crypto|fs|path)$/];

test.each(pure)('%s imports only the pure core, yaml, zod and node builtins', (file) => {
  for (const s of imports(file)) {
    if (s.startsWith('.')) {
      const target = relative(ROOT, join(ROOT, file, '..', s));
      expect(PURE.some((d) => target === d || target.startsWith(`${d}/`)) ? s : `${s} leaves the pure core`).toBe(s);
    } else {
      expect(PURE_PACKAGES.some((re) => re.test(s)) ? s : `disallowed import ${s}`).toBe(s);
    }
  }
});

test.each(pure)('%s does not compare against a cloud name', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  expect(text).not.toMatch(/[!=]==?\s*['"](aws|gcp|azure)['"]|case\s+['"](aws|gcp|azure)['"]/);
});

test.each(tsFiles('lib/k8s'))('%s does not branch on the cloud at all', (file) => {
  expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/\bcloud\s*[!=]==?|\.cloud\b/);
});

const RENDERERS: Record<string, { dirs: string[]; banned: RegExp }> = {
  aws: { dirs: ['lib/aws'], banned: /^@pulumi\// },
  pulumi: { dirs: ['lib/gcp', 'lib/azure', 'lib/pulumi', 'stacks/pulumi'], banned: /^(aws-cdk-lib|constructs|@aws-cdk\/|cdk-nag)(\/|$)|^@pulumi\/azure-native$/ },
};

describe.each(Object.entries(RENDERERS))('%s renderer', (_name, { dirs, banned }) => {
  const files = dirs.flatMap(tsFiles);
  test('has files', () => expect(files.length).toBeGreaterThan(0));
  test.each(files)('%s imports no other framework', (file) => {
    expect(imports(file).filter((s) => banned.test(s))).toEqual([]);
  });
});
