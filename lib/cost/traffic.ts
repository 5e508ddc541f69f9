/** The traffic profile as hourly demand: a week of weights, repeated, scaled to the spec's mean. */
import type { TrafficSpec } from '../spec/types';
import { BUSINESS_HOURS, HOURS_PER_WEEK } from './model';

/** The 168 relative weights of a week (Monday 00:00 first) for a traffic pattern. */
function weeklyWeights(traffic: Pick<TrafficSpec, 'pattern' | 'hourlyWeights'>): Float64Array {
  const w = new Float64Array(HOURS_PER_WEEK);
  if (traffic.pattern === 'custom' && traffic.hourlyWeights && (traffic.hourlyWeights.length === 24 || traffic.hourlyWeights.length === HOURS_PER_WEEK)) {
    const src = traffic.hourlyWeights;
    for (let h = 0; h < HOURS_PER_WEEK; h++) w[h] = Math.max(0, src[h % src.length]);
  } else if (traffic.pattern === 'business-hours') {
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      const day = Math.floor(h / 24);
      const hour = h % 24;
      const business = BUSINESS_HOURS.days.includes(day) && hour >= BUSINESS_HOURS.startHour && hour < BUSINESS_HOURS.endHour;
      w[h] = business ? BUSINESS_HOURS.weight : BUSINESS_HOURS.offHoursWeight;
    }
  } else w.fill(1);
  return w;
}

/**
 * Requests per second in each hour of `hours` hours (hour 0 = Monday 00:00), following the
 * weekly pattern and scaled so that the mean over those hours equals `requestsPerSecond.mean`.
 * All zeros when the mean is 0 or every weight is 0.
 */
export function hourlyDemand(traffic: Pick<TrafficSpec, 'pattern' | 'hourlyWeights' | 'requestsPerSecond'>, hours: number): Float64Array {
  const w = weeklyWeights(traffic);
  const out = new Float64Array(hours);
  let sum = 0;
  for (let h = 0; h < hours; h++) {
    out[h] = w[h % HOURS_PER_WEEK];
    sum += out[h];
  }
  const mean = traffic.requestsPerSecond.mean;
  if (sum <= 0 || mean <= 0) return out.fill(0);
  const scale = (mean * hours) / sum;
  for (let h = 0; h < hours; h++) out[h] *= scale;
  return out;
}

/** One sentence describing the pattern as simulated, for the report's assumptions. */
export function describePattern(traffic: TrafficSpec, demand: Float64Array): string {
  let max = 0;
  let min = Infinity;
  for (const d of demand) {
    if (d > max) max = d;
    if (d < min) min = d;
  }
  const r = (n: number) => Number(n.toPrecision(3));
  const shape =
    traffic.pattern === 'business-hours'
      ? `business-hours: Monday-Friday ${String(BUSINESS_HOURS.startHour).padStart(2, '0')}:00-${BUSINESS_HOURS.endHour}:00 local time at weight ${BUSINESS_HOURS.weight}, every other hour at ${BUSINESS_HOURS.offHoursWeight}`
      : traffic.pattern === 'custom'
        ? `custom: ${traffic.hourlyWeights?.length ?? 0} hourly weights${traffic.hourlyWeights?.length === 24 ? ' repeated every day' : ' for the week, Monday 00:00 first'}`
        : 'flat: every hour the same';
  return `Traffic pattern ${shape}; scaled so the mean is ${traffic.requestsPerSecond.mean} requests/s: hourly demand from ${r(min)} to ${r(max)} requests/s.`;
}
