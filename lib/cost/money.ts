/** Small money helpers: cents, per-scenario arithmetic, unknowns that stay unknown. */
import { PerScenario, Scenario } from './types';

/** Round to the cent (half up), ignoring binary floating-point noise (1.005 -> 1.01). */
export function cents(usd: number): number {
  return Math.round(Number((usd * 100).toPrecision(15))) / 100;
}

/**
 * USD for `hours` at `hourlyUsd`, to the cent: 0 when nothing runs (even at an unknown price),
 * null when hours or a needed price is unknown.
 */
export function hourlyMoney(hourlyUsd: number | null, hours: number | null): number | null {
  if (hours === null) return null;
  if (hours === 0) return 0;
  return hourlyUsd === null ? null : cents(hourlyUsd * hours);
}

/** Build a PerScenario by calling `f` per scenario. */
export function perScenario<T>(f: (s: Scenario) => T): PerScenario<T> {
  return { floor: f('floor'), expected: f('expected'), ceiling: f('ceiling') };
}

/** Sum to the cent; null when any value is null. */
export function sumKnown(values: readonly (number | null)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return cents(s);
}

/** Sum of the non-null values, to the cent. */
export function sumAtLeast(values: readonly (number | null)[]): number {
  return cents(values.reduce<number>((s, v) => s + (v ?? 0), 0));
}

/** Round a share (0..1) or a unit price to four decimals. */
export function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}

/**
 * USD per million units (requests, output tokens) to four decimals: a unit price like an hourly
 * rate, so cheap tokens do not collapse to the same cent. Null when a side is unknown or no unit is served.
 */
export function perMillion(usd: number | null, units: number | null): number | null {
  return usd === null || units === null || !(units > 0) ? null : round4(usd / (units / 1e6));
}
