/** Node pool names are unique in the cluster whatever the models are called (AKS keeps only [a-z0-9]). */
import { resolvePlan } from '../../lib/plan/resolve';
import { uniqueNodeGroupNames } from '../../lib/plan/unique-names';
import { parseSpec } from '../../lib/spec';
import { specWith } from '../support/specs';

const twoChats = (order: 'dashed-first' | 'plain-first') =>
  parseSpec(
    specWith((s) => {
      const small = { ...s.models[0], name: 'chat-small', capacity: { spot: true, onDemandBase: 1 }, replicas: { min: 1, max: 4 } };
      const plain = { ...s.models[0], name: 'chatsmall', capacity: { spot: true, onDemandBase: 1 }, replicas: { min: 1, max: 4 } };
      s.models = order === 'dashed-first' ? [small, plain] : [plain, small];
      s.routing = { default: 'chat-small' };
      delete s.queue;
    }),
  );

const names = (plan: ReturnType<typeof resolvePlan>) => Object.fromEntries(plan.pools.flatMap((p) => p.nodeGroups.map((g) => [`${p.name}/${g.capacityType}`, g.name])));

describe('node group names', () => {
  test('chat-small and chatsmall get distinct AKS agent pool names of at most 12 lowercase alphanumerics, on-demand and spot', () => {
    const plan = resolvePlan(twoChats('dashed-first'), 'azure');
    const all = Object.values(names(plan));
    expect(new Set(all).size).toBe(all.length);
    for (const n of all) expect(n).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    expect(all.filter((n) => n.endsWith('od'))).toHaveLength(2);
    expect(all.filter((n) => n.endsWith('spot'))).toHaveLength(2);
  });

  test('the names do not depend on the order of the models', () => {
    expect(names(resolvePlan(twoChats('plain-first'), 'azure'))).toEqual(names(resolvePlan(twoChats('dashed-first'), 'azure')));
  });

  test('names that collide with nothing stay as stableName made them', () => {
    const plan = resolvePlan(parseSpec(specWith(() => undefined)), 'azure');
    const again = uniqueNodeGroupNames(plan.pools, { nodePoolNameMaxLength: 12, nodePoolNameAlnumOnly: true });
    expect(again.renames).toEqual([]);
    expect(again.pools).toEqual(plan.pools);
    expect(plan.notes.join('\n')).not.toMatch(/node pool name/);
  });

  test('clouds with DNS-label pool names keep their separators and limits', () => {
    const plan = resolvePlan(twoChats('dashed-first'), 'gcp');
    const all = Object.values(names(plan));
    expect(new Set(all).size).toBe(all.length);
    for (const n of all) expect(n.length).toBeLessThanOrEqual(40);
  });

  test('a second collision (hash against hash) is resolved too, and every group keeps its capacity suffix', () => {
    const group = (name: string, capacityType: 'spot' | 'on-demand') => ({ name, capacityType, minNodes: 0, maxNodes: 1, minReplicas: 0, maxReplicas: 1, hourlyUsd: null, labels: {}, taints: [] });
    const pool = (name: string) => ({ name, nodeGroups: [group('same', 'on-demand'), group('same', 'spot')] }) as any;
    const { pools, renames } = uniqueNodeGroupNames([pool('a'), pool('b'), pool('c')], { nodePoolNameMaxLength: 12, nodePoolNameAlnumOnly: true });
    const all = pools.flatMap((p) => p.nodeGroups.map((g) => g.name));
    expect(new Set(all).size).toBe(6);
    expect(all.filter((n) => n.endsWith('spot'))).toHaveLength(3);
    for (const n of all) expect(n).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    expect(renames[0]).toMatchObject({ name: 'same', renamed: expect.arrayContaining([expect.objectContaining({ pool: 'a', capacityType: 'spot' })]) });
  });
});
