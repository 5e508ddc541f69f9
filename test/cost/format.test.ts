/** Output that fits a CI log: tables shortened to a width, prose wrapped without losing a character. */
import fc from 'fast-check';
import { renderTable, wrapText } from '../../lib/util/table';

describe('wrapText', () => {
  it('never exceeds the width and keeps every character of the text', () => {
    const word = fc.string({ minLength: 1, maxLength: 200, unit: fc.constantFrom('a', 'b', '/', '@', ';', ',', '.', '1') });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 30, max: 160 }), (words, width) => {
        const wrapped = wrapText(words.join(' '), width, '    ');
        const lines = wrapped.split('\n');
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
        // the same characters in the same order, only spaces and line breaks moved
        expect(lines.map((l, i) => (i ? l.slice(4) : l)).join('').replace(/ /g, '')).toBe(words.join(''));
      }),
      { numRuns: 300 },
    );
  });
  it('breaks a long citation after a separator', () => {
    const lines = wrapText(`[1] github:aws/karpenter-provider-aws/pkg/providers/pricing/zz_generated.pricing_aws.go@${'6'.repeat(40)} ; generated`, 60).split('\n');
    expect(lines[0]).toBe('[1] github:aws/karpenter-provider-aws/pkg/providers/pricing/');
  });
});

describe('renderTable with a width', () => {
  it('shortens text columns, never amounts', () => {
    const t = renderTable(['name', 'amount'], [['a-very-long-pool-name-that-does-not-fit', '$1,234,567.89']], ['left', 'right'], { maxWidth: 30 });
    for (const l of t.split('\n')) expect(l.length).toBeLessThanOrEqual(30);
    expect(t).toContain('$1,234,567.89');
    expect(t).toContain('a-very-long-...');
  });
  it('leaves a table that fits as it is', () => {
    expect(renderTable(['a', 'b'], [['x', 'y']], undefined, { maxWidth: 120 })).toBe(renderTable(['a', 'b'], [['x', 'y']]));
  });
});
