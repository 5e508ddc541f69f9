/** plan.costAllocation: node pools keep stable tags where a tag edit would replace nodes; plan.network defaults. */
import { defineSpec } from '../../lib';
import { resolvePlan } from '../../lib/plan/resolve';
import { baseSpec } from '../support/specs';

const spec = defineSpec({ ...baseSpec(), tags: { team: 'ml', 'cost-center': 'cc-1' } });

test('AWS nodes carry only the identity tags; the cost tags map from the deployment tag', () => {
  const c = resolvePlan(spec, 'aws').costAllocation;
  expect(c.nodeTagging).toBe('stable-node-tags');
  expect(c.nodeTags).toEqual({ 'inferstack-stack': 'demo', 'inferstack-environment': 'test', 'inferstack-deployment': 'demo-test', 'managed-by': 'inferstack' });
  expect(c.joinTag).toEqual({ key: 'inferstack-deployment', value: 'demo-test' });
  expect(c.mappedTags).toEqual({ team: 'ml', 'cost-center': 'cc-1' });
});

test('a tag edit changes no node tag on AWS or GCP', () => {
  const edited = defineSpec({ ...baseSpec(), tags: { team: 'other', project: 'x' } });
  for (const cloud of ['aws', 'gcp'] as const) {
    expect(resolvePlan(edited, cloud).costAllocation.nodeTags).toEqual(resolvePlan(spec, cloud).costAllocation.nodeTags);
  }
});

test('a spec tag cannot move the identity tags nodes carry', () => {
  const overriding = defineSpec({ ...baseSpec(), tags: { 'inferstack-stack': 'renamed' } });
  const c = resolvePlan(overriding, 'aws').costAllocation;
  expect(c.nodeTags['inferstack-stack']).toBe('demo');
  expect(c.mappedTags).toEqual({ 'inferstack-stack': 'renamed' });
});

test('AKS updates node pool tags in place, so Azure nodes carry every tag', () => {
  const plan = resolvePlan(spec, 'azure');
  expect(plan.costAllocation.nodeTagging).toBe('all-tags');
  expect(plan.costAllocation.nodeTags).toEqual(plan.tags);
  expect(plan.costAllocation.mappedTags).toEqual({});
});

test('the router admits every namespace unless network.routerClients narrows it', () => {
  expect(resolvePlan(spec, 'aws').network).toEqual({ routerClients: [{ namespaceLabels: {} }] });
  const narrowed = defineSpec({ ...baseSpec(), network: { routerClients: [{ cidr: '10.0.0.0/16' }] } });
  expect(resolvePlan(narrowed, 'gcp').network.routerClients).toEqual([{ cidr: '10.0.0.0/16' }]);
});
