/**
 * Typed lookups over the cited catalog data (`data/*.json`). Pure: no cloud SDK, no network.
 * Prices are whole-instance USD per hour; a machine type not offered in a region has no price row.
 */
import acceleratorsData from './data/accelerators.json';
import cpuMachinesData from './data/cpu-machines.json';
import feesData from './data/fees.json';
import machinesData from './data/machines.json';
import pricesData from './data/prices.json';
import queuesData from './data/queues.json';
import regionsData from './data/regions.json';
import zonesData from './data/zones.json';
import { editDistance, suggest } from '../spec/suggest';
import { greatCircleKm } from './geo';
import {
  AcceleratorSpec,
  CloudId,
  CpuMachinePrice,
  MachineType,
  PlatformFee,
  QueuePrice,
  RegionalPrice,
  RegionCoordinates,
  RegionInfo,
  ZoneAvailability,
} from './types';

export * from './types';
export * from './devices';
export { isPriceStale, PRICE_STALE_AFTER_DAYS, priceAgeDays } from './age';
export { greatCircleKm, type LatLon } from './geo';

/** A machine type as offered in one region, with its price row. */
export interface Offer {
  readonly machine: MachineType;
  readonly price: RegionalPrice;
}

/** The whole catalog, indexed. Construct your own from other rows to test or to override prices. */
export class Catalog {
  /** The catalog shipped with inferstack. */
  static readonly DEFAULT = new Catalog({
    accelerators: acceleratorsData as unknown as AcceleratorSpec[],
    machines: machinesData as unknown as MachineType[],
    prices: pricesData as unknown as RegionalPrice[],
    regions: regionsData as unknown as RegionInfo[],
    fees: feesData as unknown as PlatformFee[],
    queues: queuesData as unknown as QueuePrice[],
    cpuMachines: cpuMachinesData as unknown as CpuMachinePrice[],
    zones: zonesData as unknown as ZoneAvailability[],
  });

  readonly accelerators: readonly AcceleratorSpec[];
  readonly machines: readonly MachineType[];
  readonly prices: readonly RegionalPrice[];
  readonly regions: readonly RegionInfo[];
  readonly fees: readonly PlatformFee[];
  readonly queues: readonly QueuePrice[];
  readonly cpuMachines: readonly CpuMachinePrice[];
  readonly zones: readonly ZoneAvailability[];
  private readonly byId: Map<string, AcceleratorSpec>;
  private readonly aliases: [string, string][];
  /** Lookups by key, built once: the generated catalog has over a thousand price rows. */
  private readonly priceByKey: Map<string, RegionalPrice>;
  private readonly cpuByRegion = new Map<string, CpuMachinePrice[]>();
  private readonly regionNames = new Map<CloudId, string[]>();

  constructor(rows: {
    accelerators: readonly AcceleratorSpec[];
    machines: readonly MachineType[];
    prices: readonly RegionalPrice[];
    regions?: readonly RegionInfo[];
    fees?: readonly PlatformFee[];
    queues?: readonly QueuePrice[];
    cpuMachines?: readonly CpuMachinePrice[];
    zones?: readonly ZoneAvailability[];
  }) {
    this.accelerators = rows.accelerators;
    this.machines = rows.machines;
    this.prices = rows.prices;
    this.regions = rows.regions ?? [];
    this.fees = rows.fees ?? [];
    this.queues = rows.queues ?? [];
    this.cpuMachines = rows.cpuMachines ?? [];
    this.zones = rows.zones ?? [];
    this.byId = new Map(this.accelerators.map((a) => [a.id, a]));
    this.aliases = this.accelerators.flatMap((a) => a.aliases.map((al): [string, string] => [al.toLowerCase(), a.id]));
    this.priceByKey = new Map();
    for (const p of this.prices) {
      const k = `${p.cloud}|${p.instanceType}|${p.region}`;
      if (!this.priceByKey.has(k)) this.priceByKey.set(k, p);
    }
  }

  /** The accelerator with this id, or undefined. */
  accelerator(id: string): AcceleratorSpec | undefined {
    return this.byId.get(id);
  }

  /** All accelerator ids, sorted. */
  acceleratorIds(): string[] {
    return [...this.byId.keys()].sort();
  }

  /** Nearest accelerator ids to a mistyped one (aliases such as `a100` or `L4` included). */
  suggestAccelerators(input: string, max = 2): string[] {
    return suggest(input, this.acceleratorIds(), { max, aliases: this.aliases });
  }

  /** Machine types of a cloud that carry this accelerator, fewest accelerators first. */
  machinesWith(cloud: CloudId, acceleratorId: string): MachineType[] {
    return this.machines
      .filter((m) => m.cloud === cloud && m.accelerator === acceleratorId)
      .sort((a, b) => a.acceleratorCount - b.acceleratorCount || a.instanceType.localeCompare(b.instanceType));
  }

  /** The machine type row, or undefined. */
  machine(cloud: CloudId, instanceType: string): MachineType | undefined {
    return this.machines.find((m) => m.cloud === cloud && m.instanceType === instanceType);
  }

  /** The price row of a machine type in a region, or undefined when not offered there. */
  price(cloud: CloudId, instanceType: string, region: string): RegionalPrice | undefined {
    return this.priceByKey.get(`${cloud}|${instanceType}|${region}`);
  }

  /** Offers of an accelerator in a region, fewest accelerators per machine first. */
  offers(cloud: CloudId, region: string, acceleratorId: string): Offer[] {
    return this.machinesWith(cloud, acceleratorId).flatMap((machine) => {
      const price = this.price(cloud, machine.instanceType, region);
      return price ? [{ machine, price }] : [];
    });
  }

  /** Regions of a cloud where some machine type carries this accelerator. */
  regionsOffering(cloud: CloudId, acceleratorId: string): string[] {
    const types = new Set(this.machinesWith(cloud, acceleratorId).map((m) => m.instanceType));
    return [...new Set(this.prices.filter((p) => p.cloud === cloud && types.has(p.instanceType)).map((p) => p.region))].sort();
  }

  /** Accelerator ids offered in a region of a cloud. */
  acceleratorsIn(cloud: CloudId, region: string): string[] {
    const types = new Set(this.prices.filter((p) => p.cloud === cloud && p.region === region).map((p) => p.instanceType));
    return [...new Set(this.machines.filter((m) => m.cloud === cloud && types.has(m.instanceType)).map((m) => m.accelerator))].sort();
  }

  /** Accelerator ids any machine type of the cloud carries. */
  acceleratorsOn(cloud: CloudId): string[] {
    return [...new Set(this.machines.filter((m) => m.cloud === cloud).map((m) => m.accelerator))].sort();
  }

  /** Known region names of a cloud (catalog regions plus the region list). */
  regionsOf(cloud: CloudId): string[] {
    let names = this.regionNames.get(cloud);
    if (!names) {
      names = [...new Set([...this.regions.filter((r) => r.cloud === cloud).map((r) => r.region), ...this.prices.filter((p) => p.cloud === cloud).map((p) => p.region)])].sort();
      this.regionNames.set(cloud, names);
    }
    return [...names];
  }

  /** Where a region is (cited), or undefined when the catalog has no coordinates for it. */
  coordinatesOf(cloud: CloudId, region: string): RegionCoordinates | undefined {
    return this.regions.find((r) => r.cloud === cloud && r.region === region)?.coordinates;
  }

  /** Zones of a region, sorted; undefined when the catalog does not list them. */
  zonesOf(cloud: CloudId, region: string): readonly string[] | undefined {
    return this.zones.find((z) => z.cloud === cloud && z.region === region && z.instanceType === null)?.zones;
  }

  /**
   * Zones of a region that offer a machine type, with their citation; undefined when the catalog
   * does not know (renderers then let the cloud place the pool, and say so).
   */
  zonesOffering(cloud: CloudId, region: string, instanceType: string): ZoneAvailability | undefined {
    return this.zones.find((z) => z.cloud === cloud && z.region === region && z.instanceType === instanceType);
  }

  /** Platform fees of a cloud. */
  feesOf(cloud: CloudId): PlatformFee[] {
    return this.fees.filter((f) => f.cloud === cloud);
  }

  /** Queue prices of a cloud. */
  queuePricesOf(cloud: CloudId): QueuePrice[] {
    return this.queues.filter((q) => q.cloud === cloud);
  }

  /** CPU machine prices of a cloud in a region, cheapest first. */
  cpuMachinesIn(cloud: CloudId, region: string): CpuMachinePrice[] {
    const k = `${cloud}|${region}`;
    let rows = this.cpuByRegion.get(k);
    if (!rows) {
      rows = this.cpuMachines
        .filter((c) => c.cloud === cloud && c.region === region)
        .sort((a, b) => (a.onDemandHourlyUsd ?? Infinity) - (b.onDemandHourlyUsd ?? Infinity));
      this.cpuByRegion.set(k, rows);
    }
    return [...rows];
  }
}

/**
 * Regions sorted nearest first. With coordinates for `to` (any cloud's region of that name in the
 * catalog), by great-circle distance from it: for a Sydney region, Asia-Pacific regions come
 * first. Regions without coordinates, and every region when `to` has none, follow in the old
 * name order: same geography prefix (`eu`, `us`, `europe`, ...) first, then by name distance.
 */
export function nearestRegions(to: string, regions: readonly string[], catalog: Catalog = Catalog.DEFAULT): string[] {
  const where = (name: string) => catalog.regions.find((r) => r.region === name && r.coordinates)?.coordinates;
  const geo = (r: string) => r.replace(/[-\d].*$/, '').replace(/(east|west|north|south|central)+.*$/, '');
  const g = geo(to);
  const byName = (a: string, b: string) => Number(geo(b) === g) - Number(geo(a) === g) || editDistance(to, a) - editDistance(to, b) || a.localeCompare(b);
  const here = where(to);
  if (!here) return [...regions].sort(byName);
  const km = new Map(regions.map((r) => [r, where(r)] as const).map(([r, c]) => [r, c ? greatCircleKm(here, c) : Infinity]));
  return [...regions].sort((a, b) => {
    const [da, db] = [km.get(a)!, km.get(b)!];
    if (da !== db) return da === Infinity || db === Infinity ? (da === Infinity ? 1 : -1) : da - db;
    return byName(a, b);
  });
}
