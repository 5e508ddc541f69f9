/**
 * How old a cited row is. Prices drift (one GCP row moved +49% in a year), so reports say when the
 * numbers they use are older than PRICE_STALE_AFTER_DAYS.
 */
import type { Cited } from './types';

/** Prices older than this many days are called stale in reports. */
export const PRICE_STALE_AFTER_DAYS = 90;

const MS_PER_DAY = 86_400_000;

/**
 * Whole days from a row's `asOf` to `at` (UTC calendar days; negative when `asOf` is later).
 * A month-only `asOf` (`2026-07`) counts from the first of that month, so the age is never
 * understated. Throws on an `asOf` that is not `YYYY-MM-DD` or `YYYY-MM`.
 */
export function priceAgeDays(row: Pick<Cited, 'asOf'>, at: Date): number {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(row.asOf);
  if (!m) throw new Error(`asOf '${row.asOf}' is not YYYY-MM-DD or YYYY-MM`);
  const from = Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] === undefined ? 1 : Number(m[3]));
  const to = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return Math.round((to - from) / MS_PER_DAY);
}

/** True when the row is more than `maxDays` days old at `at`. */
export function isPriceStale(row: Pick<Cited, 'asOf'>, at: Date, maxDays: number = PRICE_STALE_AFTER_DAYS): boolean {
  return priceAgeDays(row, at) > maxDays;
}
