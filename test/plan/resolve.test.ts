/** resolvePlan: snapshots per example x cloud, and the machine choice is the cheapest that fits. */
import { join } from 'node:path';
import { Catalog, CLOUDS } from '../../lib/catalog';
import { loadSpecFile } from '../../lib/load';
import { acceleratorCount, effectiveAccelerator } from '../../lib/plan/machine';
import { resolvePlan } from '../../lib/plan/resolve';
import { parseSpec } from '../../lib/spec/validate';
import { SpecValidationError } from '../../lib/spec/errors';
import { EXAMPLES_DIR, exampleFiles, specWith } from '../support/specs';

const examples = exampleFiles().map((f) => ({ file: f, spec: loadSpecFile(join(EXAMPLES_DIR, f)) }));
const cases = examples.flatMap(({ file, spec }) => CLOUDS.filter((c) => spec.targets[c]).map((cloud) => ({ file, cloud, spec })));

describe.each(cases)('$file on $cloud', ({ spec, cloud }) => {
  const plan = resolvePlan(spec, cloud);

  it('matches the snapshot', () => {
    expect(plan).toMatchSnapshot();
  });

  it('is frozen and JSON round-trips', () => {
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.pools[0].machine)).toBe(true);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('picks, per pool, the cheapest machine offered in the region that carries the accelerators', () => {
    for (const [i, pool] of plan.pools.entries()) {
      const { request } = effectiveAccelerator(spec.models[i], cloud);
      const acc = Catalog.DEFAULT.accelerator(request.type)!;
      const fitting = Catalog.DEFAULT.offers(cloud, plan.region, acc.id).filter((o) =>
        acc.tpu ? o.machine.instanceType === pool.machine.instanceType || o.machine.acceleratorCount === pool.machine.acceleratorsPerNode : o.machine.acceleratorCount >= acceleratorCount(request),
      );
      const cheapest = Math.min(...fitting.map((o) => o.price.onDemandHourlyUsd ?? Infinity));
      expect(pool.machine.onDemandHourlyUsd).toBe(cheapest);
      expect(pool.memoryFit.requiredGiB).toBeLessThanOrEqual(pool.memoryFit.availableGiB);
    }
  });

  it('bounds nodes by replicas and splits spot from the on-demand base', () => {
    for (const pool of plan.pools) {
      const od = pool.nodeGroups.find((g) => g.capacityType === 'on-demand');
      const spot = pool.nodeGroups.find((g) => g.capacityType === 'spot');
      expect((od?.maxReplicas ?? 0) + (spot?.maxReplicas ?? 0)).toBe(pool.replicas.max);
      expect((od?.minReplicas ?? 0) + (spot?.minReplicas ?? 0)).toBe(pool.replicas.min);
      if (!pool.capacity.spot) expect(spot).toBeUndefined();
      for (const g of pool.nodeGroups) expect(g.taints).toContainEqual({ key: 'inferstack.dev/pool', value: pool.name, effect: 'NoSchedule' });
    }
  });
});

describe('machine choice', () => {
  const one = (mutate: (s: Record<string, any>) => void) =>
    resolvePlan(parseSpec(specWith((s) => { s.models = [s.models[0]]; delete s.routing; delete s.queue; s.targets = { aws: s.targets.aws }; mutate(s); })), 'aws');

  it('takes the single-GPU instance for one L4, not the 4-GPU one', () => {
    const p = one((s) => { s.models[0].accelerator = { type: 'nvidia-l4', count: 1 }; });
    expect(p.pools[0].machine).toMatchObject({ instanceType: 'g6.xlarge', onDemandHourlyUsd: 0.8048, replicasPerNode: 1 });
  });

  it('moves to the 4-GPU instance when a replica needs 2 GPUs, and packs 2 replicas a node', () => {
    const p = one((s) => { s.models[0].accelerator = { type: 'nvidia-l4', count: 2 }; s.models[0].replicas = { min: 0, max: 5 }; });
    expect(p.pools[0].machine).toMatchObject({ instanceType: 'g6.12xlarge', acceleratorsPerNode: 4, replicasPerNode: 2 });
    expect(p.pools[0].nodes).toEqual({ min: 0, max: 3 });
  });

  it('spans hosts for a multi-host TPU slice', () => {
    const spec = parseSpec(specWith((s) => {
      s.models = [{ ...s.models[0], accelerator: { type: 'tpu-v6e', topology: '4x4' }, replicas: { min: 1, max: 2 } }];
      delete s.routing; delete s.queue; delete s.targets.aws; delete s.targets.azure;
    }));
    const pool = resolvePlan(spec, 'gcp').pools[0];
    expect(pool.machine).toMatchObject({ instanceType: 'ct6e-standard-4t', nodesPerReplica: 4 });
    expect(pool.accelerator.tpu).toEqual({ topology: '4x4', gkeAcceleratorLabel: 'tpu-v6e-slice', hosts: 4, chipsPerHost: 4 });
    expect(pool.nodes).toEqual({ min: 4, max: 8 });
    expect(pool.nodeSelector).toEqual({ 'inferstack.dev/pool': 'small', 'cloud.google.com/gke-tpu-accelerator': 'tpu-v6e-slice', 'cloud.google.com/gke-tpu-topology': '4x4' });
  });

  it('ranks a machine with an unknown on-demand price after priced ones', () => {
    const p = resolvePlan(parseSpec(specWith((s) => { s.models = [s.models[0]]; delete s.routing; delete s.queue; s.models[0].accelerator = { type: 'nvidia-h200', count: 8 }; s.targets = { gcp: { project: 'demo-project', region: 'us-central1' } }; })), 'gcp');
    expect(p.pools[0].machine.instanceType).toBe('a3-ultragpu-8g');
  });
});

describe('resolvePlan', () => {
  it('normalises tags for GCP labels and keeps them for AWS', () => {
    const spec = parseSpec(specWith((s) => { s.tags = { 'Cost.Center': 'CC-1234' }; }));
    expect(resolvePlan(spec, 'gcp').tags['cost_center']).toBe('cc-1234');
    expect(resolvePlan(spec, 'aws').tags['Cost.Center']).toBe('CC-1234');
  });

  it('clamps the visibility timeout to the queue service maximum and says so', () => {
    const spec = parseSpec(specWith(() => undefined));
    const azure = resolvePlan(spec, 'azure');
    expect(azure.queue).toMatchObject({ service: 'Service Bus', visibilityTimeoutSeconds: 300, requestedVisibilityTimeoutSeconds: 900, leaseExtensionRequired: true });
    expect(azure.notes[0]).toContain('Service Bus allows at most 300s for its lock duration');
    expect(resolvePlan(spec, 'aws').queue).toMatchObject({ visibilityTimeoutSeconds: 900, leaseExtensionRequired: false });
  });

  it('notes that a fallback pool at zero replicas is not woken by fallback traffic', () => {
    const cold = resolvePlan(parseSpec(specWith(() => undefined)), 'aws');
    expect(cold.notes).toContain('large is a routing fallback with replicas.min 0: fallback requests do not wake it, so they fail over only while its own traffic keeps it running; set replicas.min: 1 to make the fallback always available.');
    const warm = resolvePlan(parseSpec(specWith((s) => { s.models[1].replicas.min = 1; })), 'aws');
    expect(warm.notes.filter((n) => n.includes('fallback'))).toEqual([]);
  });

  it('carries where a measured throughput was measured: the cloud override, else the model accelerator', () => {
    const spec = parseSpec(specWith((s) => {
      s.models[0].throughput = { requestsPerSecondPerReplica: 4 };
      s.models[0].overrides = { azure: { accelerator: { type: 'nvidia-a100-40gb' }, throughput: { requestsPerSecondPerReplica: 3 } }, gcp: { accelerator: { type: 'nvidia-a100-40gb' } } };
    }));
    expect(resolvePlan(spec, 'azure').pools[0].throughput).toEqual({ requestsPerSecondPerReplica: 3, measuredOn: { type: 'nvidia-a100-40gb', count: 1 } });
    expect(resolvePlan(spec, 'gcp').pools[0].throughput).toEqual({ requestsPerSecondPerReplica: 4, measuredOn: { type: 'nvidia-a100-80gb', count: 1 } });
  });

  it('refuses a cloud the spec does not target', () => {
    const spec = parseSpec(specWith((s) => { delete s.targets.gcp; }));
    expect(() => resolvePlan(spec, 'gcp')).toThrow(SpecValidationError);
  });

  it('throws every catalog problem at once', () => {
    const spec = parseSpec(specWith((s) => { s.models[0].accelerator.type = 'nope'; s.targets.aws.region = 'mars-1'; }));
    try {
      resolvePlan(spec, 'aws');
      throw new Error('expected an error');
    } catch (e) {
      expect((e as SpecValidationError).issues.map((i) => i.rule).sort()).toEqual(['accelerator-known', 'region-known']);
    }
  });
});
