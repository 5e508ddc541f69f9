/** Plain-text tables and prose for human CLI output (no colours, stable widths). */

export type Align = 'left' | 'right';

/** Options of `renderTable`. */
export interface TableOptions {
  /**
   * Widest a line may be: left-aligned columns (text, never amounts) are shortened with `...`,
   * widest first, down to 6 characters, until the table fits.
   * @default - no limit
   */
  readonly maxWidth?: number;
}

const ELLIPSIS = '...';
const MIN_SHRUNK = 6;

const shorten = (s: string, w: number) => (s.length <= w ? s : `${s.slice(0, Math.max(0, w - ELLIPSIS.length))}${ELLIPSIS}`);

/** Render rows under a header; numbers right-aligned by default. */
export function renderTable(header: readonly string[], rows: readonly (readonly (string | number)[])[], align?: readonly Align[], options: TableOptions = {}): string {
  const cells = [header, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const al = header.map((_, i) => align?.[i] ?? (rows.length && rows.every((r) => typeof r[i] === 'number') ? 'right' : 'left'));
  if (options.maxWidth !== undefined) {
    const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
    while (total() > options.maxWidth) {
      const candidates = widths.map((w, i) => ({ w, i })).filter((c) => al[c.i] === 'left' && c.w > MIN_SHRUNK);
      if (!candidates.length) break;
      const widest = candidates.sort((a, b) => b.w - a.w || a.i - b.i)[0];
      widths[widest.i] = Math.max(MIN_SHRUNK, widest.w - Math.max(1, total() - options.maxWidth));
    }
  }
  const line = (r: readonly string[]) =>
    r.map((c, i) => (al[i] === 'right' ? shorten(c, widths[i]).padStart(widths[i]) : shorten(c, widths[i]).padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/**
 * Wrap prose to `width` columns: at spaces, continuation lines indented by `indent`; a word longer
 * than a line (a URL, a `github:` path) breaks after a `/`, `@`, `;` or `,` where it can, else anywhere.
 */
export function wrapText(text: string, width: number, indent = '  '): string {
  const out: string[] = [];
  let line = '';
  const room = () => width - (out.length ? indent.length : 0);
  const flush = () => {
    out.push(out.length ? `${indent}${line}` : line);
    line = '';
  };
  /** Where to break `w` to fit `space` columns: after a separator when there is one late enough, else at `space`. */
  const breakAt = (w: string, space: number) => {
    const at = Math.max(...['/', '@', ';', ','].map((ch) => w.lastIndexOf(ch, space - 1)));
    return at >= space / 2 ? at + 1 : space;
  };
  for (const word of text.split(/ +/)) {
    let w = word;
    if (!line || line.length + 1 + w.length <= room()) {
      if (w.length <= room() - (line ? line.length + 1 : 0)) {
        line = line ? `${line} ${w}` : w;
        continue;
      }
    } else if (w.length <= room()) {
      flush();
      line = w;
      continue;
    }
    // A word longer than the line: fill what is left of this line, then break it across the next ones.
    while (w.length > room() - (line ? line.length + 1 : 0)) {
      const space = room() - (line ? line.length + 1 : 0);
      if (space < 8) {
        flush();
        continue;
      }
      const end = breakAt(w, space);
      line = line ? `${line} ${w.slice(0, end)}` : w.slice(0, end);
      flush();
      w = w.slice(end);
    }
    line = line ? `${line} ${w}` : w;
  }
  if (line || !out.length) flush();
  return out.join('\n');
}
