/** Near-miss suggestions for names users mistype (fields, accelerators, regions, models). */

/** Levenshtein edit distance (insert, delete, substitute each cost 1), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length];
}

/**
 * The candidates nearest to `input`, best first. A candidate qualifies when its edit distance
 * is at most a third of the longer name (at least 2), or when one contains the other
 * (`a100` -> `nvidia-a100-40gb`). Aliases are [spelling, candidate] pairs; one spelling may name several.
 */
export function suggest(
  input: string,
  candidates: readonly string[],
  options: { max?: number; aliases?: readonly (readonly [string, string])[] } = {},
): string[] {
  const max = options.max ?? 2;
  const needle = input.toLowerCase();
  const scored = new Map<string, number>();
  const consider = (spelling: string, target: string): void => {
    const hay = spelling.toLowerCase();
    let score = editDistance(needle, hay);
    const limit = Math.max(2, Math.floor(Math.max(needle.length, hay.length) / 3));
    // Containment ('h100' in 'nvidia-h100-nvl') ranks above any one-character typo.
    if (needle.length >= 2 && (hay.includes(needle) || needle.includes(hay))) score = Math.min(score, 0.5 + Math.abs(hay.length - needle.length) / 100);
    else if (score > limit) return;
    const best = scored.get(target);
    if (best === undefined || score < best) scored.set(target, score);
  };
  for (const c of candidates) consider(c, c);
  for (const [alias, target] of options.aliases ?? []) consider(alias, target);
  return [...scored.entries()]
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, max)
    .map(([c]) => c);
}

/** "Did you mean 'a' or 'b'?" or '' when there is nothing close. */
export function didYouMean(input: string, candidates: readonly string[], options?: { max?: number; aliases?: readonly (readonly [string, string])[] }): string {
  const s = suggest(input, candidates, options);
  if (s.length === 0) return '';
  return ` Did you mean ${s.map((x) => `'${x}'`).join(' or ')}?`;
}

/** "'a', 'b' or 'c'"; past `max` items, "'a', 'b', ... and 7 more". */
export function quoteList(items: readonly (string | number)[], conj = 'or', max = 12): string {
  if (items.length > max) return `${items.slice(0, max - 1).map((x) => `'${x}'`).join(', ')} ${conj} ${items.length - (max - 1)} more`;
  const q = items.map((x) => `'${x}'`);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} ${conj} ${q[q.length - 1]}`;
}
