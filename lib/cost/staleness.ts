/**
 * How old the catalog rows behind a cost report are. A row's `asOf` is the date of its data
 * (YYYY-MM-DD, or YYYY-MM / YYYY for a month or year); the clock is passed in, so reports and
 * tests are reproducible.
 */
import { STALE_PRICE_DAYS } from './model';
import { CostLineItem } from './types';

const DAY_MS = 86_400_000;

/**
 * The last day an `asOf` can stand for, as a UTC date: the day itself, else the last day of the
 * month or year (so the age is never overstated). Null when it is not a date.
 */
export function asOfDate(asOf: string): Date | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(asOf.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined];
  if (mo !== undefined && (mo < 1 || mo > 12)) return null;
  if (d !== undefined) {
    const date = new Date(Date.UTC(y, mo! - 1, d));
    return date.getUTCDate() === d ? date : null;
  }
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(y, mo ?? 12, 0));
}

/** Whole days from `asOf` to `today` (UTC), or null when `asOf` is not a date. */
export function priceAgeDays(asOf: string, today: Date): number | null {
  const d = asOfDate(asOf);
  if (!d) return null;
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.floor((day - d.getTime()) / DAY_MS);
}

/** `2026-08-30`: a date as the report prints it. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** A catalog row the report used whose data is older than the threshold. */
export interface StalePrice {
  /** The row's citation and date, as the line items carry them. */
  readonly source: string;
  readonly asOf: string;
  /** Days from `asOf` to the report's date. */
  readonly ageDays: number;
  /** The line items priced from it (`chat-small accelerator-nodes`, `stack control-plane`). */
  readonly items: readonly string[];
}

/**
 * The rows behind these line items that are more than `maxAgeDays` old on `today`, oldest first.
 * Items without a catalog row (`spec`, no row) are skipped.
 *
 * @param maxAgeDays - @default - STALE_PRICE_DAYS (90)
 */
export function stalePrices(items: readonly CostLineItem[], today: Date, maxAgeDays: number = STALE_PRICE_DAYS): StalePrice[] {
  const rows = new Map<string, { source: string; asOf: string; ageDays: number; items: string[] }>();
  for (const i of items) {
    if (!i.asOf || i.source === 'spec' || i.source.startsWith('catalog (')) continue;
    const age = priceAgeDays(i.asOf, today);
    if (age === null || age <= maxAgeDays) continue;
    const key = `${i.source}\u0000${i.asOf}`;
    const row = rows.get(key) ?? { source: i.source, asOf: i.asOf, ageDays: age, items: [] };
    const label = `${i.pool ?? 'stack'} ${i.item}${i.capacity ? ` (${i.capacity})` : ''}`;
    if (!row.items.includes(label)) row.items.push(label);
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.ageDays - a.ageDays || a.source.localeCompare(b.source));
}
