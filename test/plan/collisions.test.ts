/**
 * Object collisions (issue 12, defect 1): whatever inferstack renders, a model's name can never
 * make two objects of one kind share a name. The test takes every name inferstack gives its own
 * objects (so objects added later are covered without editing it), names a model after it, and
 * requires the validator to refuse that model or the render to stay collision-free.
 */
import { CLOUDS } from '../../lib/catalog';
import { KubernetesObject, renderWorkload } from '../../lib/k8s';
import { checkSpec } from '../../lib/load';
import { resolvePlan } from '../../lib/plan/resolve';
import { baseSpec, specWith } from '../support/specs';

const objects = (spec: NonNullable<ReturnType<typeof checkSpec>['spec']>, cloud: (typeof CLOUDS)[number]): KubernetesObject[] => {
  const w = renderWorkload(resolvePlan(spec, cloud));
  return [...w.objects, ...w.crdObjects];
};
const key = (o: KubernetesObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

describe("a model named after one of inferstack's own objects", () => {
  const base = checkSpec(baseSpec()).spec!;
  const stack = base.metadata.name;
  const modelNames = new Set(base.models.map((m) => m.name));
  // Every `<stack>-<suffix>` name inferstack renders, on every cloud, that is not a model's own.
  const suffixes = [
    ...new Set(
      CLOUDS.flatMap((c) => objects(base, c))
        .map((o) => o.metadata.name)
        .filter((n) => n.startsWith(`${stack}-`))
        .map((n) => n.slice(stack.length + 1))
        .filter((s) => !modelNames.has(s) && /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/.test(s)),
    ),
  ].sort();

  it('covers the router and the workload objects', () => {
    expect(suffixes).toEqual(expect.arrayContaining(['router', 'router-config', 'model-server', 'queue-consumer', 'queue-scaler']));
  });

  it.each(suffixes)("'%s' is refused, or renders without two objects of one name", (suffix) => {
    const r = checkSpec(specWith((s) => { s.models[2].name = suffix; }));
    if (!r.spec) {
      expect(r.issues.map((i) => i.rule)).toContain('names-unique');
      return;
    }
    for (const cloud of CLOUDS) {
      const keys = objects(r.spec, cloud).map(key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it("refuses 'router' for an online model too, with the rename to use (the reported case)", () => {
    const r = checkSpec(specWith((s) => { s.models[1].name = 'router'; s.routing.rules[0].to = 'router'; s.routing.fallbacks = { small: ['router'] }; }));
    expect(r.issues.map((i) => i.message)).toEqual([
      "'router' would name the model's objects 'demo-router', which is the router's Deployment, Service and ServiceAccount; rename the model, e.g. 'router-model'",
    ]);
  });
});

describe('names that collide only after shortening or normalisation', () => {
  it('AKS agent pools of chat-small and chatsmall stay apart (they used to both be chatsmallod)', () => {
    const r = checkSpec(specWith((s) => { s.models[0].name = 'chat-small'; s.models[1].name = 'chatsmall'; s.routing = { default: 'chat-small' }; }));
    expect(r.issues).toEqual([]);
    const names = resolvePlan(r.spec!, 'azure').pools.flatMap((p) => p.nodeGroups.map((g) => g.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it('two long model names sharing their first 30 characters get different pool names on every cloud', () => {
    const long = 'a'.repeat(30);
    const r = checkSpec(specWith((s) => { s.metadata.name = 's'.repeat(40); s.models[0].name = `${long}-one`; s.models[1].name = `${long}-two`; s.routing = { default: `${long}-one` }; }));
    expect(r.issues).toEqual([]);
    for (const cloud of CLOUDS) {
      const names = resolvePlan(r.spec!, cloud).pools.flatMap((p) => [p.resourceName, p.clusterScopedName, ...p.nodeGroups.map((g) => g.name)]);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
