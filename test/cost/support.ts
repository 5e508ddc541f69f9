/** A small hand-built catalog and spec builders, so cost tests do not depend on the shipped prices. */
import { Catalog, CpuMachinePrice, PlatformFee, QueuePrice, RegionalPrice } from '../../lib/catalog';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferencePlan } from '../../lib/plan/types';
import { InferenceSpec, InferenceSpecInput } from '../../lib/spec/schema';
import { parseSpec } from '../../lib/spec/validate';

export const REGION = 'test-1';
const cite = { source: 'test catalog', asOf: '2026-01-01' };

/** Prices of the test catalog; override any of them. */
export interface TestPrices {
  aOnDemand?: number | null;
  aSpot?: number | null;
  bOnDemand?: number | null;
  bSpot?: number | null;
  a4OnDemand?: number | null;
  a4Spot?: number | null;
  controlPlane?: number | null;
  cpuSmall?: number | null;
  cpuLarge?: number | null;
  /** EKS-Auto-Mode-like fee as a fraction of each node's on-demand price; absent when undefined. */
  nodeFeeFraction?: number | null;
  queuePerMillion?: number | null;
  queueFree?: number;
  /** Other fields of the queue price row (tiers, byte pricing). */
  queue?: Partial<QueuePrice>;
}

/**
 * gpu-a (40 GiB, 1000 GB/s, 200 TFLOP/s) on a.1 (1 per node) and a.4 (4 per node);
 * gpu-b on b.1; CPU machines c.small (2 vCPU, 8 GiB) and c.large (4 vCPU, 16 GiB); all on AWS in test-1.
 */
export function testCatalog(p: TestPrices = {}): Catalog {
  const price = (instanceType: string, onDemandHourlyUsd: number | null, spotHourlyUsd: number | null): RegionalPrice => ({ cloud: 'aws', instanceType, region: REGION, onDemandHourlyUsd, spotHourlyUsd, ...cite, source: `prices/${instanceType}` });
  const fees: PlatformFee[] = [
    { cloud: 'aws', id: 'eks-control-plane', description: 'Control plane. More text.', hourlyUsd: p.controlPlane === undefined ? 0.1 : p.controlPlane, per: 'cluster-hour', uncertain: false, appliesByDefault: true, source: 'fees/control-plane', asOf: '2026-02-01' },
    { cloud: 'aws', id: 'extended', description: 'Not by default.', hourlyUsd: 0.6, per: 'cluster-hour', uncertain: false, appliesByDefault: false, ...cite },
  ];
  if (p.nodeFeeFraction !== undefined) {
    fees.push({ cloud: 'aws', id: 'node-fee', description: 'Per node.', hourlyUsd: null, per: 'node-on-demand-fraction', fraction: p.nodeFeeFraction, uncertain: true, appliesByDefault: true, source: 'fees/node', asOf: '2026-02-01' });
  }
  const queues: QueuePrice[] = [
    {
      cloud: 'aws',
      id: 'sqs-standard',
      description: 'Queue.',
      perMillionRequestsUsd: p.queuePerMillion === undefined ? 0.4 : p.queuePerMillion,
      perTiBUsd: null,
      minBilledBytesPerMessage: null,
      baseMonthlyUsd: 0,
      freeRequestsPerMonth: p.queueFree ?? 1_000_000,
      uncertain: false,
      source: 'queues/sqs',
      asOf: '2026-03-01',
      ...p.queue,
    },
  ];
  const cpu = (instanceType: string, vcpus: number, memoryGiB: number, onDemandHourlyUsd: number | null): CpuMachinePrice => ({ cloud: 'aws', instanceType, region: REGION, vcpus, memoryGiB, onDemandHourlyUsd, source: `cpu/${instanceType}`, asOf: '2026-01-01' });
  return new Catalog({
    accelerators: [
      { id: 'gpu-a', kind: 'gpu', vendor: 'test', displayName: 'GPU A', aliases: [], memoryGiB: 40, memoryBandwidthGBps: 1000, denseBf16Tflops: 200, tdpWatts: null, purchase: { lowUsd: 10000, highUsd: 12000, estimate: false, ...cite }, ...cite },
      { id: 'gpu-b', kind: 'gpu', vendor: 'test', displayName: 'GPU B', aliases: [], memoryGiB: 80, memoryBandwidthGBps: 2000, denseBf16Tflops: 400, tdpWatts: null, purchase: null, ...cite },
    ],
    machines: [
      { cloud: 'aws', instanceType: 'a.1', family: 'a', accelerator: 'gpu-a', acceleratorCount: 1, vcpus: 8, memoryGiB: 32, ...cite },
      { cloud: 'aws', instanceType: 'a.4', family: 'a', accelerator: 'gpu-a', acceleratorCount: 4, vcpus: 32, memoryGiB: 128, ...cite },
      { cloud: 'aws', instanceType: 'b.1', family: 'b', accelerator: 'gpu-b', acceleratorCount: 1, vcpus: 8, memoryGiB: 64, ...cite },
    ],
    prices: [
      price('a.1', p.aOnDemand === undefined ? 1.25 : p.aOnDemand, p.aSpot === undefined ? 0.5 : p.aSpot),
      price('a.4', p.a4OnDemand === undefined ? 6 : p.a4OnDemand, p.a4Spot === undefined ? 2 : p.a4Spot),
      price('b.1', p.bOnDemand === undefined ? 3 : p.bOnDemand, p.bSpot === undefined ? null : p.bSpot),
    ],
    regions: [{ cloud: 'aws', region: REGION, ...cite }],
    fees,
    queues,
    cpuMachines: [cpu('c.small', 2, 8, p.cpuSmall === undefined ? 0.05 : p.cpuSmall), cpu('c.large', 4, 16, p.cpuLarge === undefined ? 0.1 : p.cpuLarge)],
  });
}

type ModelInput = InferenceSpecInput['models'][number];

/** A valid AWS-only spec in test-1 with these models (first one the router default). */
export function testSpec(models: Partial<ModelInput>[], extra: Partial<InferenceSpecInput> = {}): InferenceSpec {
  return parseSpec({
    apiVersion: 'inferstack.dev/v1alpha1',
    kind: 'InferenceStack',
    metadata: { name: 'cost-test', environment: 'test' },
    targets: { aws: { region: REGION } },
    models: models.map((m, i) => ({
      name: `m${i}`,
      model: `org/m${i}`,
      parametersBillion: 8,
      accelerator: { type: 'gpu-a', count: 1 },
      replicas: { min: 0, max: 2 },
      ...m,
    })),
    ...extra,
  });
}

/** resolvePlan on AWS against the test catalog. */
export function testPlan(spec: InferenceSpec, catalog: Catalog = testCatalog()): InferencePlan {
  return resolvePlan(spec, 'aws', catalog);
}

/** Fixed costs of a stack with a router in the test catalog at default prices: control plane, 2+1 small CPU nodes, 2 large. */
export const FIXED_WITH_ROUTER = 73 + 2 * 0.05 * 730 + 2 * 0.1 * 730 + 0.05 * 730;
