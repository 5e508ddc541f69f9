/** lib/k8s stays pure (DESIGN §1): it imports only the core and yaml, and never branches on the cloud's name. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', '..', 'lib', 'k8s');
const sources = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => [f, readFileSync(join(DIR, f), 'utf8')] as const);

const ALLOWED = [/^\.\/[\w-]+$/, /^\.\.\/(spec|catalog|plan|util)(\/[\w-]+)*$/, /^yaml$/, /^node:(crypto)$/];

test.each(sources)('%s imports only the pure core, yaml and node builtins', (_f, text) => {
  const specifiers = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
  for (const s of specifiers) expect(ALLOWED.some((re) => re.test(s)) ? s : `disallowed import ${s}`).toBe(s);
});

test.each(sources)('%s does not branch on the cloud', (_f, text) => {
  expect(text).not.toMatch(/\bcloud\s*[!=]==?|[!=]==?\s*['"](aws|gcp|azure)['"]|\.cloud\b/);
});
