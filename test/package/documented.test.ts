/**
 * Every public construct, type and member is documented: API Extractor lists each undocumented
 * one in the committed reports as `(ae-undocumented) Missing documentation for "<name>"`, and this
 * test fails while any report holds one, naming each with its source position. (That the reports
 * match the code is test/package/api-report.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const API = join(__dirname, '..', '..', 'api');

/** `lib/x.ts:12:3 name` for every ae-undocumented warning of a report. */
function undocumentedMembers(report: string): string[] {
  return [...report.matchAll(/^\/\/ (\S+?) - \(ae-undocumented\) Missing documentation for "([^"]+)"/gm)].map((m) => `${m[1]} ${m[2]}`);
}

const reports = readdirSync(API).filter((f) => f.endsWith('.api.md')).sort();

test('the reports of both published entry points are committed', () => {
  expect(reports).toEqual(expect.arrayContaining(['inferstack.api.md', 'inferstack-aws.api.md']));
});

test('an ae-undocumented warning is read with its position and member name', () => {
  const sample = [
    '// @public',
    'export interface Foo {',
    '    // (undocumented)',
    '    bar: string;',
    '}',
    '// Warnings were encountered during analysis:',
    '//',
    '// lib/foo.ts:12:3 - (ae-undocumented) Missing documentation for "bar".',
  ].join('\n');
  expect(undocumentedMembers(sample)).toEqual(['lib/foo.ts:12:3 bar']);
});

test.each(reports)('api/%s documents every public member (write TSDoc, then npm run build && npm run api)', (file) => {
  expect(undocumentedMembers(readFileSync(join(API, file), 'utf8'))).toEqual([]);
});
