/**
 * `inferstack cost --cloud gcp` and `pulumi up` describe the same thing: the cost report prices
 * exactly the node pools the graph creates (machine types, node bounds, capacity types), the CPU
 * pools of the cluster, one control plane and the queue where there is one.
 */
import { costReport, HOURS_PER_MONTH } from '../../lib/cost';
import { POOL_LABEL } from '../../lib/plan/resolve';
import { graphOf, inputs, ofType, planOf } from './support/graph';
import { ALL_GCP_SPECS, gcpSpec } from './support/specs';

type Priced = Record<string, { machineType: string; minNodes: number; maxNodes: number }>;

describe.each(ALL_GCP_SPECS)('%s', (name) => {
  test('accelerator pools: per model and capacity type, the graph\'s machine type and total bounds are what the report prices at floor and ceiling', async () => {
    const graph = await graphOf(name);
    const report = costReport(gcpSpec(name), [planOf(name)]).clouds.gcp!;
    const created: Priced = {};
    for (const np of ofType(graph, 'gcp:container/nodePool:NodePool').filter((r) => inputs(r).autoscaling)) {
      const nc = inputs(np).nodeConfig;
      const key = `${nc.labels[POOL_LABEL]}/${nc.spot ? 'spot' : 'on-demand'}`;
      const prev = created[key];
      created[key] = {
        machineType: nc.machineType,
        minNodes: (prev?.minNodes ?? 0) + inputs(np).autoscaling.totalMinNodeCount,
        maxNodes: (prev?.maxNodes ?? 0) + inputs(np).autoscaling.totalMaxNodeCount,
      };
    }
    const priced: Priced = {};
    for (const i of report.lineItems.filter((x) => x.item === 'accelerator-nodes')) {
      priced[`${i.pool}/${i.capacity}`] = { machineType: i.instanceType!, minNodes: i.floor.hours! / HOURS_PER_MONTH, maxNodes: i.ceiling.hours! / HOURS_PER_MONTH };
    }
    expect(Object.keys(created).length).toBeGreaterThan(0);
    expect(created).toEqual(priced);
  });

  test('CPU pools: the cluster creates the system, router and Prometheus nodes the report prices, on the same machines', async () => {
    const graph = await graphOf(name);
    const report = costReport(gcpSpec(name), [planOf(name)]).clouds.gcp!;
    const fixed = ofType(graph, 'gcp:container/nodePool:NodePool').filter((r) => !inputs(r).autoscaling);
    const created = Object.fromEntries(fixed.map((np) => [inputs(np).name, { machineType: inputs(np).nodeConfig.machineType, nodes: inputs(np).nodeLocations.length * inputs(np).nodeCount }]));
    const priced = Object.fromEntries(
      report.lineItems.filter((i) => ['system-nodes', 'router', 'prometheus'].includes(i.item)).map((i) => [i.item, { machineType: i.instanceType, nodes: i.floor.hours! / HOURS_PER_MONTH }]),
    );
    expect(created['system-nodes']).toEqual({ machineType: 'e2-standard-2', nodes: 2 });
    expect(created).toEqual(priced);
    // Node pools are exactly these and the accelerator ones: nothing unpriced.
    expect(ofType(graph, 'gcp:container/nodePool:NodePool')).toHaveLength(fixed.length + planOf(name).pools.reduce((n, p) => n + p.nodeGroups.length, 0));
  });

  test('one cluster for one control-plane fee; a queue item exactly when the graph has a Pub/Sub topic', async () => {
    const graph = await graphOf(name);
    const report = costReport(gcpSpec(name), [planOf(name)]).clouds.gcp!;
    expect(ofType(graph, 'gcp:container/cluster:Cluster')).toHaveLength(report.lineItems.filter((i) => i.item === 'control-plane').length);
    expect(ofType(graph, 'gcp:pubsub/topic:Topic').length > 0).toBe(report.lineItems.some((i) => i.item === 'queue'));
  });
});
