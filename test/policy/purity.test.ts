/**
 * lib/policy stays pure (DESIGN §1): it imports only the core (no cloud SDK, not even node
 * builtins) and never branches on the cloud's name; per-cloud rules key on resource types
 * (CloudFormation types, Pulumi type tokens), which are data.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', 'lib', 'policy');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
const sources = files(ROOT).map((f) => [relative(ROOT, f), readFileSync(f, 'utf8')] as const);

const ALLOWED = [
  /^\.\/([\w-]+\/)*[\w-]+$/, // within lib/policy
  /^\.\.\/(types|cloudformation|kubernetes)$/, // rules/ reading lib/policy
  /^(\.\.\/)+(spec|catalog|plan|util|k8s)(\/[\w-]+)*$/, // the pure core
];

test('covers the rules folder too, and the allow-list refuses a cloud SDK or renderer', () => {
  for (const bad of ['aws-cdk-lib', '../aws/node-pools', '../../aws/queue', '@pulumi/gcp', 'node:fs']) expect(ALLOWED.some((re) => re.test(bad))).toBe(false);
  expect(sources.map(([f]) => f)).toEqual(expect.arrayContaining(['index.ts', join('rules', 'access.ts')]));
});

test.each(sources)('%s imports only the pure core', (_f, text) => {
  const specifiers = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
  expect(specifiers.length).toBeGreaterThan(0);
  for (const s of specifiers) expect(ALLOWED.some((re) => re.test(s)) ? s : `disallowed import ${s}`).toBe(s);
});

test.each(sources)('%s does not branch on the cloud', (_f, text) => {
  expect(text).not.toMatch(/\bcloud\s*[!=]==?|[!=]==?\s*['"](aws|gcp|azure)['"]|case\s+['"](aws|gcp|azure)['"]/);
});
