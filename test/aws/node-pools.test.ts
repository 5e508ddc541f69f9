/** The NodePool/NodeClass renderers are pure functions over the plan: tested without synthesis. */
import { ephemeralStorageGiB, nodeLimits, nodeRequirements, renderNodeClass, renderNodePool } from '../../lib/aws/node-pools';
import { podEphemeralStorageGiB } from '../../lib/k8s';
import { defineSpec } from '../../lib';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferencePlan, PoolPlan } from '../../lib/plan/types';
import { exampleSpec } from './support/synth';

const support = resolvePlan(exampleSpec('support-assistant'), 'aws');
const batch = resolvePlan(exampleSpec('batch-embeddings'), 'aws');
const pool = (plan: InferencePlan, name: string): PoolPlan => plan.pools.find((p) => p.name === name)!;

describe('renderNodePool', () => {
  const small = pool(support, 'chat-small');
  const [onDemand, spot] = small.nodeGroups;

  it('renders one Auto Mode NodePool per node group, on-demand before spot', () => {
    expect(small.nodeGroups.map((g) => g.capacityType)).toEqual(['on-demand', 'spot']);
    const np = renderNodePool(support, small, onDemand, { nodeClassName: 'nc' }) as any;
    expect(np.apiVersion).toBe('karpenter.sh/v1');
    expect(np.kind).toBe('NodePool');
    expect(np.metadata.name).toBe(onDemand.name);
    expect(np.spec.template.spec.nodeClassRef).toEqual({ group: 'eks.amazonaws.com', kind: 'NodeClass', name: 'nc' });
  });

  it('requires the capacity type, the instance family and type, and the GPU manufacturer and count', () => {
    expect(nodeRequirements(small, spot)).toEqual([
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
      { key: 'eks.amazonaws.com/instance-family', operator: 'In', values: ['g6'] },
      { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['g6.xlarge'] },
      { key: 'eks.amazonaws.com/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] },
      { key: 'eks.amazonaws.com/instance-gpu-count', operator: 'In', values: ['1'] },
    ]);
  });

  it('drops the instance-type pin and the CPU limit when asked, keeping the accelerator limit', () => {
    expect(nodeRequirements(small, spot, false).map((r) => r.key)).not.toContain('node.kubernetes.io/instance-type');
    expect(nodeLimits(small, spot, false)).toEqual({ 'nvidia.com/gpu': String(spot.maxNodes) });
  });

  it('taints nodes exactly as the plan says, so only the pool tolerating them lands there', () => {
    const np = renderNodePool(support, small, spot) as any;
    expect(np.spec.template.spec.taints).toEqual([{ key: 'inferstack.dev/pool', value: 'chat-small', effect: 'NoSchedule' }]);
    expect(small.tolerations).toEqual(expect.arrayContaining(spot.taints));
  });

  it('limits each group to its max nodes of the planned machine', () => {
    expect(small.machine).toMatchObject({ instanceType: 'g6.xlarge', acceleratorsPerNode: 1, vcpus: 4 });
    expect(nodeLimits(small, onDemand)).toEqual({ 'nvidia.com/gpu': String(onDemand.maxNodes), cpu: String(onDemand.maxNodes * 4) });
    expect(nodeLimits(small, spot)).toEqual({ 'nvidia.com/gpu': String(spot.maxNodes), cpu: String(spot.maxNodes * 4) });
  });

  it('prefers the on-demand floor over spot by weight', () => {
    const w = (g: typeof onDemand) => (renderNodePool(support, small, g) as any).spec.weight;
    expect(w(onDemand)).toBeGreaterThan(w(spot));
  });

  it('never consolidates busy nodes and disrupts one node at a time', () => {
    const np = renderNodePool(support, small, spot) as any;
    expect(np.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmpty', consolidateAfter: '300s', budgets: [{ nodes: '1' }] });
    expect(np.spec.template.spec.terminationGracePeriod).toBe('1h');
  });

  it('labels nodes with the pool and identity labels only, never with Karpenter-restricted keys or free-form cost tags', () => {
    const np = renderNodePool(support, small, spot) as any;
    const labels = np.spec.template.metadata.labels;
    expect(spot.labels['karpenter.sh/capacity-type']).toBe('spot');
    expect(labels).toEqual({
      'inferstack-stack': 'support-assistant',
      'inferstack-environment': 'prod',
      'inferstack-deployment': 'support-assistant-prod',
      'managed-by': 'inferstack',
      'inferstack.dev/pool': 'chat-small',
    });
    // The NodePool object (no drift field) still carries the cost labels for kubectl and cost tools.
    expect(np.metadata.labels).toMatchObject({ team: 'ml-platform', 'cost-center': 'cc-1234' });
  });

  it('a tag or budget edit changes no drift field; a replica edit changes only the limits', () => {
    const variant = (edit: (s: any) => void) => {
      const s = JSON.parse(JSON.stringify(exampleSpec('support-assistant')));
      edit(s);
      return resolvePlan(defineSpec(s), 'aws');
    };
    const drift = (plan: InferencePlan) =>
      plan.pools.flatMap((p) => p.nodeGroups.map((g) => (renderNodePool(plan, p, g, { nodeClassName: p.resourceName }) as any).spec.template));
    const limits = (plan: InferencePlan) => plan.pools.flatMap((p) => p.nodeGroups.map((g) => (renderNodePool(plan, p, g) as any).spec.limits));
    const base = drift(support);
    expect(drift(variant((s) => (s.tags = { team: 'other', project: 'p-1' })))).toEqual(base);
    expect(drift(variant((s) => (s.budget = { ...s.budget, monthlyUsd: 1000000, alertThresholdsPercent: [90] })))).toEqual(base);
    const replicas = variant((s) => (s.models[1].replicas.max = 3));
    expect(drift(replicas)).toEqual(base);
    expect(limits(replicas)).not.toEqual(limits(support));
  });

  it('uses the Neuron device resource and no GPU labels for Inferentia pools', () => {
    const embedder = pool(batch, 'embedder');
    const group = embedder.nodeGroups[0];
    expect(nodeRequirements(embedder, group).map((r) => r.key)).toEqual([
      'karpenter.sh/capacity-type',
      'eks.amazonaws.com/instance-family',
      'node.kubernetes.io/instance-type',
    ]);
    expect(nodeLimits(embedder, group)).toEqual({ 'aws.amazon.com/neuron': String(group.maxNodes), cpu: String(group.maxNodes * embedder.machine.vcpus) });
  });

  it('falls back to the built-in default NodeClass', () => {
    expect((renderNodePool(support, small, spot) as any).spec.template.spec.nodeClassRef.name).toBe('default');
  });
});

describe('NodeClass', () => {
  it('sizes the disk for the disk the pod requests (cache, /tmp, logs), the image and the eviction reserve', () => {
    const large = pool(support, 'chat-large');
    const size = ephemeralStorageGiB(large);
    expect(size * 0.9).toBeGreaterThanOrEqual(podEphemeralStorageGiB(large) + 50);
    expect(size % 10).toBe(0);
    // 8B at bf16: 18 GiB cache + 5 GiB /tmp and logs + 50 GiB OS and image = 73 GiB, over 90 % allocatable: 90 GiB.
    expect(ephemeralStorageGiB(pool(support, 'chat-small'))).toBe(90);
  });

  it('carries the cost tags to EC2 and drops tag keys Auto Mode reserves', () => {
    const nc = renderNodeClass({
      name: 'x',
      roleName: 'node-role',
      subnetIds: ['subnet-1'],
      securityGroupIds: ['sg-1'],
      ephemeralStorageGiB: 100,
      tags: { team: 'a', 'karpenter.sh/nodepool': 'no', 'kubernetes.io/cluster/x': 'owned' },
    }) as any;
    expect(nc).toMatchObject({ apiVersion: 'eks.amazonaws.com/v1', kind: 'NodeClass', spec: { role: 'node-role', ephemeralStorage: { size: '100Gi' }, tags: { team: 'a' } } });
    expect(Object.keys(nc.spec.tags)).toEqual(['team']);
    expect(nc.spec.subnetSelectorTerms).toEqual([{ id: 'subnet-1' }]);
    expect(nc.spec.securityGroupSelectorTerms).toEqual([{ id: 'sg-1' }]);
  });
});
