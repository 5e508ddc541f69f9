/** Which machine type carries a replica's accelerators, cheapest first. */
import { AcceleratorSpec, Catalog, CloudId, Offer } from '../catalog';
import type { AcceleratorRequest, ModelSpec } from '../spec/types';

/** The accelerator a model uses on a cloud: its per-cloud override, else its own. */
export function effectiveAccelerator(model: ModelSpec, cloud: CloudId): { request: AcceleratorRequest; overridden: boolean } {
  const o = model.overrides?.[cloud]?.accelerator;
  return o ? { request: o, overridden: true } : { request: model.accelerator, overridden: false };
}

/** Chips in a TPU topology ('2x4' -> 8). */
export const topologyChips = (topology: string): number => topology.split('x').reduce((p, d) => p * Number(d), 1);

/** Accelerators per replica: the explicit count, a TPU topology's chips, or 1. */
export function acceleratorCount(req: AcceleratorRequest): number {
  if (req.count !== undefined) return req.count;
  if (req.topology) return topologyChips(req.topology);
  return 1;
}

/** A machine choice for one replica. */
export interface MachineChoice {
  readonly offer: Offer;
  readonly replicasPerNode: number;
  readonly nodesPerReplica: number;
  /** Every offer that could carry the replica, best first (the chosen one first). */
  readonly candidates: readonly Offer[];
}

/**
 * USD per hour one replica costs on an offer: the machine's price over the replicas it carries,
 * counting only as many as the pool can run (`maxReplicas`), so a larger machine wins only when
 * the replicas that would share it make it cheaper. Null when the price is unknown.
 */
export function hourlyUsdPerReplica(offer: Offer, count: number, maxReplicas: number | undefined, price: 'onDemandHourlyUsd' | 'spotHourlyUsd'): number | null {
  const usd = offer.price[price];
  if (usd === null) return null;
  const carried = Math.floor(offer.machine.acceleratorCount / count);
  const used = Math.max(1, Math.min(carried, maxReplicas ?? carried));
  return usd / used;
}

/**
 * The cheapest machine offered in the region per replica. A machine that carries exactly the
 * replica's accelerators wins unless a larger one is strictly cheaper per replica (its price
 * shared by the replicas it carries, at most `maxReplicas`); unknown prices rank last. TPU slices
 * need the machine whose chips match a single-host topology, or the multi-host machine with one
 * VM per host.
 *
 * @param maxReplicas - the pool's `replicas.max`, the most replicas that can share a machine.
 *   @default - as many as the machine carries
 */
export function chooseMachine(catalog: Catalog, cloud: CloudId, region: string, acc: AcceleratorSpec, req: AcceleratorRequest, maxReplicas?: number): MachineChoice | undefined {
  const count = acceleratorCount(req);
  const offers = catalog.offers(cloud, region, acc.id);
  let fits: Offer[];
  let nodesPerReplica = 1;
  if (acc.tpu && req.topology) {
    if (acc.tpu.singleHostTopologies.includes(req.topology)) fits = offers.filter((o) => o.machine.acceleratorCount === count);
    else {
      fits = offers.filter((o) => o.machine.acceleratorCount === acc.tpu!.multiHostChipsPerVm);
      nodesPerReplica = Math.ceil(count / acc.tpu.multiHostChipsPerVm);
    }
  } else fits = offers.filter((o) => o.machine.acceleratorCount >= count);
  if (fits.length === 0) return undefined;
  // To the hundredth of a cent per hour: list prices rounded differently must not make a larger machine win.
  const perReplica = (o: Offer, price: 'onDemandHourlyUsd' | 'spotHourlyUsd') => {
    const usd = hourlyUsdPerReplica(o, count, maxReplicas, price);
    return usd === null ? Infinity : Math.round(usd * 1e4);
  };
  const best = (a: Offer, b: Offer) =>
    perReplica(a, 'onDemandHourlyUsd') - perReplica(b, 'onDemandHourlyUsd') ||
    a.machine.acceleratorCount - b.machine.acceleratorCount ||
    perReplica(a, 'spotHourlyUsd') - perReplica(b, 'spotHourlyUsd') ||
    a.machine.instanceType.localeCompare(b.machine.instanceType);
  const sorted = [...fits].sort(best);
  const offer = sorted[0];
  const replicasPerNode = acc.tpu ? 1 : Math.floor(offer.machine.acceleratorCount / count);
  return { offer, replicasPerNode, nodesPerReplica, candidates: sorted };
}
