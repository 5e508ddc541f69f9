/** Availability zones of agent pools, from the catalog's cited zone data. */
import { Catalog } from '../catalog';

/** Where a pool's nodes go: the catalog's zones for its VM size, or no zones and a note why. */
export interface PoolZones {
  /** Zones (`1`, `2`, `3`) offering the VM size; undefined: Azure places the nodes without zones. */
  readonly zones?: readonly string[];
  /** Set when the catalog does not know: what happens instead. */
  readonly note?: string;
}

/**
 * The zones of `location` that offer `vmSize` per the catalog (`zonesOffering`). A pool spans
 * them all; where the catalog has no row the pool is regional (no zone pinning) and the note
 * says so, because pinning zones that do not offer the size makes pool creation fail.
 */
export function poolZones(catalog: Catalog, location: string, vmSize: string, pools: readonly string[]): PoolZones {
  const row = catalog.zonesOffering('azure', location, vmSize);
  if (row && row.zones.length) return { zones: [...row.zones] };
  return { note: `agent pool${pools.length > 1 ? 's' : ''} ${pools.join(', ')}: the catalog lists no zones offering ${vmSize} in ${location}, so the pool is not pinned to zones and Azure places its nodes` };
}
