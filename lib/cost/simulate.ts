/** The hour-by-hour autoscaling simulation of one pool. */
import { HOURS_PER_WEEK, SECONDS_PER_HOUR } from './model';

/** How a pool's replicas become nodes of each capacity type. */
export interface PoolShape {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** The first this many replicas run on on-demand nodes, the rest on spot. */
  readonly onDemandReplicas: number;
  /** Replicas one node carries. */
  readonly replicasPerNode: number;
  /** Nodes one replica spans (multi-host TPU slices). */
  readonly nodesPerReplica: number;
}

/** Nodes of each capacity type for `replicas` replicas: `ceil(replicas / replicasPerNode) x nodesPerReplica` per type. */
export function nodesFor(shape: PoolShape, replicas: number): { onDemand: number; spot: number } {
  const od = Math.min(replicas, shape.onDemandReplicas);
  const nodes = (r: number) => Math.ceil(r / shape.replicasPerNode) * shape.nodesPerReplica;
  return { onDemand: nodes(od), spot: nodes(replicas - od) };
}

/** Totals of one pool over the simulated hours. */
export interface PoolSimulation {
  readonly hours: number;
  readonly replicaHours: number;
  readonly onDemandNodeHours: number;
  readonly spotNodeHours: number;
  /** Requests that arrived, and those `replicas.max` could serve. */
  readonly requests: number;
  readonly servedRequests: number;
  /** Most replicas running in any hour. */
  readonly peakReplicas: number;
}

/**
 * Simulate a pool hour by hour.
 *
 * Each hour needs `ceil(demand / requestsPerSecondPerReplica)` replicas, clamped to
 * `[minReplicas, maxReplicas]`; demand above what `maxReplicas` serve is unserved. Scale-down is
 * delayed: a replica stays up until `scaleDownDelaySeconds` after the demand that needed it
 * ended, so in each hour the pool runs the most replicas any hour still inside that window
 * needed. At hourly granularity a delay of d hours keeps the previous `floor(d)` hours' need
 * for the whole hour and the hour before those for the fraction `d - floor(d)` of it (a 300 s
 * delay keeps the previous hour's extra replicas for the first 5 minutes). Scale-up is instant
 * and demand is uniform within an hour. The hours before the first are the last hours of the
 * repeating week.
 *
 * @param demand - requests per second of the whole traffic in each hour.
 * @param share - the pool's share of it.
 */
export function simulatePool(demand: Float64Array, share: number, requestsPerSecondPerReplica: number, shape: PoolShape, scaleDownDelaySeconds: number): PoolSimulation {
  const H = demand.length;
  const { minReplicas: min, maxReplicas: max } = shape;
  const cap = requestsPerSecondPerReplica;
  const need = new Int32Array(H);
  let requests = 0;
  let served = 0;
  const full = max * cap;
  for (let h = 0; h < H; h++) {
    const d = demand[h] * share;
    const r = d > 0 ? Math.ceil(d / cap - 1e-9) : 0;
    need[h] = r < min ? min : r > max ? max : r;
    requests += d * SECONDS_PER_HOUR;
    served += (d < full ? d : full) * SECONDS_PER_HOUR;
  }
  const od = new Float64Array(max + 1);
  const spot = new Float64Array(max + 1);
  for (let l = 0; l <= max; l++) {
    const n = nodesFor(shape, l);
    od[l] = n.onDemand;
    spot[l] = n.spot;
  }
  const delayHours = scaleDownDelaySeconds / SECONDS_PER_HOUR;
  const whole = Math.floor(delayHours);
  const frac = delayHours - whole;
  const period = H >= HOURS_PER_WEEK ? HOURS_PER_WEEK : H;
  const at = (i: number) => need[i >= 0 ? i : (((i % period) + period) % period)];
  let replicaHours = 0;
  let odHours = 0;
  let spotHours = 0;
  let peak = 0;
  for (let h = 0; h < H; h++) {
    let a = need[h];
    for (let k = 1; k <= whole; k++) {
      const v = at(h - k);
      if (v > a) a = v;
    }
    let b = a;
    if (frac > 0) {
      const v = at(h - whole - 1);
      if (v > b) b = v;
    }
    replicaHours += (1 - frac) * a + frac * b;
    odHours += (1 - frac) * od[a] + frac * od[b];
    spotHours += (1 - frac) * spot[a] + frac * spot[b];
    if (b > peak) peak = b;
  }
  return { hours: H, replicaHours, onDemandNodeHours: odHours, spotNodeHours: spotHours, requests, servedRequests: served, peakReplicas: peak };
}
