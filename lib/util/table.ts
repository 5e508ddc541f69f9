/** Plain-text tables for human CLI output (no colours, stable widths). */

export type Align = 'left' | 'right';

/** Render rows under a header; numbers right-aligned by default. */
export function renderTable(header: readonly string[], rows: readonly (readonly (string | number)[])[], align?: readonly Align[]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const al = header.map((_, i) => align?.[i] ?? (rows.length && rows.every((r) => typeof r[i] === 'number') ? 'right' : 'left'));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (al[i] === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
