/** Arbitrary input never crashes the loader: the only error is SpecValidationError. */
import fc from 'fast-check';
import { checkSpec, loadSpecText } from '../../lib/load';
import { SpecValidationError } from '../../lib/spec/errors';
import { baseSpec } from '../support/specs';

const onlyValidationErrors = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof SpecValidationError)) throw e;
    expect(e.issues.length).toBeGreaterThan(0);
    for (const i of e.issues) expect(typeof i.message).toBe('string');
  }
};

describe('the loader never throws anything but SpecValidationError', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => onlyValidationErrors(() => loadSpecText(text, 'x.yaml'))), { numRuns: 300 });
  });

  it('on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => onlyValidationErrors(() => loadSpecText(JSON.stringify(v) ?? 'null', 'x.json'))), { numRuns: 300 });
  });

  it('on the base spec with arbitrary values grafted in anywhere', () => {
    const paths: (string | number)[][] = [
      ['models', 0, 'accelerator'], ['models', 0, 'accelerator', 'type'], ['models', 0, 'accelerator', 'count'], ['models', 0, 'replicas'],
      ['models', 1, 'overrides'], ['routing'], ['routing', 'rules'], ['routing', 'fallbacks'], ['targets'], ['targets', 'aws'],
      ['tags'], ['traffic'], ['budget'], ['queue'], ['models'], ['metadata'], ['onPrem'], ['models', 2, 'capacity'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything({ maxDepth: 3 }), (path, value) => {
        const s = baseSpec() as Record<string | number, any>;
        let cur = s;
        for (const p of path.slice(0, -1)) cur = cur[p];
        cur[path[path.length - 1]] = value;
        const r = checkSpec(s);
        expect(r.spec !== undefined || r.issues.length > 0).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
