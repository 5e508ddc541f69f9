/**
 * What the catalog holds per cloud, with its sources and dates: the data behind
 * `inferstack catalog` (bin/commands/catalog.ts). Pure counts over the rows; nothing depends on
 * the clock, so the `--json` document is stable.
 */
import type { Catalog } from './index';
import { CLOUDS, type Cited, type CloudId } from './types';

/** `apiVersion` of `inferstack catalog --json`. */
export const CATALOG_API_VERSION = 'inferstack.dev/catalog/v1alpha1';

/** One source the catalog cites for a cloud, and how many rows of each file cite it. */
export interface CatalogSource {
  /** `github:owner/repo/path@commit` or URL; a row citing several sources counts for each. */
  readonly source: string;
  /** Distinct `asOf` dates of the rows citing it, oldest first. */
  readonly asOf: readonly string[];
  /** Catalog file -> rows citing the source. */
  readonly rows: Readonly<Record<string, number>>;
}

export interface CatalogCloudSummary {
  readonly cloud: CloudId;
  /** Accelerator ids some machine type of the cloud carries, sorted. */
  readonly accelerators: readonly string[];
  /** Accelerator machine types (machines.json), sorted. */
  readonly machineTypes: readonly string[];
  readonly regions: {
    /** Regions with at least one accelerator price row. */
    readonly withAccelerators: number;
    /** Regions with a CPU machine row (system nodes). */
    readonly withCpuMachines: number;
    /** Regions the catalog knows by name (for validation and suggestions). */
    readonly known: number;
    /** Known regions with cited coordinates (for nearest-first suggestions). */
    readonly withCoordinates: number;
  };
  readonly zones: {
    /** Regions whose zones are listed. */
    readonly regions: number;
    /** (region, machine type) pairs whose zones are listed. */
    readonly machineTypeRegions: number;
  };
  readonly prices: {
    /** Accelerator price rows, one per (machine type, region) offered. */
    readonly rows: number;
    readonly onDemand: number;
    readonly spot: number;
    /** Rows whose spot is a mean over per-zone prices (spotZoneHourlyUsd). */
    readonly spotPerZone: number;
    /** Rows with neither price (offered, but nothing citable). */
    readonly unpriced: number;
    /** Oldest and newest `asOf` of the price rows. */
    readonly oldestAsOf: string | null;
    readonly newestAsOf: string | null;
  };
  readonly cpuMachines: { readonly rows: number; readonly types: readonly string[] };
  readonly sources: readonly CatalogSource[];
}

/** Every source a row cites: `github:owner/repo/path@commit` and URLs, in the order written. */
export function citationsOf(source: string): string[] {
  return [...new Set(source.match(/github:[\w.-]+\/[\w.-]+\/[^\s;]+?@[0-9a-f]{7,40}|https?:\/\/[^\s;]+/g) ?? [])];
}
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** The summary of one cloud's rows. */
export function summarizeCloud(catalog: Catalog, cloud: CloudId): CatalogCloudSummary {
  const machines = catalog.machines.filter((m) => m.cloud === cloud);
  const prices = catalog.prices.filter((p) => p.cloud === cloud);
  const cpu = catalog.cpuMachines.filter((c) => c.cloud === cloud);
  const zones = catalog.zones.filter((z) => z.cloud === cloud);
  const regions = catalog.regions.filter((r) => r.cloud === cloud);
  const fees = catalog.feesOf(cloud);
  const queues = catalog.queuePricesOf(cloud);
  const dates = sorted(prices.map((p) => p.asOf));

  const files: [string, readonly Cited[]][] = [
    ['machines.json', machines],
    ['prices.json', prices],
    ['cpu-machines.json', cpu],
    ['zones.json', zones],
    ['regions.json', regions],
    ['regions.json (coordinates)', regions.flatMap((r) => (r.coordinates ? [r.coordinates] : []))],
    ['fees.json', fees],
    ['queues.json', queues],
  ];
  const bySource = new Map<string, { asOf: Set<string>; rows: Map<string, number> }>();
  for (const [file, rows] of files)
    for (const r of rows)
      for (const cited of citationsOf(r.source)) {
        const s = bySource.get(cited) ?? { asOf: new Set<string>(), rows: new Map<string, number>() };
        s.asOf.add(r.asOf);
        s.rows.set(file, (s.rows.get(file) ?? 0) + 1);
        bySource.set(cited, s);
      }

  return {
    cloud,
    accelerators: catalog.acceleratorsOn(cloud),
    machineTypes: sorted(machines.map((m) => m.instanceType)),
    regions: {
      withAccelerators: new Set(prices.map((p) => p.region)).size,
      withCpuMachines: new Set(cpu.map((c) => c.region)).size,
      known: catalog.regionsOf(cloud).length,
      withCoordinates: regions.filter((r) => r.coordinates).length,
    },
    zones: { regions: zones.filter((z) => z.instanceType === null).length, machineTypeRegions: zones.filter((z) => z.instanceType !== null).length },
    prices: {
      rows: prices.length,
      onDemand: prices.filter((p) => p.onDemandHourlyUsd !== null).length,
      spot: prices.filter((p) => p.spotHourlyUsd !== null).length,
      spotPerZone: prices.filter((p) => p.spotZoneHourlyUsd !== undefined).length,
      unpriced: prices.filter((p) => p.onDemandHourlyUsd === null && p.spotHourlyUsd === null).length,
      oldestAsOf: dates[0] ?? null,
      newestAsOf: dates[dates.length - 1] ?? null,
    },
    cpuMachines: { rows: cpu.length, types: sorted(cpu.map((c) => c.instanceType)) },
    sources: [...bySource]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([source, s]) => ({ source, asOf: sorted(s.asOf), rows: Object.fromEntries([...s.rows].sort(([a], [b]) => (a < b ? -1 : 1))) })),
  };
}

/** Summaries of the given clouds (every cloud by default), in CLOUDS order. */
export function summarizeCatalog(catalog: Catalog, clouds: readonly CloudId[] = CLOUDS): CatalogCloudSummary[] {
  return CLOUDS.filter((c) => clouds.includes(c)).map((c) => summarizeCloud(catalog, c));
}
