/**
 * The generated catalog (npm run catalog:build): the committed data is exactly what the committed
 * extracts give, the rules the generator applies (zone means, local zones, placeholders), and the
 * coverage users rely on (regions, sizes, CPU rows, spot, zones, coordinates).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFiles, GENERATED_FILES, readInputs } from '../../scripts/catalog/build';
import { parseExtract } from '../../scripts/catalog/extract';
import { generateCatalog } from '../../scripts/catalog/generate';
import { Catalog, CLOUDS, type CloudId, type RegionalPrice } from '../../lib/catalog';

const DATA = join(__dirname, '..', '..', 'lib', 'catalog', 'data');
const catalog = Catalog.DEFAULT;
const inputs = readInputs();
const price = (cloud: CloudId, instanceType: string, region: string): RegionalPrice | undefined => catalog.price(cloud, instanceType, region);

describe('npm run catalog:build', () => {
  test('the committed files are byte-identical to what the committed extracts build', () => {
    const built = buildFiles(inputs);
    expect(Object.keys(built).sort()).toEqual(Object.keys(GENERATED_FILES).sort());
    for (const [file, text] of Object.entries(built)) expect({ file, same: readFileSync(join(DATA, file), 'utf8') === text }).toEqual({ file, same: true });
  });

  test('is deterministic: the same inputs give the same bytes', () => {
    expect(buildFiles(readInputs())).toEqual(buildFiles(inputs));
  });

  test('every extract names its source repository/path@commit and the date of its data', () => {
    for (const e of Object.values(inputs.extracts)) {
      expect(e.source).toMatch(/^github:[\w.-]+\/[\w.-]+\/\S+@[0-9a-f]{40}$/);
      expect(e.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.note.length).toBeGreaterThan(40);
      expect(e.rows.length).toBeGreaterThan(0);
    }
  });

  test('rejects an extract without a source line', () => {
    expect(() => parseExtract('x.csv', '# asOf: 2026-01-01\nA,B\n1,2\n')).toThrow('x.csv: header has no "# source:" line');
  });

  test('fails loudly when machines.json and a source disagree on a size', () => {
    const machines = inputs.machines.map((m) => (m.instanceType === 'g6.xlarge' ? { ...m, vcpus: 8 } : m));
    expect(() => generateCatalog({ ...inputs, machines })).toThrow('g6.xlarge is 4 vCPU / 16 GiB / 1 accelerators there, machines.json says 8 / 16 / 1');
  });
});

describe('AWS rules, on a small extract', () => {
  const header = '# source: github:skypilot-org/skypilot-catalog/catalogs/v9/aws/vms.csv@2c3d7ea7d76bf84cf80d382e946c1609571485fd\n# asOf: 2026-07-20\n';
  const cols = 'InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,Region,AvailabilityZone,Price,SpotPrice\n';
  const rows = [
    'g6.xlarge,4,16,L4,1,us-west-2,usw2-az1,0.8048,0.4',
    'g6.xlarge,4,16,L4,1,us-west-2,usw2-az2,0.8048,0.2',
    'g6.xlarge,4,16,L4,1,us-west-2,usw2-az3,0.8048,',
    'g6.xlarge,4,16,L4,1,us-west-2,usw2-lax1-az1,0.8048,0.01',
    'g6.xlarge,4,16,L4,1,eu-west-2,euw2-az1,1.0216,1.02161',
    'm6i.large,2,8,,,us-west-2,usw2-az1,0.096,0.03',
    'm6i.xlarge,4,16,,,us-west-2,usw2-az1,0.192,0.06',
    't3.large,2,8,,,us-west-2,usw2-az1,0.0832,0.02',
    't3.large,2,8,,,eu-west-2,euw2-az1,0.0944,0.02',
    't3.xlarge,4,16,,,eu-west-2,euw2-az1,0.1888,0.05',
  ];
  const small = generateCatalog({
    ...inputs,
    machines: inputs.machines.filter((m) => m.cloud !== 'aws' || m.instanceType === 'g6.xlarge'),
    extracts: { ...inputs.extracts, awsVms: parseExtract('small.csv', header + cols + rows.join('\n')) },
  });
  const row = (region: string) => small.prices.find((p) => p.cloud === 'aws' && p.region === region)!;

  test('spot is the mean over the zones that list one; the cheapest and each zone are kept beside it', () => {
    expect(row('us-west-2')).toMatchObject({ onDemandHourlyUsd: 0.8048, spotHourlyUsd: 0.3, spotMinHourlyUsd: 0.2, spotZoneHourlyUsd: { 'usw2-az1': 0.4, 'usw2-az2': 0.2 } });
    expect(row('us-west-2').note).toBe('spot listed in 2 of 3 zones');
  });

  test('local zones are left out of prices and zones', () => {
    expect(small.zones.find((z) => z.region === 'us-west-2' && z.instanceType === 'g6.xlarge')?.zones).toEqual(['usw2-az1', 'usw2-az2', 'usw2-az3']);
    expect(row('us-west-2').spotZoneHourlyUsd).not.toHaveProperty('usw2-lax1-az1');
  });

  test('a spot price the source rounds above on-demand counts at on-demand', () => {
    expect(row('eu-west-2')).toMatchObject({ onDemandHourlyUsd: 1.0216, spotHourlyUsd: 1.0216 });
    expect(row('eu-west-2').note).toContain('counted at on-demand');
  });

  test('CPU rows: m6i where listed, burstable t3 only where no m6i is', () => {
    const cpu = small.cpuMachines.filter((c) => c.cloud === 'aws').map((c) => `${c.instanceType} ${c.region}`);
    expect(cpu.sort()).toEqual(['m6i.large us-west-2', 'm6i.xlarge us-west-2', 't3.large eu-west-2', 't3.xlarge eu-west-2']);
  });
});

describe('prices.json as generated', () => {
  test('spot: the mean lies between the cheapest and the dearest zone, and matches the zone prices', () => {
    for (const p of catalog.prices) {
      expect(p.spotMinHourlyUsd === null).toBe(p.spotHourlyUsd === null);
      if (p.spotHourlyUsd === null) continue;
      expect(p.spotMinHourlyUsd!).toBeLessThanOrEqual(p.spotHourlyUsd);
      if (!p.spotZoneHourlyUsd) {
        expect(p.spotMinHourlyUsd).toBe(p.spotHourlyUsd);
        continue;
      }
      const zones = Object.values(p.spotZoneHourlyUsd);
      expect(p.spotMinHourlyUsd).toBe(Math.min(...zones));
      expect(p.spotHourlyUsd).toBeLessThanOrEqual(Math.max(...zones) + 1e-9);
      expect(Math.abs(p.spotHourlyUsd - zones.reduce((s, v) => s + v, 0) / zones.length)).toBeLessThanOrEqual(5.01e-7);
      for (const v of zones) expect(v).toBeGreaterThan(0);
    }
  });

  test('the issue example: g6e.12xlarge eu-central-1 spot is the mean of $1.89, $4.09 and $4.91', () => {
    // (4.9086 + 4.092 + 1.8875) / 3 = 3.629367; the cheapest zone alone was the old figure.
    expect(price('aws', 'g6e.12xlarge', 'eu-central-1')).toMatchObject({ spotHourlyUsd: 3.629367, spotMinHourlyUsd: 1.8875 });
  });

  test('per-zone spot prices name zones that offer the machine', () => {
    for (const p of catalog.prices.filter((x) => x.spotZoneHourlyUsd)) {
      const zones = catalog.zonesOffering(p.cloud, p.region, p.instanceType)?.zones ?? [];
      for (const z of Object.keys(p.spotZoneHourlyUsd!)) expect(`${p.instanceType} ${p.region} ${z} ${zones.includes(z)}`).toBe(`${p.instanceType} ${p.region} ${z} true`);
    }
  });

  test('a row without a spot price says why', () => {
    expect(catalog.prices.filter((p) => p.spotHourlyUsd === null && !p.note)).toEqual([]);
  });
});

describe('coverage', () => {
  test('L4 is offered in us-west-2 (g6.xlarge, g6.12xlarge)', () => {
    expect(catalog.regionsOffering('aws', 'nvidia-l4')).toContain('us-west-2');
    expect(price('aws', 'g6.xlarge', 'us-west-2')).toMatchObject({ onDemandHourlyUsd: 0.8048, spotMinHourlyUsd: 0.3539 });
    expect(catalog.offers('aws', 'us-west-2', 'nvidia-l4').map((o) => o.machine.instanceType)).toEqual(['g6.xlarge', 'g6.12xlarge']);
  });

  test.each(CLOUDS.map((c) => [c] as const))('%s: every region with an accelerator price row has a priced CPU machine of 2 and of 4 vCPUs', (cloud) => {
    const regions = [...new Set(catalog.prices.filter((p) => p.cloud === cloud).map((p) => p.region))];
    const missing = regions.filter((r) => {
      const cpu = catalog.cpuMachinesIn(cloud, r).filter((c) => c.onDemandHourlyUsd !== null);
      return !cpu.some((c) => c.vcpus >= 2) || !cpu.some((c) => c.vcpus >= 4);
    });
    expect(missing).toEqual([]);
  });

  test('the regions the issue named have CPU rows (AWS eu-central-1 ... us-west-2, Azure eastus2, northeurope)', () => {
    for (const r of ['eu-central-1', 'eu-north-1', 'eu-west-2', 'us-east-2', 'us-west-2']) expect(catalog.cpuMachinesIn('aws', r).map((c) => c.instanceType)).toEqual(['m6i.large', 'm6i.xlarge']);
    for (const r of ['eastus2', 'northeurope']) expect(catalog.cpuMachinesIn('azure', r).map((c) => c.instanceType)).toEqual(['Standard_D2s_v5', 'Standard_D4s_v5']);
  });

  test('8 x H200 in us-east-2: p5en.48xlarge is priced there, and so are the system nodes', () => {
    expect(price('aws', 'p5en.48xlarge', 'us-east-2')?.onDemandHourlyUsd).toBe(63.296);
    expect(catalog.cpuMachinesIn('aws', 'us-east-2')[0]).toMatchObject({ instanceType: 'm6i.large', onDemandHourlyUsd: 0.096 });
  });

  test('the missing sizes exist, with the accelerator counts of their names, and are priced', () => {
    const sizes: [CloudId, string, string, number, string][] = [
      ['gcp', 'a3-highgpu-2g', 'nvidia-h100', 2, 'us-central1'],
      ['gcp', 'a3-highgpu-4g', 'nvidia-h100', 4, 'us-central1'],
      ['gcp', 'a2-highgpu-2g', 'nvidia-a100-40gb', 2, 'us-central1'],
      ['gcp', 'a2-highgpu-4g', 'nvidia-a100-40gb', 4, 'us-central1'],
      ['gcp', 'g2-standard-12', 'nvidia-l4', 1, 'us-central1'],
      ['gcp', 'g2-standard-16', 'nvidia-l4', 1, 'us-central1'],
      ['gcp', 'g2-standard-32', 'nvidia-l4', 1, 'us-central1'],
      ['azure', 'Standard_NC8as_T4_v3', 'nvidia-t4', 1, 'eastus'],
      ['azure', 'Standard_NC16as_T4_v3', 'nvidia-t4', 1, 'eastus'],
      ['azure', 'Standard_NC64as_T4_v3', 'nvidia-t4', 4, 'eastus'],
      ['azure', 'Standard_NV6ads_A10_v5', 'nvidia-a10-4gb', 1, 'eastus'],
      ['azure', 'Standard_NV12ads_A10_v5', 'nvidia-a10-8gb', 1, 'eastus'],
      ['azure', 'Standard_NV18ads_A10_v5', 'nvidia-a10-12gb', 1, 'eastus'],
    ];
    for (const [cloud, type, acc, count, region] of sizes) {
      expect(catalog.machine(cloud, type)).toMatchObject({ accelerator: acc, acceleratorCount: count });
      expect(price(cloud, type, region)?.onDemandHourlyUsd).toBeGreaterThan(0);
    }
  });

  test('4 x H100 on GCP: the 4-GPU machine costs half the 8-GPU one', () => {
    // Cyclenerd pricing.yml, us-central1: a3-highgpu-4g 44.245 and a3-highgpu-8g 88.49 per hour.
    expect(price('gcp', 'a3-highgpu-4g', 'us-central1')?.onDemandHourlyUsd).toBe(44.245);
    expect(price('gcp', 'a3-highgpu-8g', 'us-central1')?.onDemandHourlyUsd).toBe(88.49);
  });

  test('partial A10s carry their partition of the A10', () => {
    const a10 = catalog.accelerator('nvidia-a10')!;
    for (const [id, share] of [['nvidia-a10-4gb', 6], ['nvidia-a10-8gb', 3], ['nvidia-a10-12gb', 2]] as const) {
      const a = catalog.accelerator(id)!;
      expect(a.memoryGiB).toBe(a10.memoryGiB / share);
      expect(a.memoryBandwidthGBps).toBeCloseTo(a10.memoryBandwidthGBps / share, 0);
      expect(a.purchase).toBeNull();
    }
  });

  test('Azure spot: every size SkyPilot sells below on-demand has a spot price in the US regions it covers', () => {
    const withSpot = catalog.prices.filter((p) => p.cloud === 'azure' && p.spotHourlyUsd !== null);
    expect(withSpot.length).toBeGreaterThanOrEqual(60);
    expect(price('azure', 'Standard_NC24ads_A100_v4', 'eastus2')?.spotHourlyUsd).toBe(0.47749);
    expect(price('azure', 'Standard_NC8as_T4_v3', 'westus3')?.spotHourlyUsd).toBe(0.08272);
    // No spot meter (SkyPilot lists spot = on-demand) and regions outside the file stay null.
    expect(price('azure', 'Standard_NC40ads_H100_v5', 'eastus')).toMatchObject({ spotHourlyUsd: null, note: expect.stringContaining('no spot meter') });
    expect(price('azure', 'Standard_NC24ads_A100_v4', 'westeurope')).toMatchObject({ spotHourlyUsd: null, note: expect.stringContaining('US regions only') });
  });

  test('a4-highgpu-8g is listed where offered, with no price rather than 0', () => {
    const rows = catalog.prices.filter((p) => p.instanceType === 'a4-highgpu-8g');
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) expect(r).toMatchObject({ onDemandHourlyUsd: null, spotHourlyUsd: null, note: expect.stringContaining('no citable price') });
  });

  test('every accelerator machine is offered in more regions than the two the hand-typed catalog had', () => {
    const thin = catalog.machines.filter((m) => catalog.prices.filter((p) => p.cloud === m.cloud && p.instanceType === m.instanceType).length < 2);
    expect(thin.map((m) => m.instanceType)).toEqual(['p6-b300.48xlarge']);
  });
});

describe('zones.json as generated', () => {
  test('every GCP and AWS price row has the zones that offer its machine, within the zones of the region', () => {
    for (const p of catalog.prices.filter((x) => x.cloud !== 'azure')) {
      const z = catalog.zonesOffering(p.cloud, p.region, p.instanceType);
      expect(z?.zones.length ?? 0).toBeGreaterThan(0);
      const region = catalog.zonesOf(p.cloud, p.region) ?? [];
      expect(z!.zones.filter((x) => !region.includes(x))).toEqual([]);
    }
  });

  test('zones are sorted and unique; Azure uses the logical zones 1, 2, 3', () => {
    for (const z of catalog.zones) {
      expect([...z.zones]).toEqual([...new Set(z.zones)].sort());
      if (z.cloud === 'azure') for (const n of z.zones) expect(['1', '2', '3']).toContain(n);
      if (z.cloud === 'gcp') for (const n of z.zones) expect(n.startsWith(`${z.region}-`)).toBe(true);
      if (z.cloud === 'aws') for (const n of z.zones) expect(n).toMatch(/^[a-z]+[0-9]+-az[0-9]+$/);
    }
  });

  test('the zones of the regions people use', () => {
    expect(catalog.zonesOf('gcp', 'us-central1')).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f']);
    expect(catalog.zonesOf('azure', 'eastus2')).toEqual(['1', '2', '3']);
    expect(catalog.zonesOffering('gcp', 'europe-west4', 'ct6e-standard-4t')?.zones).toEqual(['europe-west4-a']);
    expect(catalog.zonesOffering('aws', 'us-east-1', 'p5.48xlarge')?.zones).toEqual(['use1-az1', 'use1-az2', 'use1-az3', 'use1-az4', 'use1-az5', 'use1-az6']);
  });
});

describe('regions.json as generated', () => {
  test('coordinates are cited, dated and on the globe', () => {
    const withCoordinates = catalog.regions.filter((r) => r.coordinates);
    expect(withCoordinates.length).toBeGreaterThan(120);
    for (const r of withCoordinates) {
      const c = r.coordinates!;
      expect(Math.abs(c.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(c.longitude)).toBeLessThanOrEqual(180);
      expect(c.source).toMatch(/^github:tal66\/cloud-regions\//);
      expect(c.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  test('every region with an accelerator price row has coordinates, except the two the source predates', () => {
    const missing = [...new Set(catalog.prices.map((p) => `${p.cloud} ${p.region}`))].filter((k) => {
      const [cloud, region] = k.split(' ') as [CloudId, string];
      return !catalog.regions.find((r) => r.cloud === cloud && r.region === region)?.coordinates;
    });
    expect(missing.sort()).toEqual(['azure indonesiacentral', 'azure malaysiawest']);
  });
});
