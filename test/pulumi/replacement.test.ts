/**
 * Replacement safety of the Pulumi graphs (issue 12): editing a cost tag's value, the budget's
 * amount or a pool's replicas.max keeps every Pulumi resource identity (type, name, parent: what
 * its URN is made of), leaves the fields that replace a node pool or agent pool alone, and (tag and
 * budget edits) leaves every pod template as it was, so no model server restarts.
 */
import { join } from 'node:path';
import { CloudId } from '../../lib/catalog/types';
import { loadSpecFile } from '../../lib/load';
import { resolvePlan } from '../../lib/plan/resolve';
import { parseSpec } from '../../lib/spec/validate';
import { InferenceSpec } from '../../lib/spec/types';
import { GraphResource, ResourceGraph } from '../../lib/util/resource-graph';
import { synthPulumiGraph } from '../../stacks/pulumi/program';

const base = loadSpecFile(join(__dirname, '..', '..', 'examples', 'support-assistant.yaml'));
const edited = (edit: (s: any) => void): InferenceSpec => {
  const s = JSON.parse(JSON.stringify(base));
  edit(s);
  return parseSpec(s);
};
const graph = (spec: InferenceSpec, cloud: CloudId): Promise<ResourceGraph> => synthPulumiGraph(spec, resolvePlan(spec, cloud));

/** What a resource's URN is made of. */
const identity = (g: ResourceGraph) => g.resources.map((r) => `${r.type} ${r.name} <- ${r.parent ?? ''}`).sort();

/** Inputs whose change replaces a pool (gcp.md / azure.md: machine, accelerators, taints, spot, priority). */
const REPLACING: Record<string, (inputs: any) => unknown> = {
  'gcp:container/nodePool:NodePool': (i) => ({ machine: i.nodeConfig?.machineType, accelerators: i.nodeConfig?.guestAccelerators, taints: i.nodeConfig?.taints, spot: i.nodeConfig?.spot, labels: i.nodeConfig?.labels, placement: i.placementPolicy }),
  'azure-native:containerservice:AgentPool': (i) => ({ vmSize: i.vmSize, taints: i.nodeTaints, priority: i.scaleSetPriority, eviction: i.scaleSetEvictionPolicy, zones: i.availabilityZones }),
};
const replacing = (g: ResourceGraph) =>
  Object.fromEntries(g.resources.filter((r) => REPLACING[r.type]).map((r) => [r.name, REPLACING[r.type](r.inputs)]));

/** Pod templates of every Deployment, by resource name. */
const podTemplates = (g: ResourceGraph) =>
  Object.fromEntries(g.resources.filter((r: GraphResource) => r.type === 'kubernetes:apps/v1:Deployment').map((r) => [r.name, (r.inputs as any).spec.template]));

const EDITS: [string, (s: any) => void, boolean][] = [
  ['a cost tag value', (s) => { s.tags = { ...s.tags, team: 'another-team' }; }, true],
  ['the budget amount', (s) => { s.budget.monthlyUsd = 45000; }, true],
  ['a pool replicas.max', (s) => { s.models[1].replicas.max = 6; }, false],
];

describe.each(['gcp', 'azure'] as CloudId[])('%s', (cloud) => {
  const before = graph(base, cloud);
  test.each(EDITS)('editing %s replaces nothing', async (_what, edit, podsToo) => {
    const [a, b] = await Promise.all([before, graph(edited(edit), cloud)]);
    // The comparison covers something: pools and model servers exist.
    expect(Object.keys(replacing(a)).length).toBeGreaterThan(0);
    expect(Object.keys(podTemplates(a)).length).toBeGreaterThan(0);
    expect(identity(b)).toEqual(identity(a));
    expect(replacing(b)).toEqual(replacing(a));
    if (podsToo) expect(podTemplates(b)).toEqual(podTemplates(a));
  });
});
