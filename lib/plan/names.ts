/** Stable, cloud-legal resource names. Changing a name replaces infrastructure, so these never depend on order. */
import { createHash } from 'node:crypto';

const hash = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

/**
 * A name from parts, legal within `max` characters:
 * 1. `a-b-c` when it fits;
 * 2. otherwise leading parts are dropped while at least two remain (`b-c`): the last parts
 *    (model, capacity type) say the most, and node pools live inside one cluster anyway;
 * 3. otherwise the next-to-last part is truncated and a hash of all parts keeps it unique,
 *    with the last part kept whole.
 * With `alnumOnly` (AKS agent pools) separators are dropped and the name starts with a letter.
 */
export function stableName(parts: readonly string[], max: number, alnumOnly = false): string {
  const norm = (s: string) => (alnumOnly ? s.toLowerCase().replace(/[^a-z0-9]/g, '') : s);
  const ps = parts.filter(Boolean).map(norm);
  const sep = alnumOnly ? '' : '-';
  const start = (s: string) => (alnumOnly && !/^[a-z]/.test(s) ? `p${s}` : s);
  const full = start(ps.join(sep));
  if (full.length <= max) return full;
  for (let from = 1; from <= ps.length - 2; from++) {
    const shorter = start(ps.slice(from).join(sep));
    if (shorter.length <= max) return shorter;
  }
  const last = ps[ps.length - 1];
  const h = hash(parts.join('/'), alnumOnly ? 3 : 6);
  const room = max - last.length - h.length - 2 * sep.length;
  const head = start(ps.slice(-2, -1).join(sep) || ps[0]).slice(0, Math.max(1, room)).replace(/-+$/, '');
  return `${head}${sep}${h}${sep}${last}`.slice(0, max);
}
