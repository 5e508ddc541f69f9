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
  /** Every offer that could carry the replica, cheapest first (the chosen one first). */
  readonly candidates: readonly Offer[];
}

const byPrice = (a: Offer, b: Offer) =>
  (a.price.onDemandHourlyUsd ?? Infinity) - (b.price.onDemandHourlyUsd ?? Infinity) ||
  (a.price.spotHourlyUsd ?? Infinity) - (b.price.spotHourlyUsd ?? Infinity) ||
  a.machine.acceleratorCount - b.machine.acceleratorCount ||
  a.machine.instanceType.localeCompare(b.machine.instanceType);

/**
 * The cheapest machine offered in the region that carries `count` accelerators of the type
 * (by whole-instance on-demand price; unknown prices rank last). TPU slices need the machine
 * whose chips match a single-host topology, or the multi-host machine with one VM per host.
 */
export function chooseMachine(catalog: Catalog, cloud: CloudId, region: string, acc: AcceleratorSpec, req: AcceleratorRequest): MachineChoice | undefined {
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
  const sorted = [...fits].sort(byPrice);
  const offer = sorted[0];
  const replicasPerNode = acc.tpu ? 1 : Math.floor(offer.machine.acceleratorCount / count);
  return { offer, replicasPerNode, nodesPerReplica, candidates: sorted };
}
