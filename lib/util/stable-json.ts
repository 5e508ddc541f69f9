/** Deterministic JSON for `--json` output and files that are diffed or snapshotted. */

/**
 * JSON with object keys sorted at every level (array order kept), two-space indented, ending in a
 * newline: the same data always prints the same bytes, whatever order the spec listed tags in.
 */
export function stableJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]))
        : v;
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}
