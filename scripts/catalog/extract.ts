/**
 * Reader of the committed price-file extracts in `scripts/catalog/extracts/*.csv`.
 *
 * Each extract starts with `#` comment lines naming where its rows came from:
 *
 *     # source: github:owner/repo/path@commit
 *     # asOf: 2026-07-20
 *     # extracted: 2026-12-01
 *     # note: free text,
 *     #   continued on indented comment lines
 *
 * then a CSV header and rows (RFC 4180 quoting: `"a, b"` is one field, `""` inside quotes is `"`).
 */
import { readFileSync } from 'node:fs';

/** One extract file: its citation header and its rows keyed by column name. */
export interface Extract {
  /** File name, for error messages. */
  readonly file: string;
  /** `github:owner/repo/path@commit` of the file the rows were copied from. */
  readonly source: string;
  /** ISO date of the data (YYYY-MM-DD). */
  readonly asOf: string;
  /** Free-text note of the header, continuation lines joined with spaces. */
  readonly note: string;
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

/** Splits one CSV line into fields. */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error(`unterminated quote in CSV line: ${line}`);
  fields.push(field);
  return fields;
}

/** Parses the text of an extract; `file` only names it in errors. */
export function parseExtract(file: string, text: string): Extract {
  const header: Record<string, string> = {};
  let last: string | undefined;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let i = 0;
  for (; i < lines.length && lines[i].startsWith('#'); i++) {
    const body = lines[i].slice(1);
    const kv = /^ (\w+): (.*)$/.exec(body);
    if (kv) {
      last = kv[1];
      header[last] = kv[2].trim();
    } else if (last && /^ {2,}\S/.test(body)) header[last] += ` ${body.trim()}`;
    else throw new Error(`${file}: header line ${i + 1} is neither "# key: value" nor an indented continuation`);
  }
  for (const k of ['source', 'asOf']) if (!header[k]) throw new Error(`${file}: header has no "# ${k}:" line`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(header.asOf)) throw new Error(`${file}: asOf ${header.asOf} is not YYYY-MM-DD`);
  if (i >= lines.length) throw new Error(`${file}: no CSV header line`);
  const columns = parseCsvLine(lines[i]);
  const rows = lines.slice(i + 1).map((line, n) => {
    const fields = parseCsvLine(line);
    if (fields.length !== columns.length) throw new Error(`${file}: row ${n + 1} has ${fields.length} fields, the header ${columns.length}`);
    return Object.fromEntries(columns.map((c, k) => [c, fields[k]]));
  });
  return { file, source: header.source, asOf: header.asOf, note: header.note ?? '', columns, rows };
}

/** Reads and parses an extract file. */
export function readExtract(path: string): Extract {
  return parseExtract(path.split('/').pop() ?? path, readFileSync(path, 'utf8'));
}

/** A field as a number: empty is null; anything else must be a finite number. */
export function num(e: Extract, row: Readonly<Record<string, string>>, column: string): number | null {
  const v = row[column];
  if (v === undefined) throw new Error(`${e.file}: no column ${column}`);
  if (v.trim() === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${e.file}: ${column} "${v}" is not a number`);
  return n;
}
