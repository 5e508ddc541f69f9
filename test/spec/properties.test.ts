/**
 * Arbitrary input never crashes the loader: the only error is SpecValidationError, each issue
 * has a message, a 1-based position and a path that starts at the spec's root.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkSpec, loadSpecText } from '../../lib/load';
import { formatIssue, SpecValidationError } from '../../lib/spec/errors';
import { baseSpec } from '../support/specs';

const onlyValidationErrors = (fn: () => unknown): void => {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof SpecValidationError)) throw e;
    expect(e.issues.length).toBeGreaterThan(0);
    for (const i of e.issues) {
      expect(i.message).toMatch(/\S/);
      expect(i.line).toBeGreaterThanOrEqual(1);
      expect(i.column).toBeGreaterThanOrEqual(1);
      expect(formatIssue(i, e.file)).toMatch(/^x\.yaml:\d+:\d+ spec[.[:]/);
    }
  }
};

type Path = (string | number)[];

/** Every path of the base spec, objects and lists included (so grafts land at every depth). */
function allPaths(v: unknown, prefix: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return [prefix, ...entries.flatMap(([k, x]) => allPaths(x, [...prefix, k]))];
}
const PATHS = allPaths(baseSpec()).filter((p) => p.length > 0);

/** The base spec with `value` put at `path`, or the key deleted when `value` is undefined. */
function graft(path: Path, value: unknown): Record<string, unknown> {
  const s = baseSpec() as Record<string | number, any>;
  let cur = s;
  for (const p of path.slice(0, -1)) cur = cur[p];
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return s;
}

describe('the loader never throws anything but SpecValidationError', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => onlyValidationErrors(() => loadSpecText(text, 'x.yaml'))), { numRuns: 300 });
  });

  it('on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => onlyValidationErrors(() => loadSpecText(JSON.stringify(v) ?? 'null', 'x.yaml'))), { numRuns: 300 });
  });

  it('on the base spec with an arbitrary value grafted in (or the key deleted) at any path, as YAML', () => {
    const value = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 20 }), fc.integer(), fc.double());
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), value, (path, v) => {
        const s = graft(path, v);
        onlyValidationErrors(() => loadSpecText(stringify(s), 'x.yaml'));
      }),
      { numRuns: 600 },
    );
  });

  it('on the base spec with arbitrary values of any JS type grafted in, as an object', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.anything({ maxDepth: 3 }), (path, v) => {
        const r = checkSpec(graft(path, v));
        expect(r.spec !== undefined || r.issues.length > 0).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('on the base spec as YAML text with characters deleted, inserted or replaced', () => {
    const text = stringify(baseSpec());
    const edit = fc.record({ at: fc.nat({ max: text.length - 1 }), len: fc.nat({ max: 8 }), insert: fc.string({ maxLength: 8, unit: fc.constantFrom(...' :-[]{},&*!#|>"\'\n\tab1.'.split('')) }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let t = text;
        for (const e of edits) t = t.slice(0, e.at) + e.insert + t.slice(e.at + e.len);
        onlyValidationErrors(() => loadSpecText(t, 'x.yaml'));
      }),
      { numRuns: 600 },
    );
  });
});
