/**
 * Accelerator node pools: machine types and accelerators, TPU placement, spot over an on-demand
 * floor, total (not per-zone) bounds, zones, and the labels and taints the pods of lib/k8s select
 * and tolerate, checked against the Deployments in the same graph.
 */
import * as pulumi from '@pulumi/pulumi';
import { Catalog } from '../../lib/catalog';
import { AcceleratorNodePools } from '../../lib/gcp';
import { GKE_ACCELERATOR_LABEL, GKE_NODE_POOL_LABEL, GKE_SET_LABELS, gkeAcceleratorTaint } from '../../lib/gcp/gke';
import { GraphResource } from '../../lib/util/resource-graph';
import { resolvePlan } from '../../lib/plan/resolve';
import { PoolPlan } from '../../lib/plan/types';
import { CAPABILITIES } from '../../lib/plan/capabilities';
import { graphOf, inputs, nodePools, ofType, planOf, runGcp, TestRoot, thrownBy } from './support/graph';
import { ALL_GCP_SPECS, gcpSpec } from './support/specs';

/** Node pools of one model (by the node groups the plan gives it). */
async function poolsOf(spec: string, model: string): Promise<{ pool: PoolPlan; nodePools: GraphResource[] }> {
  const plan = planOf(spec);
  const pool = plan.pools.find((p) => p.name === model)!;
  const all = nodePools(await graphOf(spec));
  return { pool, nodePools: pool.nodeGroups.map((g) => all[g.name]) };
}

describe('GPU pools: machine type and guest accelerators', () => {
  // Expected GKE accelerator types written out here, independently of lib/gcp/gke.ts.
  test.each([
    ['support-assistant', 'chat-small', 'g2-standard-4', 'nvidia-l4', 1],
    ['support-assistant', 'chat-large', 'a3-highgpu-1g', 'nvidia-h100-80gb', 1],
    ['spot-floor', 'chat', 'g2-standard-24', 'nvidia-l4', 2],
    ['several-models', 'medium', 'a2-ultragpu-1g', 'nvidia-a100-80gb', 1],
    ['several-models', 'large', 'a3-highgpu-8g', 'nvidia-h100-80gb', 8],
    ['queue-only', 'transcriber', 'g2-standard-4', 'nvidia-l4', 1],
  ])('%s %s: %s with %s x%d and the driver installed by GKE', async (spec, model, machineType, type, count) => {
    const { nodePools: pools } = await poolsOf(spec, model);
    expect(pools.length).toBeGreaterThan(0);
    for (const np of pools) {
      expect(inputs(np).nodeConfig.machineType).toBe(machineType);
      expect(inputs(np).nodeConfig.guestAccelerators).toEqual([{ type, count, gpuDriverInstallationConfig: { gpuDriverVersion: 'LATEST' } }]);
      expect(inputs(np).placementPolicy).toBeUndefined();
    }
  });
});

describe('TPU pools: machine type and topology', () => {
  test.each([
    ['batch-embeddings', 'embedder', 'ct5lp-hightpu-4t', { type: 'COMPACT', tpuTopology: '2x2' }],
    ['tpu-serving', 'llama', 'ct6e-standard-8t', { type: 'COMPACT', tpuTopology: '2x4' }],
    // One chip: GKE takes no placement policy.
    ['tpu-serving', 'gemma', 'ct6e-standard-1t', undefined],
  ])('%s %s: %s, placement %j, no guest accelerators', async (spec, model, machineType, placement) => {
    const { nodePools: pools } = await poolsOf(spec, model);
    for (const np of pools) {
      expect(inputs(np).nodeConfig.machineType).toBe(machineType);
      expect(inputs(np).placementPolicy).toEqual(placement);
      expect(inputs(np).nodeConfig.guestAccelerators).toBeUndefined();
    }
  });

  test('a multi-host TPU slice is refused with lib/k8s\'s message and its spec path', async () => {
    // The spec rules refuse multi-host slices already; a plan built by hand still meets this check.
    const plan = JSON.parse(JSON.stringify(planOf('batch-embeddings')));
    plan.pools[0].accelerator.tpu = { ...plan.pools[0].accelerator.tpu, topology: '4x4', hosts: 4 };
    const e = await thrownBy(() => new AcceleratorNodePools('np', { plan, cluster: 'c' }));
    expect(pulumi.InputPropertyError.isInstance(e)).toBe(true);
    expect(e.message).toBe(
      "AcceleratorNodePools 'np': args.plan.pools[0]: TPU topology 4x4 spans 4 hosts; inferstack renders one pod per replica, so use a single-host topology (4 chips or fewer per replica) (spec path: models.0.accelerator.topology)",
    );
  });
});

describe('capacity: spot over an on-demand floor', () => {
  test('spot-floor: an on-demand pool for onDemandBase and a spot pool for the rest, with the plan\'s bounds', async () => {
    const { pool, nodePools: [od, spot] } = await poolsOf('spot-floor', 'chat');
    expect(pool.capacity).toEqual({ spot: true, onDemandBase: 2 });
    expect(pool.nodeGroups.map((g) => g.name)).toEqual(['spot-floor-staging-chat-od', 'spot-floor-staging-chat-spot']);
    expect(inputs(od)).toMatchObject({ name: 'spot-floor-staging-chat-od', autoscaling: { totalMinNodeCount: 1, totalMaxNodeCount: 2 }, nodeConfig: { spot: false } });
    expect(inputs(od).nodeConfig.reservationAffinity).toBeUndefined();
    expect(inputs(spot)).toMatchObject({ name: 'spot-floor-staging-chat-spot', autoscaling: { totalMinNodeCount: 0, totalMaxNodeCount: 10 }, nodeConfig: { spot: true, reservationAffinity: { consumeReservationType: 'NO_RESERVATION' } } });
  });

  test.each(ALL_GCP_SPECS)('%s: the pools of each model add up to the plan\'s node bounds; one pool per node group', async (spec) => {
    const plan = planOf(spec);
    const all = nodePools(await graphOf(spec));
    const accelerator = Object.values(all).filter((np) => inputs(np).autoscaling);
    expect(accelerator).toHaveLength(plan.pools.reduce((n, p) => n + p.nodeGroups.length, 0));
    for (const pool of plan.pools) {
      const mine = pool.nodeGroups.map((g) => all[g.name]);
      expect(mine.reduce((s, np) => s + inputs(np).autoscaling.totalMaxNodeCount, 0)).toBe(pool.nodes.max);
      expect(mine.reduce((s, np) => s + inputs(np).autoscaling.totalMinNodeCount, 0)).toBe(pool.nodes.min);
      for (const [i, g] of pool.nodeGroups.entries()) expect(inputs(mine[i]).nodeConfig.spot).toBe(g.capacityType === 'spot');
    }
  });

  test.each(ALL_GCP_SPECS)('%s: bounds are totals across zones, filled wherever capacity is (locationPolicy ANY), never per zone', async (spec) => {
    for (const np of Object.values(nodePools(await graphOf(spec))).filter((x) => inputs(x).autoscaling)) {
      expect(Object.keys(inputs(np).autoscaling).sort()).toEqual(['locationPolicy', 'totalMaxNodeCount', 'totalMinNodeCount']);
      expect(inputs(np).autoscaling.locationPolicy).toBe('ANY');
      expect(inputs(np).initialNodeCount).toBe(0);
      expect(inputs(np).nodeCount).toBeUndefined();
    }
  });
});

/** Does a pod toleration tolerate a node taint (Kubernetes' matching rules)? */
function tolerates(t: { key?: string; operator?: string; value?: string; effect?: string }, taint: { key: string; value: string; effect: string }): boolean {
  return (t.key === undefined || t.key === taint.key) && (t.operator === 'Exists' || t.value === taint.value) && (!t.effect || t.effect === taint.effect);
}

const K8S_EFFECT: Record<string, string> = { NO_SCHEDULE: 'NoSchedule', PREFER_NO_SCHEDULE: 'PreferNoSchedule', NO_EXECUTE: 'NoExecute' };

/** Labels and taints a GKE node of this node pool carries: its own plus those GKE sets. */
function nodeOf(np: GraphResource, pool: PoolPlan): { labels: Record<string, string>; taints: { key: string; value: string; effect: string }[] } {
  const nc = inputs(np).nodeConfig;
  const tpu = CAPABILITIES.gcp.tpuNodeSelector!;
  const labels: Record<string, string> = {
    ...nc.labels,
    [GKE_NODE_POOL_LABEL]: inputs(np).name,
    ...(nc.spot ? { [CAPABILITIES.gcp.spotNodeLabel.key]: CAPABILITIES.gcp.spotNodeLabel.value } : {}),
    ...(nc.guestAccelerators ? { [GKE_ACCELERATOR_LABEL]: nc.guestAccelerators[0].type } : {}),
    ...(pool.accelerator.tpu ? { [tpu.acceleratorLabel]: pool.accelerator.tpu.gkeAcceleratorLabel, [tpu.topologyLabel]: pool.accelerator.tpu.topology } : {}),
  };
  const taints = [...nc.taints.map((t: { key: string; value: string; effect: string }) => ({ ...t, effect: K8S_EFFECT[t.effect] })), gkeAcceleratorTaint(pool.accelerator.kind)];
  return { labels, taints };
}

describe('node labels and taints match what the pods select and tolerate', () => {
  test.each(ALL_GCP_SPECS)('%s: each Deployment lands on its own pools only, and tolerates every taint there', async (spec) => {
    const graph = await graphOf(spec);
    const plan = planOf(spec);
    const all = nodePools(graph);
    const deployments = ofType(graph, 'kubernetes:apps/v1:Deployment');
    let checked = 0;
    for (const pool of plan.pools) {
      const deployment = deployments.find((d) => inputs(d).metadata.name === pool.resourceName)!;
      const pod = inputs(deployment).spec.template.spec;
      for (const other of plan.pools) {
        for (const g of other.nodeGroups) {
          const node = nodeOf(all[g.name], other);
          const selected = Object.entries(pod.nodeSelector as Record<string, string>).every(([k, v]) => node.labels[k] === v);
          const tolerated = node.taints.filter((t) => t.effect !== 'PreferNoSchedule').every((taint) => (pod.tolerations as any[]).some((t) => tolerates(t, taint)));
          expect({ pod: pool.name, nodes: g.name, schedulable: selected && tolerated }).toEqual({ pod: pool.name, nodes: g.name, schedulable: other === pool });
          checked++;
        }
      }
      // The on-demand preference names a label only the spot pool carries.
      const prefer = pod.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0]?.preference.matchExpressions ?? [];
      for (const e of prefer) {
        for (const g of pool.nodeGroups) expect({ group: g.capacityType, matches: !e.values.includes(nodeOf(all[g.name], pool).labels[e.key]) }).toEqual({ group: g.capacityType, matches: g.capacityType === 'on-demand' });
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  test.each(ALL_GCP_SPECS)('%s: node pools set no label GKE sets itself, and the pool taint of the plan', async (spec) => {
    const plan = planOf(spec);
    const all = nodePools(await graphOf(spec));
    for (const pool of plan.pools) {
      for (const g of pool.nodeGroups) {
        const nc = inputs(all[g.name]).nodeConfig;
        expect(Object.keys(nc.labels).filter((k) => GKE_SET_LABELS.has(k))).toEqual([]);
        expect(nc.taints).toEqual(g.taints.map((t) => ({ key: t.key, value: t.value, effect: 'NO_SCHEDULE' })));
      }
    }
  });
});

describe('zones', () => {
  const withZones = (rows: { instanceType: string; zones: string[] }[]) =>
    new Catalog({ ...Catalog.DEFAULT, zones: rows.map((r) => ({ cloud: 'gcp' as const, region: 'us-central1', ...r, source: 'test', asOf: '2026-01-01' })) });

  test('node pools use the catalog\'s zones that offer their machine; a pool without zone data is left to GKE and noted', async () => {
    const plan = planOf('support-assistant');
    const catalog = withZones([{ instanceType: 'g2-standard-4', zones: ['us-central1-a', 'us-central1-c'] }]);
    let notes: readonly string[] = [];
    const graph = await runGcp(() => {
      const pools = new AcceleratorNodePools('np', { plan, cluster: 'c', catalog }, { parent: new TestRoot() });
      notes = pools.placementNotes;
    });
    const all = nodePools(graph);
    const [small, large] = plan.pools;
    for (const g of small.nodeGroups) expect(inputs(all[g.name]).nodeLocations).toEqual(['us-central1-a', 'us-central1-c']);
    expect(inputs(all[large.nodeGroups[0].name]).nodeLocations).toBeUndefined();
    expect(notes).toEqual([expect.stringMatching(/^chat-large: the catalog does not list the zones of us-central1 that offer a3-highgpu-1g; .*inferstack:acceleratorZones/)]);
  });

  test('zones given per model win over the catalog', async () => {
    const plan = planOf('support-assistant');
    const catalog = withZones([{ instanceType: 'g2-standard-4', zones: ['us-central1-a', 'us-central1-c'] }]);
    const graph = await runGcp(() => void new AcceleratorNodePools('np', { plan, cluster: 'c', catalog, zones: { 'chat-small': ['us-central1-b'] } }));
    expect(inputs(nodePools(graph)[plan.pools[0].nodeGroups[1].name]).nodeLocations).toEqual(['us-central1-b']);
  });
});

describe('standalone use', () => {
  test('on an existing cluster, given its name, location and project; no cluster is created', async () => {
    const plan = planOf('spot-floor');
    const captured: pulumi.ResourceOptions[] = [];
    const graph = await runGcp(() => {
      pulumi.runtime.registerStackTransformation((a) => {
        if (a.type === 'gcp:container/nodePool:NodePool') captured.push(a.opts);
        return undefined;
      });
      new AcceleratorNodePools('existing', { plan, cluster: 'team-cluster', location: 'us-central1', project: 'other-project', nodeServiceAccount: 'nodes@other-project.iam.gserviceaccount.com', labels: { team: 'a' } });
    });
    expect(ofType(graph, 'gcp:container/cluster:Cluster')).toEqual([]);
    for (const np of ofType(graph, 'gcp:container/nodePool:NodePool')) {
      expect(inputs(np)).toMatchObject({ cluster: 'team-cluster', location: 'us-central1', project: 'other-project', nodeConfig: { serviceAccount: 'nodes@other-project.iam.gserviceaccount.com', resourceLabels: { team: 'a' } } });
      expect(np.parent).toBe('existing');
    }
    // GKE's autoscaler owns the node count; a fixed name needs delete-before-replace.
    expect(captured).toHaveLength(2);
    for (const o of captured) expect(o).toMatchObject({ deleteBeforeReplace: true, ignoreChanges: ['nodeCount', 'initialNodeCount'] });
  });

  test('bad arguments: every problem at once, each with its property', async () => {
    const plan = resolvePlan(gcpSpec('batch-embeddings'), 'azure');
    const e = await thrownBy(() => new AcceleratorNodePools('np', { plan, cluster: 'c', zones: { nope: ['europe-west4-a'] } }));
    expect(pulumi.InputPropertiesError.isInstance(e)).toBe(true);
    expect((e as pulumi.InputPropertiesError).errors.map((x) => x.propertyPath)).toEqual(['args.plan', 'args.project', 'args.plan.pools[0].machine.instanceType', 'args.zones.nope', 'args.zones.nope[0]']);
    expect(e.message).toMatch(/^AcceleratorNodePools 'np' has 5 invalid arguments:/);
    expect(e.message).toContain("args.plan: is a plan for azure; resolve it for GCP with resolvePlan(spec, 'gcp')");
    expect(e.message).toContain('args.zones.nope: names no model of the plan; models: embedder');
    expect(e.message).toContain("args.zones.nope[0]: 'europe-west4-a' is not a zone of eastus");
  });
});
