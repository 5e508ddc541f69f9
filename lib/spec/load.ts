/** Loading specs from YAML or JSON text and files, with line/column for every issue. */
import { closeSync, constants, fstatSync, openSync, readSync, Stats } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument, visit } from 'yaml';
import { SpecFileError, SpecIssue, SpecPath } from './errors';

/** Parsed spec text: the raw object and a way to find any path's position in the file. */
export interface ParsedText {
  readonly data: unknown;
  /** Syntax problems (malformed YAML/JSON, empty file). */
  readonly syntaxIssues: SpecIssue[];
  /** 1-based position of a path, or of its nearest existing ancestor. */
  locate(path: SpecPath): { line: number; column: number };
}

/** Wording for the YAML parser's errors a user can hit; others keep the parser's first line. */
function syntaxMessage(code: string, message: string): string {
  switch (code) {
    case 'MULTIPLE_DOCS':
      return "the file holds more than one YAML document (a second '---'); a spec is a single document";
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed as indentation in YAML; indent with spaces';
    case 'RESOURCE_EXHAUSTION':
      return /stack/i.test(message) ? 'the file is nested too deeply to be a spec' : 'too many YAML aliases (*name); a spec needs few, so the file looks like an alias bomb';
    case 'TAG_RESOLVE_FAILED':
      return `unsupported YAML tag '${message.replace(/^Unresolved tag: (\S+).*$/s, '$1').replace('tag:yaml.org,2002:', '!!')}'; a spec holds plain strings, numbers, booleans, lists and mappings, so remove the tag`;
    default:
      return message.split('\n')[0];
  }
}

/** Wording for what the parser throws while walking or converting the document. */
const thrownMessage = (e: unknown): string => {
  const message = e instanceof Error ? e.message : String(e);
  return syntaxMessage(e instanceof RangeError || /alias/i.test(message) ? 'RESOURCE_EXHAUSTION' : '', message);
};

/**
 * Parse YAML (JSON is valid YAML) keeping positions. Never throws. Merge keys (`<<: *defaults`)
 * are supported; explicit non-standard tags (`!!binary`, `!Ref`) and duplicate keys are errors.
 */
export function parseSpecText(text: string): ParsedText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true, resolveKnownTags: false });
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const syntax = (message: string, offset: number): SpecIssue => ({ rule: 'syntax', path: [], message: `malformed YAML/JSON: ${message}`, ...pos(offset) });
  const syntaxIssues: SpecIssue[] = [
    ...doc.errors.map((e) => syntax(syntaxMessage(e.code, e.message), e.pos[0])),
    ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED').map((w) => syntax(syntaxMessage(w.code, w.message), w.pos[0])),
  ];
  // Duplicate keys, named, with both lines (the parser's own error names neither).
  const findDuplicateKeys = () =>
    visit(doc, {
      Map(_key, map) {
        const first = new Map<string, number>();
        for (const item of map.items) {
          if (!isScalar(item.key) || !item.key.range) continue;
          const name = String(item.key.value);
          const at = item.key.range[0];
          const seen = first.get(name);
          if (seen === undefined) first.set(name, at);
          else syntaxIssues.push(syntax(`duplicate key '${name}' (first at line ${pos(seen).line}); each key may appear once in a mapping`, at));
        }
      },
    });
  if (doc.errors.length === 0) {
    try {
      findDuplicateKeys();
    } catch (e) {
      syntaxIssues.push(syntax(thrownMessage(e), 0));
    }
  }
  syntaxIssues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
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
      syntaxIssues.push(syntax(thrownMessage(e), 0));
    }
  }
  return { data, syntaxIssues, locate };
}

/** The largest spec file read: 1 MiB holds a stack of 300 models many times over, and bounds memory and time. */
export const MAX_SPEC_BYTES = 1024 * 1024;

/** What a non-regular file is, for the message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Spec bytes as text: UTF-8 without NUL bytes, else SpecFileError. */
function decodeSpec(bytes: Uint8Array, name: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!text.includes('\0')) return text.replace(/^\ufeff/, '');
  } catch {
    // not UTF-8: reported below
  }
  throw new SpecFileError(`cannot read spec '${name}': it is not a UTF-8 text file; pass a .yaml or .json spec`);
}

/**
 * Read a spec file. Only regular files (symbolic links to them included) of at most
 * {@link MAX_SPEC_BYTES} are read; a directory, FIFO, device or socket is refused at once,
 * without waiting on it: the file is opened non-blocking (a FIFO without a writer would block an
 * ordinary open) and checked on the opened descriptor, so it cannot be swapped in between. At most
 * `MAX_SPEC_BYTES + 1` bytes are ever read, even from a file that grows or lies about its size.
 * Throws SpecFileError (a usage error) for missing, unreadable, non-regular, oversized and
 * binary (non-UTF-8) files.
 */
export function readSpecFile(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SpecFileError(`cannot read spec '${file}': no such file`);
    if (code === 'EISDIR') throw new SpecFileError(`cannot read spec '${file}': it is a directory; pass a .yaml or .json file`);
    throw new SpecFileError(`cannot read spec '${file}': ${code ?? (e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const kind = kindOf(st);
      throw new SpecFileError(`cannot read spec '${file}': it is ${kind}${kind === 'a directory' ? '; pass a .yaml or .json file' : ', not a regular file; pass a .yaml or .json file'}`);
    }
    if (st.size > MAX_SPEC_BYTES) throw new SpecFileError(`cannot read spec '${file}': ${st.size} bytes is too large for a spec (at most ${MAX_SPEC_BYTES} bytes, 1 MiB)`);
    const buf = Buffer.alloc(MAX_SPEC_BYTES + 1);
    let length = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, length, buf.length - length, null);
      } catch (e) {
        throw new SpecFileError(`cannot read spec '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      if (n === 0) break;
      length += n;
      if (length > MAX_SPEC_BYTES) throw new SpecFileError(`cannot read spec '${file}': it is larger than ${MAX_SPEC_BYTES} bytes (1 MiB), too large for a spec`);
    }
    return decodeSpec(buf.subarray(0, length), file);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a spec from a stream (`-` on the command line: standard input), at most
 * {@link MAX_SPEC_BYTES}: the stream is destroyed as soon as it passes the limit, so
 * `< /dev/zero` ends at once with SpecFileError instead of filling memory.
 */
export function readSpecStream(stream: NodeJS.ReadableStream & { destroy?: () => void }, name = '<stdin>'): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      stream.removeListener('data', onData);
      f();
    };
    const onData = (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      length += b.length;
      if (length > MAX_SPEC_BYTES) {
        finish(() => reject(new SpecFileError(`cannot read spec '${name}': it is larger than ${MAX_SPEC_BYTES} bytes (1 MiB), too large for a spec`)));
        stream.destroy?.();
        return;
      }
      chunks.push(b);
    };
    stream.on('data', onData);
    stream.once('error', (e: Error) => finish(() => reject(new SpecFileError(`cannot read spec '${name}': ${(e as NodeJS.ErrnoException).code ?? e.message}`))));
    stream.once('end', () =>
      finish(() => {
        try {
          resolve(decodeSpec(Buffer.concat(chunks), name));
        } catch (e) {
          reject(e);
        }
      }),
    );
  });
}
