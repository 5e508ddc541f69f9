/**
 * Right-sized machines: the cheapest machine that carries exactly a replica's accelerators wins,
 * and replicas pack onto a larger machine only when that is cheaper per replica. A small catalog
 * built here, so the cases do not depend on the shipped prices.
 */
import { Catalog, MachineType, RegionalPrice } from '../../lib/catalog';
import { chooseMachine, hourlyUsdPerReplica } from '../../lib/plan/machine';
import { resolvePlan } from '../../lib/plan/resolve';
import { parseSpec } from '../../lib/spec/validate';

const cite = { source: 'test catalog', asOf: '2026-01-01' };
const REGION = 'test-central1';
const h100 = { id: 'nvidia-h100', kind: 'gpu' as const, vendor: 'NVIDIA', displayName: 'H100', aliases: [], memoryGiB: 80, memoryBandwidthGBps: 3350, denseBf16Tflops: 989.5, tdpWatts: 700, purchase: null, ...cite };
const machine = (instanceType: string, acceleratorCount: number): MachineType => ({ cloud: 'gcp', instanceType, family: 'a3', accelerator: 'nvidia-h100', acceleratorCount, vcpus: 26 * acceleratorCount, memoryGiB: 234 * acceleratorCount, ...cite });
const price = (instanceType: string, onDemandHourlyUsd: number | null, spotHourlyUsd: number | null = null): RegionalPrice => ({ cloud: 'gcp', instanceType, region: REGION, onDemandHourlyUsd, spotHourlyUsd, ...cite });

/** a3-highgpu-1g/2g/4g/8g at the given prices (the shipped catalog's 1g and 8g prices by default). */
function catalog(prices: Partial<Record<'1g' | '2g' | '4g' | '8g', number | null>> = {}) {
  const p = { '1g': 11.06125, '2g': 22.1225, '4g': 44.245, '8g': 88.49, ...prices };
  return new Catalog({
    accelerators: [h100],
    machines: [machine('a3-highgpu-1g', 1), machine('a3-highgpu-2g', 2), machine('a3-highgpu-4g', 4), machine('a3-highgpu-8g', 8)],
    prices: (['1g', '2g', '4g', '8g'] as const).map((k) => price(`a3-highgpu-${k}`, p[k])),
    regions: [{ cloud: 'gcp', region: REGION, ...cite }],
  });
}
const choose = (cat: Catalog, count: number, maxReplicas?: number) => chooseMachine(cat, 'gcp', REGION, h100, { type: 'nvidia-h100', count }, maxReplicas)!;

describe('machine choice', () => {
  it('puts 4 x H100 on the 4-GPU machine, not on the 8-GPU one at twice the price', () => {
    const c = choose(catalog(), 4, 8);
    expect(c.offer.machine.instanceType).toBe('a3-highgpu-4g');
    expect(c.replicasPerNode).toBe(1);
    // the 8-GPU machine costs the same per replica, so the exact fit wins the tie
    expect(c.candidates.map((o) => o.machine.instanceType)).toEqual(['a3-highgpu-4g', 'a3-highgpu-8g']);
  });

  it('packs replicas onto a larger machine only when that is cheaper per replica', () => {
    const c = choose(catalog({ '4g': 50, '8g': 80 }), 4, 8);
    expect(c.offer.machine.instanceType).toBe('a3-highgpu-8g');
    expect(c.replicasPerNode).toBe(2);
    expect(hourlyUsdPerReplica(c.offer, 4, 8, 'onDemandHourlyUsd')).toBe(40);
  });

  it('does not pack when the pool cannot run enough replicas to fill the larger machine', () => {
    // replicas.max 1: the 8-GPU machine would carry one replica at $80, against $50
    expect(choose(catalog({ '4g': 50, '8g': 80 }), 4, 1).offer.machine.instanceType).toBe('a3-highgpu-4g');
  });

  it('ignores differences below a hundredth of a cent per replica-hour', () => {
    // 88.4899 / 2 = 44.24495 is cheaper than 44.245 by $0.00005 an hour: the same price
    expect(choose(catalog({ '8g': 88.4899 }), 4, 8).offer.machine.instanceType).toBe('a3-highgpu-4g');
  });

  it('ranks unknown prices last', () => {
    expect(choose(catalog({ '4g': null }), 4, 8).offer.machine.instanceType).toBe('a3-highgpu-8g');
  });

  it('plans the chosen machine and says why', () => {
    const spec = parseSpec({
      apiVersion: 'inferstack.dev/v1alpha1',
      kind: 'InferenceStack',
      metadata: { name: 'big', environment: 'test' },
      targets: { gcp: { project: 'machine-test', region: REGION } },
      models: [{ name: 'm', model: 'org/m', parametersBillion: 70, precision: 'bf16', accelerator: { type: 'nvidia-h100', count: 4 }, replicas: { min: 1, max: 4 } }],
    });
    const pool = resolvePlan(spec, 'gcp', catalog()).pools[0];
    expect(pool.machine).toMatchObject({ instanceType: 'a3-highgpu-4g', acceleratorsPerNode: 4, replicasPerNode: 1, onDemandHourlyUsd: 44.245 });
    expect(pool.machine.reason).toBe(`cheapest machine per replica in ${REGION} that carries 4 x nvidia-h100 ($44.245/h on-demand; next: a3-highgpu-8g at $88.49/h ($44.245/h per replica))`);
  });
});
