/** The committed JSON Schema is what `inferstack schema` prints, and it completes the examples. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { specJsonSchema } from '../../lib/spec/schema';
import { EXAMPLES_DIR, exampleFiles } from '../support/specs';

const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'inferstack.schema.json'), 'utf8'));

it('the committed schema is current (run `npm run schema` after changing lib/spec/schema.ts)', () => {
  expect(committed).toEqual(specJsonSchema());
});

it('knows every top-level field of the spec contract', () => {
  expect(Object.keys(committed.properties).sort()).toEqual(['apiVersion', 'budget', 'kind', 'metadata', 'models', 'network', 'onPrem', 'queue', 'routing', 'tags', 'targets', 'traffic'].sort());
  expect(committed.required).toEqual(['apiVersion', 'kind', 'metadata', 'targets', 'models']);
});

describe.each(exampleFiles())('%s', (file) => {
  const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
  it('points editors at the schema', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/inferstack.schema.json');
  });
  it('uses only fields the schema knows (no additional properties at the top level)', () => {
    const doc = parse(text) as Record<string, unknown>;
    for (const k of Object.keys(doc)) expect(committed.properties).toHaveProperty(k);
  });
});
