/**
 * The Kubernetes workload applied through Pulumi: one resource per object with its full manifest,
 * bindings filled from Outputs, and an order that works on a fresh cluster.
 */
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { applyWorkload, renderPulumiWorkload, SKIP_AWAIT_ANNOTATION } from '../../lib/pulumi/kubernetes';
import { runOffline } from '../../lib/pulumi/offline';
import { ResourceGraph } from '../../lib/util/resource-graph';
import { caseOf } from '../k8s/support/fixtures';

class Holder extends pulumi.ComponentResource {
  constructor(name: string) {
    super('inferstack:test:Workload', name, {}, {});
  }
}

/** Apply one example's workload with every unbound key bound to an Output of a fake resource. */
function graphOf(example: string, cloud: 'gcp' | 'azure', extraQueue: Record<string, string> = {}, awaitReadiness?: boolean): Promise<ResourceGraph> {
  const c = caseOf(example, cloud);
  return runOffline(() => {
    const holder = new Holder('w');
    const provider = new k8s.Provider('w-k8s', { kubeconfig: pulumi.secret('kubeconfig') }, { parent: holder });
    const identity = (key: string) => pulumi.output(`bound-${key}`);
    const identities = Object.fromEntries(c.rendered.unbound.filter((k) => k.startsWith('identities.')).map((k) => [k.split('.')[1], identity(k)]));
    const queue = {
      ...Object.fromEntries(c.rendered.unbound.filter((k) => k.startsWith('queue.')).map((k) => [k.split('.')[1], identity(k)])),
      ...Object.fromEntries(Object.entries(extraQueue).map(([k, v]) => [k, pulumi.output(v)])),
    };
    const workload = renderPulumiWorkload(c.plan, { identities, queue });
    applyWorkload(workload, { parent: holder, provider, prefix: 'w', awaitReadiness });
  }, { cloud });
}

describe('applyWorkload', () => {
  test('every rendered object is its own resource with its full manifest, under the component and the provider', async () => {
    const c = caseOf('support-assistant', 'gcp');
    const graph = await graphOf('support-assistant', 'gcp');
    const applied = graph.resources.filter((r) => r.type.startsWith('kubernetes:') && r.type !== 'kubernetes:helm.sh/v3:Release');
    expect(applied).toHaveLength(c.rendered.objects.length + c.rendered.crdObjects.length);
    for (const r of applied) {
      expect(r.parent).toBe('w');
      expect(r.provider).toBe('w-k8s');
    }
    const deployment = c.rendered.objects.find((o) => o.kind === 'Deployment')!;
    const recorded = applied.find((r) => r.type === 'kubernetes:apps/v1:Deployment' && (r.inputs.metadata as any).name === deployment.metadata.name)!;
    // The manifest as lib/k8s rendered it, plus the annotation that keeps `pulumi up` from waiting on accelerator capacity.
    const expected = JSON.parse(JSON.stringify(deployment));
    expected.metadata.annotations = { ...expected.metadata.annotations, [SKIP_AWAIT_ANNOTATION]: 'true' };
    expect(recorded.inputs).toEqual(expected);
    const scaled = applied.filter((r) => r.type === 'kubernetes:keda.sh/v1alpha1:ScaledObject');
    expect(scaled).toHaveLength(c.rendered.crdObjects.filter((o) => o.kind === 'ScaledObject').length);
  });

  test('bindings arrive as resolved values; no placeholder survives', async () => {
    const graph = await graphOf('batch-embeddings', 'gcp', { subscriptionName: 'bound-sub' });
    const text = JSON.stringify(graph);
    expect(text).not.toContain('inferstack-unbound');
    expect(text).toContain('bound-identities.consumer');
    expect(text).toContain('subscriptions/bound-sub');
    expect(text).toContain('\\"subscription_id\\"=\\"bound-sub\\"');
  });

  test('the namespace comes first, charts after the plain objects, CRD objects after every chart', async () => {
    const graph = await graphOf('batch-embeddings', 'azure');
    const byName = Object.fromEntries(graph.resources.map((r) => [r.name, r]));
    const ns = graph.resources.find((r) => r.type === 'kubernetes:core/v1:Namespace')!;
    const releases = graph.resources.filter((r) => r.type === 'kubernetes:helm.sh/v3:Release');
    const crds = graph.resources.filter((r) => r.type.startsWith('kubernetes:keda.sh/'));
    expect(releases.length).toBeGreaterThan(0);
    expect(crds.length).toBeGreaterThan(0);
    for (const r of graph.resources.filter((x) => x.type.startsWith('kubernetes:') && x !== ns)) expect(r.dependsOn).toContain(ns.name);
    for (const r of crds) for (const rel of releases) expect(r.dependsOn).toContain(rel.name);
    const helm = byName['w-helm-prometheus'];
    expect(helm.inputs).toMatchObject({ chart: 'prometheus', repositoryOpts: { repo: 'https://prometheus-community.github.io/helm-charts' }, atomic: true });
  });

  test('Deployments and Services skip the readiness wait unless asked to wait; other kinds are never annotated', async () => {
    const annotated = (g: ResourceGraph) =>
      g.resources.filter((r) => ((r.inputs.metadata as any)?.annotations ?? {})[SKIP_AWAIT_ANNOTATION] === 'true').map((r) => r.type);
    const skipping = await graphOf('support-assistant', 'gcp');
    expect(new Set(annotated(skipping))).toEqual(new Set(['kubernetes:apps/v1:Deployment', 'kubernetes:core/v1:Service']));
    const kinds = skipping.resources.filter((r) => r.type === 'kubernetes:apps/v1:Deployment' || r.type === 'kubernetes:core/v1:Service');
    expect(annotated(skipping)).toHaveLength(kinds.length);
    expect(annotated(await graphOf('support-assistant', 'gcp', {}, true))).toEqual([]);
  });
});
