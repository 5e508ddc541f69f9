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
 * says so, because pinning zones that do not offer the size makes pool creation fail. With
 * `generalPurpose` (CPU sizes) the region's zones stand in for a missing per-size row.
 */
export function poolZones(catalog: Catalog, location: string, vmSize: string, pools: readonly string[], options: { readonly generalPurpose?: boolean } = {}): PoolZones {
  const row = catalog.zonesOffering('azure', location, vmSize);
  if (row && row.zones.length) return { zones: [...row.zones] };
  // General-purpose sizes (the CPU pools) go in every zone of a zonal region: an assumption, not
  // cited data (the catalog has Azure zones per region, not per size; docs/catalog.md). A zone
  // without the size fails pool creation with Azure's message; give the pool's zones then.
  const region = options.generalPurpose ? catalog.zonesOf('azure', location) : undefined;
  if (region && region.length > 1) return { zones: [...region] };
  return { note: `agent pool${pools.length > 1 ? 's' : ''} ${pools.join(', ')}: the catalog lists no zones offering ${vmSize} in ${location}, so the pool is not pinned to zones and Azure places its nodes` };
}
