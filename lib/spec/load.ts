/** Loading specs from YAML or JSON text and files, with line/column for every issue. */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { SpecFileError, SpecIssue, SpecPath } from './errors';

/** Parsed spec text: the raw object and a way to find any path's position in the file. */
export interface ParsedText {
  readonly data: unknown;
  /** Syntax problems (malformed YAML/JSON, empty file). */
  readonly syntaxIssues: SpecIssue[];
  /** 1-based position of a path, or of its nearest existing ancestor. */
  locate(path: SpecPath): { line: number; column: number };
}

/** Parse YAML (JSON is valid YAML) keeping positions. Never throws. */
export function parseSpecText(text: string): ParsedText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const syntaxIssues: SpecIssue[] = doc.errors.map((e) => ({
    rule: 'syntax',
    path: [],
    message: `malformed YAML/JSON: ${e.message.split('\n')[0]}`,
    ...pos(e.pos[0]),
  }));
  if (syntaxIssues.length === 0 && (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === '')))) {
    syntaxIssues.push({ rule: 'syntax', path: [], message: 'the file is empty; a spec starts with apiVersion: inferstack.dev/v1alpha1 and kind: InferenceStack', line: 1, column: 1 });
  }
  const locate = (path: SpecPath) => {
    let node: unknown = doc.contents;
    let best: { line: number; column: number } = { line: 1, column: 1 };
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(key));
        if (!pair) break;
        const k = pair.key as Node;
        if (k.range) best = pos(k.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        if (item.range) best = pos(item.range[0]);
        node = item;
      } else break;
    }
    return best;
  };
  let data: unknown = undefined;
  if (syntaxIssues.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      syntaxIssues.push({ rule: 'syntax', path: [], message: `malformed YAML/JSON: ${(e as Error).message}`, line: 1, column: 1 });
    }
  }
  return { data, syntaxIssues, locate };
}

/** Read a spec file; missing files, directories and unreadable files throw SpecFileError. */
export function readSpecFile(file: string): string {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new SpecFileError(`cannot read spec '${file}': no such file`);
  }
  if (st.isDirectory()) throw new SpecFileError(`cannot read spec '${file}': it is a directory; pass a .yaml or .json file`);
  if (st.size > 5 * 1024 * 1024) throw new SpecFileError(`cannot read spec '${file}': ${st.size} bytes is too large for a spec (max 5 MiB)`);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new SpecFileError(`cannot read spec '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
