/**
 * Integrity of the cited catalog data in lib/catalog/data/*.json.
 * These are the properties the cost model and the spec validator rely on: every reference
 * resolves, every number is cited and dated, unknown prices are null (never 0), and the
 * TPU topology tables agree with the machine types that serve them.
 */
import acceleratorsJson from '../../lib/catalog/data/accelerators.json';
import machinesJson from '../../lib/catalog/data/machines.json';
import pricesJson from '../../lib/catalog/data/prices.json';
import regionsJson from '../../lib/catalog/data/regions.json';
import feesJson from '../../lib/catalog/data/fees.json';
import queuesJson from '../../lib/catalog/data/queues.json';
import cpuMachinesJson from '../../lib/catalog/data/cpu-machines.json';
import zonesJson from '../../lib/catalog/data/zones.json';
import {
  CLOUDS,
  type AcceleratorSpec,
  type Cited,
  type CpuMachinePrice,
  type MachineType,
  type PlatformFee,
  type QueuePrice,
  type RegionalPrice,
  type RegionInfo,
  type ZoneAvailability,
} from '../../lib/catalog/types';

const accelerators = acceleratorsJson as unknown as readonly AcceleratorSpec[];
const machines = machinesJson as unknown as readonly MachineType[];
const prices = pricesJson as unknown as readonly RegionalPrice[];
const regions = regionsJson as unknown as readonly RegionInfo[];
const fees = feesJson as unknown as readonly PlatformFee[];
const queues = queuesJson as unknown as readonly QueuePrice[];
const cpuMachines = cpuMachinesJson as unknown as readonly CpuMachinePrice[];
const zones = zonesJson as unknown as readonly ZoneAvailability[];

const EXPECTED_ACCELERATOR_IDS = [
  'nvidia-t4', 'nvidia-a10g', 'nvidia-a10', 'nvidia-a10-4gb', 'nvidia-a10-8gb', 'nvidia-a10-12gb', 'nvidia-l4', 'nvidia-l40s', 'nvidia-a100-40gb',
  'nvidia-a100-80gb', 'nvidia-h100', 'nvidia-h100-nvl', 'nvidia-h200', 'nvidia-b200', 'nvidia-b300',
  'aws-inferentia2', 'aws-trainium', 'tpu-v5e', 'tpu-v5p', 'tpu-v6e',
];

/** The regions every cloud's cost model prices by default. */
const CATALOG_REGIONS: Record<string, readonly string[]> = {
  aws: ['us-east-1', 'eu-west-1'],
  gcp: ['us-central1', 'europe-west4'],
  azure: ['eastus', 'westeurope'],
};

const ALL_FILES: Record<string, readonly Cited[]> = {
  'accelerators.json': accelerators,
  'machines.json': machines,
  'prices.json': prices,
  'regions.json': regions,
  'fees.json': fees,
  'queues.json': queues,
  'cpu-machines.json': cpuMachines,
  'zones.json': zones,
};

const key = (...parts: string[]): string => parts.join('|');

function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup];
}

/** `1x1` -> 1, `2x2x4` -> 16. */
function chips(topology: string): number {
  return topology.split('x').reduce((n, d) => n * Number(d), 1);
}

function isValidIsoDate(asOf: string): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(asOf);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** URL, or `github:owner/repo/path@commit`, optionally followed by ` ; note`. */
function isValidSource(source: string): boolean {
  const head = source.split(' ; ')[0].trim();
  if (/^https?:\/\/\S+$/.test(head)) return true;
  return /^github:[\w.-]+\/[\w.-]+\/\S+@[0-9a-f]{7,40}$/.test(head);
}

/** Every Cited object in a file, including nested ones (accelerator purchase prices). */
function citedRows(rows: readonly Cited[]): Cited[] {
  const out: Cited[] = [];
  for (const row of rows) {
    out.push(row);
    const purchase = (row as Partial<AcceleratorSpec>).purchase;
    if (purchase) out.push(purchase);
  }
  return out;
}

describe('every catalog row is cited and dated', () => {
  for (const [file, rows] of Object.entries(ALL_FILES)) {
    test(`${file} is a non-empty array`, () => {
      expect(Array.isArray(rows)).toBe(true);
      expect(rows.length).toBeGreaterThan(0);
    });

    test(`${file}: every row has a valid source`, () => {
      const bad = citedRows(rows).filter((r) => typeof r.source !== 'string' || !isValidSource(r.source));
      expect(bad).toEqual([]);
    });

    test(`${file}: every row has a valid ISO asOf date, not in the future`, () => {
      const now = new Date();
      const bad = citedRows(rows).filter((r) => {
        if (typeof r.asOf !== 'string' || !isValidIsoDate(r.asOf)) return true;
        return new Date(`${r.asOf.length === 7 ? `${r.asOf}-01` : r.asOf}T00:00:00Z`) > now;
      });
      expect(bad).toEqual([]);
    });
  }
});

describe('accelerators.json', () => {
  test('holds exactly the supported accelerator ids, once each', () => {
    const ids = accelerators.map((a) => a.id);
    expect(duplicates(ids)).toEqual([]);
    expect([...ids].sort()).toEqual([...EXPECTED_ACCELERATOR_IDS].sort());
  });

  test.each(accelerators.map((a) => [a.id, a] as const))('%s has plausible positive figures', (_id, a) => {
    expect(['gpu', 'tpu', 'neuron']).toContain(a.kind);
    expect(a.vendor.length).toBeGreaterThan(0);
    expect(a.displayName.length).toBeGreaterThan(0);
    expect(a.aliases.length).toBeGreaterThan(0);
    expect(a.aliases).not.toContain(a.id);
    expect(a.memoryGiB).toBeGreaterThan(0);
    expect(a.memoryBandwidthGBps).toBeGreaterThan(0);
    expect(a.denseBf16Tflops).toBeGreaterThan(0);
    // Dense bf16 peaks top out around 2.5 PFLOPS per chip today; a value far above that is a sparse figure.
    expect(a.denseBf16Tflops).toBeLessThan(3000);
    if (a.tdpWatts !== null) expect(a.tdpWatts).toBeGreaterThan(0);
  });

  test('TPU facts exist exactly for TPUs', () => {
    for (const a of accelerators) {
      expect(a.tpu !== undefined).toBe(a.kind === 'tpu');
    }
  });

  test('purchase prices are ordered ranges, and cloud-only chips have none', () => {
    for (const a of accelerators) {
      if (a.purchase === null) continue;
      expect(a.purchase.lowUsd).toBeGreaterThan(0);
      expect(a.purchase.highUsd).toBeGreaterThanOrEqual(a.purchase.lowUsd);
      expect(typeof a.purchase.estimate).toBe('boolean');
    }
    for (const id of ['aws-inferentia2', 'aws-trainium', 'tpu-v5e', 'tpu-v5p', 'tpu-v6e']) {
      expect(accelerators.find((a) => a.id === id)?.purchase).toBeNull();
    }
  });

  test('dense, not sparse: NVIDIA figures are half of the "with sparsity" datasheet numbers', () => {
    const tflops = (id: string): number | undefined => accelerators.find((a) => a.id === id)?.denseBf16Tflops;
    expect(tflops('nvidia-h100')).toBeCloseTo(1979 / 2, 0);
    expect(tflops('nvidia-h200')).toBeCloseTo(1979 / 2, 0);
    expect(tflops('nvidia-l4')).toBeCloseTo(242 / 2, 0);
    expect(tflops('nvidia-a100-80gb')).toBe(312);
  });
});

describe('machines.json', () => {
  test('no duplicate (cloud, instanceType)', () => {
    expect(duplicates(machines.map((m) => key(m.cloud, m.instanceType)))).toEqual([]);
  });

  test('every machine references a known accelerator and a known cloud', () => {
    const ids = new Set(accelerators.map((a) => a.id));
    const bad = machines.filter((m) => !ids.has(m.accelerator) || !CLOUDS.includes(m.cloud));
    expect(bad).toEqual([]);
  });

  test('counts and sizes are positive integers / numbers', () => {
    for (const m of machines) {
      expect(Number.isInteger(m.acceleratorCount)).toBe(true);
      expect(m.acceleratorCount).toBeGreaterThan(0);
      expect(Number.isInteger(m.vcpus)).toBe(true);
      expect(m.vcpus).toBeGreaterThan(0);
      expect(m.memoryGiB).toBeGreaterThan(0);
    }
  });

  test('family matches the instance naming of each cloud', () => {
    for (const m of machines) {
      if (m.cloud === 'aws') expect(m.instanceType.startsWith(`${m.family}.`)).toBe(true);
      if (m.cloud === 'gcp') expect(m.instanceType.startsWith(`${m.family}-`)).toBe(true);
      if (m.cloud === 'azure') expect(m.instanceType.startsWith('Standard_')).toBe(true);
      expect(m.family.length).toBeGreaterThan(0);
    }
  });

  test('TPUs only on GCP, Neuron chips only on AWS', () => {
    const kindOf = new Map(accelerators.map((a) => [a.id, a.kind]));
    for (const m of machines) {
      if (kindOf.get(m.accelerator) === 'tpu') expect(m.cloud).toBe('gcp');
      if (kindOf.get(m.accelerator) === 'neuron') expect(m.cloud).toBe('aws');
    }
  });

  test('Standard_NC8ads_A10_v4 is left out (its GPU share is unconfirmed)', () => {
    expect(machines.find((m) => m.instanceType === 'Standard_NC8ads_A10_v4')).toBeUndefined();
  });
});

describe('TPU topologies agree with the machine types', () => {
  const tpus = accelerators.filter((a) => a.kind === 'tpu');

  test.each(tpus.map((a) => [a.id, a] as const))('%s', (_id, a) => {
    const tpu = a.tpu!;
    const counts = machines.filter((m) => m.accelerator === a.id).map((m) => m.acceleratorCount);
    expect(counts.length).toBeGreaterThan(0);
    expect(tpu.gkeAcceleratorLabel).toMatch(/^tpu-/);

    // Every single-host topology fills exactly one machine type, and every machine type serves one.
    const singleHostChips = tpu.singleHostTopologies.map(chips);
    for (const n of singleHostChips) expect(counts).toContain(n);
    for (const n of counts) expect(singleHostChips).toContain(n);

    // Multi-host slices are built from whole VMs of multiHostChipsPerVm chips, and need more than one VM.
    expect(counts).toContain(tpu.multiHostChipsPerVm);
    for (const topology of tpu.multiHostTopologies) {
      const n = chips(topology);
      expect(n % tpu.multiHostChipsPerVm).toBe(0);
      expect(n / tpu.multiHostChipsPerVm).toBeGreaterThan(1);
      expect(n).toBeGreaterThan(Math.max(...singleHostChips));
    }
    expect(duplicates([...tpu.singleHostTopologies, ...tpu.multiHostTopologies])).toEqual([]);
  });
});

describe('prices.json', () => {
  const machineKeys = new Set(machines.map((m) => key(m.cloud, m.instanceType)));
  const regionKeys = new Set(regions.map((r) => key(r.cloud, r.region)));

  test('no duplicate (cloud, instanceType, region)', () => {
    expect(duplicates(prices.map((p) => key(p.cloud, p.instanceType, p.region)))).toEqual([]);
  });

  test('every price row names a machine of the same cloud', () => {
    expect(prices.filter((p) => !machineKeys.has(key(p.cloud, p.instanceType)))).toEqual([]);
  });

  test('every price row names a known region of the same cloud', () => {
    expect(prices.filter((p) => !regionKeys.has(key(p.cloud, p.region)))).toEqual([]);
  });

  test('no price is 0 or negative: unknown prices are null', () => {
    const bad = prices.filter(
      (p) =>
        (p.onDemandHourlyUsd !== null && !(p.onDemandHourlyUsd > 0)) ||
        (p.spotHourlyUsd !== null && !(p.spotHourlyUsd > 0)),
    );
    expect(bad).toEqual([]);
  });

  test('spot never costs more than on-demand', () => {
    const bad = prices.filter(
      (p) => p.onDemandHourlyUsd !== null && p.spotHourlyUsd !== null && p.spotHourlyUsd > p.onDemandHourlyUsd,
    );
    expect(bad).toEqual([]);
  });

  test('a row with no price at all explains why in its note', () => {
    const bad = prices.filter(
      (p) => p.onDemandHourlyUsd === null && p.spotHourlyUsd === null && !(p.note && p.note.length > 0),
    );
    expect(bad).toEqual([]);
  });

  test('every machine has at least one price row', () => {
    const priced = new Set(prices.map((p) => key(p.cloud, p.instanceType)));
    expect(machines.filter((m) => !priced.has(key(m.cloud, m.instanceType)))).toEqual([]);
  });

  const find = (cloud: string, instanceType: string, region: string): RegionalPrice | undefined =>
    prices.find((p) => p.cloud === cloud && p.instanceType === instanceType && p.region === region);

  test('spot check: g6.xlarge us-east-1 on-demand is $0.8048/h', () => {
    expect(find('aws', 'g6.xlarge', 'us-east-1')?.onDemandHourlyUsd).toBe(0.8048);
  });

  test('spot check: p5.48xlarge is not offered in eu-west-1 (no row, not a null row)', () => {
    expect(find('aws', 'p5.48xlarge', 'eu-west-1')).toBeUndefined();
    expect(find('aws', 'p5.48xlarge', 'eu-north-1')?.onDemandHourlyUsd).toBe(58.8928);
  });

  test('spot check: a3-ultragpu-8g europe-west4 has no trustworthy on-demand price but a spot price', () => {
    const row = find('gcp', 'a3-ultragpu-8g', 'europe-west4');
    expect(row).toBeDefined();
    expect(row?.onDemandHourlyUsd).toBeNull();
    expect(row?.spotHourlyUsd).toBe(49.86442);
  });

  test('spot check: ct6e-standard-4t us-central1 is $10.80/h (4 chips x $2.70)', () => {
    expect(find('gcp', 'ct6e-standard-4t', 'us-central1')?.onDemandHourlyUsd).toBe(10.8);
  });

  test('spot check: p5e.48xlarge is spot-only in us-east-2 and absent from us-east-1', () => {
    const row = find('aws', 'p5e.48xlarge', 'us-east-2');
    expect(row?.onDemandHourlyUsd).toBeNull();
    // The mean of the three zones (15.476 + 14.0291 + 14.8034) / 3, the cheapest beside it.
    expect(row?.spotHourlyUsd).toBe(14.7695);
    expect(row?.spotMinHourlyUsd).toBe(14.0291);
    expect(find('aws', 'p5e.48xlarge', 'us-east-1')).toBeUndefined();
  });

  test('spot check: ND96isr_H200_v5 is priced in eastus2, not in eastus', () => {
    expect(find('azure', 'Standard_ND96isr_H200_v5', 'eastus')).toBeUndefined();
    expect(find('azure', 'Standard_ND96isr_H200_v5', 'eastus2')?.onDemandHourlyUsd).toBe(84.8);
  });
});

describe('regions.json', () => {
  test('no duplicate (cloud, region) and only known clouds', () => {
    expect(duplicates(regions.map((r) => key(r.cloud, r.region)))).toEqual([]);
    expect(regions.filter((r) => !CLOUDS.includes(r.cloud))).toEqual([]);
  });

  test('every cloud lists its catalog regions and enough others for near-miss suggestions', () => {
    for (const cloud of CLOUDS) {
      const names = regions.filter((r) => r.cloud === cloud).map((r) => r.region);
      for (const r of CATALOG_REGIONS[cloud]) expect(names).toContain(r);
      expect(names.length).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('fees.json', () => {
  test('ids are unique and per-kind fields are consistent', () => {
    expect(duplicates(fees.map((f) => f.id))).toEqual([]);
    for (const f of fees) {
      expect(CLOUDS).toContain(f.cloud);
      expect(f.description.length).toBeGreaterThan(0);
      if (f.hourlyUsd !== null) expect(f.hourlyUsd).toBeGreaterThanOrEqual(0);
      if (f.per === 'cluster-hour') {
        expect(f.fraction === undefined || f.fraction === null).toBe(true);
        if (f.hourlyUsd === null) expect(f.uncertain).toBe(true);
      } else {
        expect(f.per).toBe('node-on-demand-fraction');
        expect(f.fraction === null || (typeof f.fraction === 'number' && f.fraction > 0 && f.fraction < 1)).toBe(true);
      }
    }
  });

  test('each cloud charges exactly one control-plane fee by default', () => {
    for (const cloud of CLOUDS) {
      const defaults = fees.filter((f) => f.cloud === cloud && f.per === 'cluster-hour' && f.appliesByDefault);
      expect(defaults).toHaveLength(1);
      expect(defaults[0].hourlyUsd).toBe(0.1);
    }
  });

  test('EKS extended support and AKS Premium are not charged by default', () => {
    expect(fees.find((f) => f.id === 'eks-extended-support')?.appliesByDefault).toBe(false);
    expect(fees.find((f) => f.id === 'aks-premium-tier')?.appliesByDefault).toBe(false);
  });
});

describe('queues.json', () => {
  test('has the queue products inferstack renders, once each', () => {
    expect(queues.map((q) => q.id).sort()).toEqual(
      ['pubsub', 'servicebus-premium', 'servicebus-standard', 'sqs-standard'],
    );
  });

  test('prices are non-negative and priced in exactly one way per product', () => {
    for (const q of queues) {
      for (const v of [q.perMillionRequestsUsd, q.perTiBUsd, q.minBilledBytesPerMessage, q.baseMonthlyUsd]) {
        if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
      }
      expect(q.freeRequestsPerMonth).toBeGreaterThanOrEqual(0);
      expect(q.perMillionRequestsUsd !== null || q.perTiBUsd !== null).toBe(true);
    }
    const pubsub = queues.find((q) => q.id === 'pubsub');
    expect(pubsub?.perTiBUsd).toBe(40);
    expect(pubsub?.minBilledBytesPerMessage).toBe(1000);
    expect(queues.find((q) => q.id === 'sqs-standard')?.freeRequestsPerMonth).toBe(1_000_000);
  });
});

describe('cpu-machines.json', () => {
  const regionKeys = new Set(regions.map((r) => key(r.cloud, r.region)));

  test('no duplicate (cloud, instanceType, region); known regions; positive sizes and prices', () => {
    expect(duplicates(cpuMachines.map((c) => key(c.cloud, c.instanceType, c.region)))).toEqual([]);
    for (const c of cpuMachines) {
      expect(regionKeys.has(key(c.cloud, c.region))).toBe(true);
      expect(c.vcpus).toBeGreaterThan(0);
      expect(c.memoryGiB).toBeGreaterThan(0);
      if (c.onDemandHourlyUsd !== null) expect(c.onDemandHourlyUsd).toBeGreaterThan(0);
    }
  });

  test('every catalog region has a priced CPU machine for system nodes, the router and Prometheus', () => {
    for (const cloud of CLOUDS) {
      for (const region of CATALOG_REGIONS[cloud]) {
        const priced = cpuMachines.filter(
          (c) => c.cloud === cloud && c.region === region && c.onDemandHourlyUsd !== null,
        );
        expect(priced.length).toBeGreaterThan(0);
      }
    }
  });
});
