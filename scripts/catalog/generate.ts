/**
 * Turns the committed extracts (`extracts/*.csv`) and the curated rows (`curated/*.json`,
 * `lib/catalog/data/machines.json`) into the generated catalog files: prices.json,
 * cpu-machines.json, zones.json and regions.json. Pure and deterministic: the same inputs give
 * the same rows in the same order, so `npm run catalog:build` prints byte-identical files.
 *
 * The rules, per cloud (docs/catalog.md says the same for users):
 * - AWS: SkyPilot's vms.csv lists each instance type once per availability zone, with the
 *   regional on-demand price and that zone's spot price. Local zones (`use1-atl2-az1`) are left
 *   out. Spot is the mean over the zones that list a spot price, the cheapest beside it.
 * - GCP: the whole-VM price of Cyclenerd's pricing.yml (host, GPUs and bundled SSD) in every
 *   region SkyPilot lists the type. Where pricing.yml has none, host + GPU rows of SkyPilot are
 *   added up, on-demand only when the GPU row is self-consistent (on-demand at least spot, no
 *   placeholder). TPU types take the price of the SkyPilot slice they are. 700.0 is SkyPilot's
 *   "not available" placeholder.
 * - Azure: on-demand from the Karpenter price file in every region it prices the size; spot
 *   from SkyPilot's (older, US-only) Azure file where it sells below on-demand.
 */
import type {
  CloudId,
  CpuMachinePrice,
  MachineType,
  RegionalPrice,
  RegionCoordinates,
  RegionInfo,
  ZoneAvailability,
} from '../../lib/catalog/types';
import { type Extract, num } from './extract';

/** The extract files the generator reads, by role. */
export const EXTRACT_FILES = {
  awsVms: 'skypilot-aws-vms.csv',
  awsKarpenter: 'karpenter-aws-us-east-1.csv',
  gcpVms: 'skypilot-gcp-vms.csv',
  gcpAccelerators: 'skypilot-gcp-accelerators.csv',
  gcpPricing: 'cyclenerd-gcp-pricing.csv',
  azureOnDemand: 'karpenter-azure-ondemand.csv',
  azureVms: 'skypilot-azure-vms.csv',
  regions: 'cloud-regions.csv',
} as const;

export type ExtractRole = keyof typeof EXTRACT_FILES;

/** A CPU machine type used for system nodes, with its cited size (AWS sizes come from the extract). */
export interface CpuType {
  readonly cloud: CloudId;
  readonly instanceType: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly source: string;
  readonly asOf: string;
}

export interface CatalogInputs {
  readonly extracts: Readonly<Record<ExtractRole, Extract>>;
  /** lib/catalog/data/machines.json (curated): which accelerator machine types to price. */
  readonly machines: readonly MachineType[];
  /** curated/regions.json: region display names with their citations. */
  readonly regions: readonly RegionInfo[];
  /** curated/cpu-types.json: GCP and Azure CPU types for system nodes. */
  readonly cpuTypes: readonly CpuType[];
}

export interface CatalogOutputs {
  readonly prices: RegionalPrice[];
  readonly cpuMachines: CpuMachinePrice[];
  readonly zones: ZoneAvailability[];
  readonly regions: RegionInfo[];
}

/** AWS CPU types for system nodes; the fallback family is used only where SkyPilot lists no m6i. */
const AWS_CPU = { primary: ['m6i.large', 'm6i.xlarge'], fallback: ['t3.large', 't3.xlarge'] } as const;

/** GCP machine types without a whole-VM price row: SkyPilot prices their GPUs separately. */
const GCP_GPU_ROWS: Readonly<Record<string, { readonly gpu: string; readonly count: number }>> = {
  'a3-megagpu-8g': { gpu: 'H100-MEGA', count: 8 },
  'a3-ultragpu-8g': { gpu: 'H200', count: 8 },
};

/** GKE TPU machine types and the SkyPilot TPU slice each one is (one VM, host included). */
const GCP_TPU_SLICES: Readonly<Record<string, string>> = {
  'ct5lp-hightpu-1t': 'tpu-v5litepod-1',
  'ct5lp-hightpu-4t': 'tpu-v5litepod-4',
  'ct5lp-hightpu-8t': 'tpu-v5litepod-8',
  'ct5p-hightpu-4t': 'tpu-v5p-8',
  'ct6e-standard-1t': 'tpu-v6e-1',
  'ct6e-standard-4t': 'tpu-v6e-4',
  'ct6e-standard-8t': 'tpu-v6e-8',
};

/**
 * Azure sizes whose SkyPilot vCPU/memory disagree with machines.json, and why machines.json is
 * kept (the Resource SKU API via Aspire, and Microsoft's size pages).
 */
const AZURE_SIZE_ERRATA: Readonly<Record<string, string>> = {
  Standard_ND96amsr_A100_v4: 'SkyPilot lists 1800 GiB; the Resource SKU API (Aspire) says 1900 GiB',
};

/** SkyPilot's "not available" placeholder price. */
const PLACEHOLDER = 700;

/** Regular AWS availability-zone IDs (`use1-az1`), not local or Wavelength zones (`use1-atl2-az1`). */
const AWS_ZONE_ID = /^[a-z]+[0-9]+-az[0-9]+$/;

type Row = Readonly<Record<string, string>>;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const uniq = (xs: readonly string[]): string[] => [...new Set(xs)].sort(cmp);

function groupBy(rows: readonly Row[], key: (r: Row) => string): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The one value a column takes over rows (e.g. a regional price repeated per zone). */
function single(e: Extract, rows: readonly Row[], column: string, what: string): number | null {
  const values = [...new Set(rows.map((r) => num(e, r, column)))];
  if (values.length !== 1) throw new Error(`${e.file}: ${what} has ${values.length} different ${column} values (${values.join(', ')})`);
  return values[0];
}

/** Spot fields from per-zone prices: the mean a pool spread over the zones pays, and the cheapest zone. */
function spotFields(zonePrices: ReadonlyMap<string, number>, byZone: boolean): Pick<RegionalPrice, 'spotHourlyUsd' | 'spotMinHourlyUsd' | 'spotZoneHourlyUsd'> {
  const values = [...zonePrices.values()];
  if (values.length === 0) return { spotHourlyUsd: null, spotMinHourlyUsd: null };
  const mean = round6(values.reduce((s, v) => s + v, 0) / values.length);
  const min = round6(Math.min(...values));
  if (!byZone) return { spotHourlyUsd: mean, spotMinHourlyUsd: min };
  const zones = [...zonePrices.keys()].sort(cmp);
  return { spotHourlyUsd: mean, spotMinHourlyUsd: min, spotZoneHourlyUsd: Object.fromEntries(zones.map((z) => [z, round6(zonePrices.get(z)!)])) };
}

function priceRow(
  base: Pick<RegionalPrice, 'cloud' | 'instanceType' | 'region' | 'onDemandHourlyUsd'>,
  spot: Pick<RegionalPrice, 'spotHourlyUsd' | 'spotMinHourlyUsd' | 'spotZoneHourlyUsd'>,
  source: string,
  asOf: string,
  notes: readonly string[],
): RegionalPrice {
  return {
    cloud: base.cloud,
    instanceType: base.instanceType,
    region: base.region,
    onDemandHourlyUsd: base.onDemandHourlyUsd,
    spotHourlyUsd: spot.spotHourlyUsd,
    spotMinHourlyUsd: spot.spotMinHourlyUsd,
    ...(spot.spotZoneHourlyUsd ? { spotZoneHourlyUsd: spot.spotZoneHourlyUsd } : {}),
    source,
    asOf,
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}

function zoneRow(cloud: CloudId, region: string, instanceType: string | null, zones: readonly string[], source: string, asOf: string): ZoneAvailability {
  return { cloud, region, instanceType, zones: uniq(zones), source, asOf };
}

/** Checks a curated machine row against the sizes a source lists for it. */
function checkSize(e: Extract, m: MachineType, rows: readonly Row[], columns: { vcpus: string; memoryGiB: string; count?: string }): void {
  for (const r of rows) {
    const vcpus = num(e, r, columns.vcpus);
    const mem = num(e, r, columns.memoryGiB);
    const count = columns.count ? num(e, r, columns.count) : m.acceleratorCount;
    if (vcpus !== m.vcpus || mem !== m.memoryGiB || count !== m.acceleratorCount)
      throw new Error(
        `${e.file}: ${m.instanceType} is ${vcpus} vCPU / ${mem} GiB / ${count} accelerators there, machines.json says ${m.vcpus} / ${m.memoryGiB} / ${m.acceleratorCount}`,
      );
  }
}

function zonesNote(withSpot: number, all: number): string[] {
  return withSpot > 0 && withSpot < all ? [`spot listed in ${withSpot} of ${all} zones`] : [];
}

// ---------------------------------------------------------------------------------------- AWS

function generateAws(inp: CatalogInputs, out: Mutable): void {
  const e = inp.extracts.awsVms;
  const karpenter = inp.extracts.awsKarpenter;
  const karpenterPrice = new Map(karpenter.rows.map((r) => [r.InstanceType, num(karpenter, r, 'OnDemand')]));
  const byType = groupBy(e.rows, (r) => r.InstanceType);
  /** The us-east-1 on-demand prices must equal the Karpenter file's: that is what dates the snapshot. */
  const confirmed = (type: string, region: string, onDemand: number | null): string => {
    if (region !== 'us-east-1' || !karpenterPrice.has(type)) return '';
    const k = karpenterPrice.get(type) ?? null;
    if (k !== onDemand) throw new Error(`${type} us-east-1: SkyPilot ${onDemand}, Karpenter ${k}: the extracts disagree`);
    return ` ; on-demand also = ${karpenter.source}`;
  };

  for (const m of inp.machines.filter((x) => x.cloud === 'aws')) {
    const rows = byType.get(m.instanceType);
    if (!rows) throw new Error(`${e.file}: no rows for ${m.instanceType} (machines.json)`);
    checkSize(e, m, rows, { vcpus: 'vCPUs', memoryGiB: 'MemoryGiB', count: 'AcceleratorCount' });
    for (const [region, all] of [...groupBy(rows, (r) => r.Region)].sort(([a], [b]) => cmp(a, b))) {
      const regular = all.filter((r) => AWS_ZONE_ID.test(r.AvailabilityZone));
      if (regular.length === 0) continue;
      const onDemand = single(e, regular, 'Price', `${m.instanceType} in ${region}`);
      const notes: string[] = [];
      const source = e.source + confirmed(m.instanceType, region, onDemand);
      if (onDemand === null) notes.push('SkyPilot lists no on-demand price in this region');
      const zonePrices = new Map<string, number>();
      let capped = false;
      for (const r of regular) {
        const spot = num(e, r, 'SpotPrice');
        if (spot === null) continue;
        // AWS never charges more than on-demand for spot; the source rounds to 4 decimals.
        if (onDemand !== null && spot > onDemand) capped = true;
        zonePrices.set(r.AvailabilityZone, onDemand !== null ? Math.min(spot, onDemand) : spot);
      }
      if (zonePrices.size === 0) notes.push('no spot price listed in any zone');
      notes.push(...zonesNote(zonePrices.size, regular.length));
      if (capped) notes.push('a zone spot price the source rounds above on-demand is counted at on-demand');
      out.prices.push(priceRow({ cloud: 'aws', instanceType: m.instanceType, region, onDemandHourlyUsd: onDemand }, spotFields(zonePrices, true), source, e.asOf, notes));
      out.zones.push(
        zoneRow('aws', region, m.instanceType, regular.map((r) => r.AvailabilityZone), `${e.source} ; AvailabilityZone (zone IDs) of the ${m.instanceType} rows in ${region}`, e.asOf),
      );
    }
  }

  // CPU machines: m6i everywhere SkyPilot lists it, t3 in the regions that have no m6i.
  const cpuRegions = (types: readonly string[]): Set<string> => new Set(types.flatMap((t) => (byType.get(t) ?? []).map((r) => r.Region)));
  const primaryRegions = cpuRegions(AWS_CPU.primary);
  for (const [types, fallback] of [[AWS_CPU.primary, false], [AWS_CPU.fallback, true]] as const) {
    for (const t of types) {
      const rows = byType.get(t);
      if (!rows) throw new Error(`${e.file}: no rows for CPU type ${t}`);
      for (const [region, all] of groupBy(rows, (r) => r.Region)) {
        if (fallback && primaryRegions.has(region)) continue;
        const regular = all.filter((r) => AWS_ZONE_ID.test(r.AvailabilityZone));
        if (regular.length === 0) continue;
        const onDemand = single(e, regular, 'Price', `${t} in ${region}`);
        out.cpuMachines.push({
          cloud: 'aws',
          instanceType: t,
          region,
          vcpus: single(e, regular, 'vCPUs', t) ?? 0,
          memoryGiB: single(e, regular, 'MemoryGiB', t) ?? 0,
          onDemandHourlyUsd: onDemand,
          source: `${e.source}${confirmed(t, region, onDemand)}${fallback ? ` ; burstable ${t.split('.')[0]} because SkyPilot lists no m6i in ${region}` : ''}`,
          asOf: e.asOf,
        });
      }
    }
  }

  // Zones of a region: every zone ID a catalogued type (accelerator or CPU) is listed in.
  for (const [region, all] of groupBy(e.rows, (r) => r.Region)) {
    const zones = all.map((r) => r.AvailabilityZone).filter((z) => AWS_ZONE_ID.test(z));
    if (zones.length)
      out.zones.push(
        zoneRow('aws', region, null, zones, `${e.source} ; zone IDs the instance types inferstack catalogs are listed in (a region may have further zones)`, e.asOf),
      );
  }
}

// ---------------------------------------------------------------------------------------- GCP

function generateGcp(inp: CatalogInputs, out: Mutable): void {
  const vms = inp.extracts.gcpVms;
  const acc = inp.extracts.gcpAccelerators;
  const cyc = inp.extracts.gcpPricing;
  const hostRows = groupBy(vms.rows, (r) => r.InstanceType);
  const accRows = groupBy(acc.rows, (r) => `${r.AcceleratorName}|${r.Region}`);
  const whole = new Map(cyc.rows.map((r) => [`${r.InstanceType}|${r.Region}`, r]));

  for (const m of inp.machines.filter((x) => x.cloud === 'gcp')) {
    const slice = GCP_TPU_SLICES[m.instanceType];
    if (slice) {
      generateTpu(acc, m.instanceType, slice, out);
      continue;
    }
    const rows = hostRows.get(m.instanceType);
    if (!rows) throw new Error(`${vms.file}: no rows for ${m.instanceType} (machines.json)`);
    checkSize(vms, m, rows, { vcpus: 'vCPUs', memoryGiB: 'MemoryGiB' });
    for (const [region, host] of [...groupBy(rows, (r) => r.Region)].sort(([a], [b]) => cmp(a, b))) {
      const zones = host.map((r) => r.AvailabilityZone);
      out.zones.push(zoneRow('gcp', region, m.instanceType, zones, `${vms.source} ; AvailabilityZone of the ${m.instanceType} rows in ${region}`, vms.asOf));
      const base = { cloud: 'gcp' as const, instanceType: m.instanceType, region };
      const w = whole.get(`${m.instanceType}|${region}`);
      if (w) {
        // The file's whole-VM prices are sums with float noise past the 6th decimal.
        const [onDemand, spot] = [num(cyc, w, 'Hour'), num(cyc, w, 'HourSpot')].map((v) => (v === null ? null : round6(v)));
        const notes = ['whole-VM price (host, GPUs and bundled local SSD); spot is regional'];
        if (spot === null) notes.push('no spot price listed');
        out.prices.push(
          priceRow({ ...base, onDemandHourlyUsd: onDemand }, spot === null ? spotFields(new Map(), false) : spotFields(new Map([['', spot]]), false), cyc.source, cyc.asOf, notes),
        );
        continue;
      }
      const gpu = GCP_GPU_ROWS[m.instanceType];
      const hostPrice = single(vms, host, 'Price', `${m.instanceType} in ${region}`);
      if (!gpu) {
        const why = hostPrice === 0 ? "SkyPilot's host row is priced 0.0" : 'SkyPilot prices only the host VM';
        out.prices.push(priceRow({ ...base, onDemandHourlyUsd: null }, spotFields(new Map(), false), vms.source, vms.asOf, [`no citable price: the Cyclenerd file has no row for this type and region and ${why}`]));
        continue;
      }
      out.prices.push(derivedGpuPrice(vms, acc, base, host, accRows.get(`${gpu.gpu}|${region}`) ?? [], gpu, hostPrice));
    }
  }

  // CPU machines for system nodes: on-demand of the Cyclenerd file in every region it prices.
  for (const t of inp.cpuTypes.filter((c) => c.cloud === 'gcp')) {
    const rows = cyc.rows.filter((r) => r.InstanceType === t.instanceType);
    if (rows.length === 0) throw new Error(`${cyc.file}: no rows for CPU type ${t.instanceType}`);
    for (const r of rows)
      out.cpuMachines.push({
        cloud: 'gcp',
        instanceType: t.instanceType,
        region: r.Region,
        vcpus: t.vcpus,
        memoryGiB: t.memoryGiB,
        onDemandHourlyUsd: num(cyc, r, 'Hour'),
        source: `${cyc.source} ; vCPU and memory: ${t.source}`,
        asOf: cyc.asOf,
      });
  }
}

/** Host VM plus its GPUs, both from SkyPilot, for a type the whole-VM file does not price. */
function derivedGpuPrice(
  vms: Extract,
  acc: Extract,
  base: Pick<RegionalPrice, 'cloud' | 'instanceType' | 'region'>,
  host: readonly Row[],
  gpuRows: readonly Row[],
  gpu: { readonly gpu: string; readonly count: number },
  hostPrice: number | null,
): RegionalPrice {
  const gpuByZone = new Map(gpuRows.map((r) => [r.AvailabilityZone, r]));
  const paired = host.filter((h) => gpuByZone.has(h.AvailabilityZone));
  const usable = (v: number | null): v is number => v !== null && v > 0 && v !== PLACEHOLDER;
  // On-demand only when every paired zone's GPU row is self-consistent (some SkyPilot GPU rows
  // list an on-demand price below their own spot price, which no cloud charges).
  const consistent =
    usable(hostPrice) &&
    paired.length > 0 &&
    paired.every((h) => {
      const g = gpuByZone.get(h.AvailabilityZone)!;
      const od = num(acc, g, 'Price');
      const spot = num(acc, g, 'SpotPrice');
      return usable(od) && usable(spot) && od >= spot;
    });
  const gpuPrice = paired.length ? single(acc, paired.map((h) => gpuByZone.get(h.AvailabilityZone)!), 'Price', `${gpu.gpu} x${gpu.count} in ${base.region}`) : null;
  const onDemand = consistent && gpuPrice !== null && hostPrice !== null ? round6(hostPrice + gpuPrice) : null;
  const zonePrices = new Map<string, number>();
  for (const h of paired) {
    const hostSpot = num(vms, h, 'SpotPrice');
    const gpuSpot = num(acc, gpuByZone.get(h.AvailabilityZone)!, 'SpotPrice');
    if (usable(hostSpot) && usable(gpuSpot)) zonePrices.set(h.AvailabilityZone, round6(hostSpot + gpuSpot));
  }
  const notes = [`derived: host VM + ${gpu.count} x ${gpu.gpu} rows of SkyPilot (no whole-VM price in the Cyclenerd file); bundled local SSD not included`];
  if (onDemand === null)
    notes.push(paired.length ? "on-demand left unknown: SkyPilot's GPU row is not self-consistent here (on-demand below spot, missing or a placeholder)" : 'no GPU price row for this region');
  if (zonePrices.size === 0) notes.push('no spot price listed');
  notes.push(...zonesNote(zonePrices.size, host.length));
  return priceRow({ ...base, onDemandHourlyUsd: onDemand }, spotFields(zonePrices, true), `${vms.source} ; host VM rows plus the ${gpu.gpu} x${gpu.count} accelerator rows`, vms.asOf, notes);
}

function generateTpu(acc: Extract, instanceType: string, slice: string, out: Mutable): void {
  const rows = acc.rows.filter((r) => r.AcceleratorName === slice);
  if (rows.length === 0) throw new Error(`${acc.file}: no rows for ${slice} (${instanceType})`);
  for (const [region, all] of [...groupBy(rows, (r) => r.Region)].sort(([a], [b]) => cmp(a, b))) {
    const offered = all.filter((r) => {
      const p = num(acc, r, 'Price');
      return p !== null && p !== PLACEHOLDER;
    });
    if (offered.length === 0) continue;
    const onDemand = single(acc, offered, 'Price', `${slice} in ${region}`);
    const zonePrices = new Map<string, number>();
    for (const r of offered) {
      const s = num(acc, r, 'SpotPrice');
      if (s !== null && s !== PLACEHOLDER) zonePrices.set(r.AvailabilityZone, s);
    }
    const notes = [`the ${slice} slice price (TPU chips and host VM)`];
    if (zonePrices.size === 0) notes.push('no spot price listed');
    notes.push(...zonesNote(zonePrices.size, offered.length));
    out.prices.push(priceRow({ cloud: 'gcp', instanceType, region, onDemandHourlyUsd: onDemand }, spotFields(zonePrices, true), `${acc.source} ; ${slice} rows`, acc.asOf, notes));
    out.zones.push(zoneRow('gcp', region, instanceType, offered.map((r) => r.AvailabilityZone), `${acc.source} ; AvailabilityZone of the ${slice} rows in ${region}`, acc.asOf));
  }
}

// -------------------------------------------------------------------------------------- Azure

function generateAzure(inp: CatalogInputs, out: Mutable): void {
  const od = inp.extracts.azureOnDemand;
  const sky = inp.extracts.azureVms;
  const skyRow = new Map(sky.rows.map((r) => [`${r.InstanceType}|${r.Region}`, r]));
  const byType = groupBy(od.rows, (r) => r.InstanceType);
  const skyTypes = new Set(sky.rows.map((r) => r.InstanceType));

  for (const m of inp.machines.filter((x) => x.cloud === 'azure')) {
    const rows = byType.get(m.instanceType);
    if (!rows) throw new Error(`${od.file}: no rows for ${m.instanceType} (machines.json)`);
    // SkyPilot's GPU counts are not checked: it lists ND96isr_H100_v5 with 12 GPUs (it has 8).
    if (!AZURE_SIZE_ERRATA[m.instanceType])
      checkSize(sky, m, sky.rows.filter((r) => r.InstanceType === m.instanceType), { vcpus: 'vCPUs', memoryGiB: 'MemoryGiB' });
    for (const r of [...rows].sort((a, b) => cmp(a.Region, b.Region))) {
      const s = skyRow.get(`${m.instanceType}|${r.Region}`);
      const skyOd = s ? num(sky, s, 'Price') : null;
      const skySpot = s ? num(sky, s, 'SpotPrice') : null;
      let spot: number | null = null;
      const notes: string[] = [];
      if (skySpot !== null && skyOd !== null && skySpot < skyOd) {
        spot = skySpot;
        notes.push('spot from an older, undated SkyPilot snapshot (low confidence); regional, no per-zone prices');
      } else if (skySpot !== null) notes.push('no spot price: SkyPilot lists spot equal to on-demand for this size (no spot meter)');
      else if (!skyTypes.has(m.instanceType)) notes.push('no cited spot price: the SkyPilot Azure file does not list this size');
      else notes.push("no cited spot price: the SkyPilot Azure file covers US regions only");
      out.prices.push(
        priceRow(
          { cloud: 'azure', instanceType: m.instanceType, region: r.Region, onDemandHourlyUsd: num(od, r, 'OnDemand') },
          spot === null ? spotFields(new Map(), false) : spotFields(new Map([['', spot]]), false),
          spot === null ? od.source : `${od.source} ; spot: ${sky.source}`,
          od.asOf,
          notes,
        ),
      );
    }
  }

  for (const t of inp.cpuTypes.filter((c) => c.cloud === 'azure')) {
    const rows = byType.get(t.instanceType);
    if (!rows) throw new Error(`${od.file}: no rows for CPU type ${t.instanceType}`);
    for (const r of rows)
      out.cpuMachines.push({
        cloud: 'azure',
        instanceType: t.instanceType,
        region: r.Region,
        vcpus: t.vcpus,
        memoryGiB: t.memoryGiB,
        onDemandHourlyUsd: num(od, r, 'OnDemand'),
        source: `${od.source} ; vCPU and memory: ${t.source}`,
        asOf: od.asOf,
      });
  }
}

// ------------------------------------------------------------------------- regions and zones

/** Region zones (GCP, Azure) and coordinates (all clouds) from the region extract. */
function generateRegions(inp: CatalogInputs, out: Mutable): void {
  const e = inp.extracts.regions;
  const fromFile = new Map(e.rows.map((r) => [`${r.Cloud}|${r.Region}`, r]));
  for (const r of e.rows) {
    const zones = r.Zones.split(' ').filter((z) => z !== '');
    // AWS region zones come from the price extract as zone IDs (this file has zone names).
    if (r.Cloud === 'aws' || zones.length === 0) continue;
    const what = r.Cloud === 'azure' ? 'logical availability zones' : 'zones';
    out.zones.push(zoneRow(r.Cloud as CloudId, r.Region, null, zones, `${e.source} ; ${what} of ${r.Region}`, e.asOf));
  }

  const curated = new Map(inp.regions.map((r) => [`${r.cloud}|${r.region}`, r]));
  const used = [...out.prices, ...out.cpuMachines].map((p) => `${p.cloud}|${p.region}`);
  const keys = uniq([...curated.keys(), ...fromFile.keys(), ...used]);
  for (const k of keys) {
    const [cloud, region] = k.split('|') as [CloudId, string];
    const c = curated.get(k);
    const f = fromFile.get(k);
    const lat = f ? num(e, f, 'Latitude') : null;
    const lon = f ? num(e, f, 'Longitude') : null;
    const coordinates: RegionCoordinates | undefined =
      f && lat !== null && lon !== null ? { latitude: lat, longitude: lon, source: `${e.source} ; ${f.Location}`, asOf: e.asOf } : undefined;
    const displayName = c?.displayName ?? (f ? f.Location : undefined);
    const source = c?.source ?? (f ? `${e.source} ; region list` : `${priceSourceOf(out, k)} ; a region the price file lists`);
    const asOf = c?.asOf ?? (f ? e.asOf : priceAsOfOf(out, k));
    out.regions.push({
      cloud,
      region,
      ...(displayName !== undefined ? { displayName } : {}),
      ...(coordinates ? { coordinates } : {}),
      source,
      asOf,
    });
  }
}

function priceSourceOf(out: Mutable, key: string): string {
  const p = [...out.prices, ...out.cpuMachines].find((x) => `${x.cloud}|${x.region}` === key);
  return p ? p.source.split(' ; ')[0] : '';
}

function priceAsOfOf(out: Mutable, key: string): string {
  const p = [...out.prices, ...out.cpuMachines].find((x) => `${x.cloud}|${x.region}` === key);
  return p ? p.asOf : '';
}

interface Mutable {
  prices: RegionalPrice[];
  cpuMachines: CpuMachinePrice[];
  zones: ZoneAvailability[];
  regions: RegionInfo[];
}

/** Builds every generated catalog file from the inputs; throws on any inconsistency. */
export function generateCatalog(inp: CatalogInputs): CatalogOutputs {
  const out: Mutable = { prices: [], cpuMachines: [], zones: [], regions: [] };
  generateAws(inp, out);
  generateGcp(inp, out);
  generateAzure(inp, out);
  generateRegions(inp, out);
  const byKey =
    <T>(key: (x: T) => readonly string[]) =>
    (a: T, b: T): number => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return cmp(ka[i], kb[i]);
      return 0;
    };
  out.prices.sort(byKey((p) => [p.cloud, p.instanceType, p.region]));
  out.cpuMachines.sort(byKey((p) => [p.cloud, p.instanceType, p.region]));
  out.zones.sort(byKey((z) => [z.cloud, z.region, z.instanceType ?? '']));
  out.regions.sort(byKey((r) => [r.cloud, r.region]));
  for (const [what, keys] of [
    ['prices', out.prices.map((p) => `${p.cloud}|${p.instanceType}|${p.region}`)],
    ['cpu-machines', out.cpuMachines.map((p) => `${p.cloud}|${p.instanceType}|${p.region}`)],
    ['zones', out.zones.map((z) => `${z.cloud}|${z.region}|${z.instanceType ?? ''}`)],
  ] as const) {
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) throw new Error(`generated ${what} has the row ${dup} twice`);
  }
  return out;
}
