/**
 * The graph `inferstack synth --cloud gcp` writes (`DIR/gcp/resources.json`) for every example
 * and hidden-style spec: its snapshot, and what must hold for any spec: every resource under a
 * parent, no placeholder, cost labels on everything that takes labels, ids shaped like GCP's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphResource, ResourceGraph } from '../../lib/util/resource-graph';
import { OfflineRunError, runOffline } from '../../lib/pulumi/offline';
import { GCP_OFFLINE_MOCKS, GCP_PROGRAM } from '../../stacks/pulumi/gcp';
import { nodeCostLabels } from '../../lib/gcp/labels';

const graph = (g: ResourceGraph) => g.resources;
import { CONFIG_NAMESPACE } from '../../stacks/pulumi/program';
import * as pulumi from '@pulumi/pulumi';
import { graphOf, planOf } from './support/graph';
import { ALL_GCP_SPECS, gcpSpec } from './support/specs';

/**
 * The snapshot: GCP resources and components in full; Kubernetes objects by identity (type,
 * name, parent, provider, dependencies, kind/name/namespace, annotations). Their manifests are
 * lib/k8s's, snapshotted in test/k8s and checked equal to what is applied in test/pulumi.
 */
function snapshotOf(g: ResourceGraph): unknown {
  return {
    ...g,
    resources: g.resources.map((r) => {
      if (!r.type.startsWith('kubernetes:') || r.type === 'kubernetes:helm.sh/v3:Release') return r;
      const m = (r.inputs.metadata ?? {}) as Record<string, unknown>;
      return { ...r, inputs: { apiVersion: r.inputs.apiVersion, kind: r.inputs.kind, metadata: { name: m.name, namespace: m.namespace, annotations: m.annotations } } };
    }),
  };
}

describe.each(ALL_GCP_SPECS)('%s', (name) => {
  let graph: ResourceGraph;
  beforeAll(async () => {
    graph = await graphOf(name);
  });

  test('graph snapshot', () => {
    expect(snapshotOf(graph)).toMatchSnapshot();
  });

  test('one InferenceDeployment at the top; every other resource has a parent that is in the graph', () => {
    const names = new Set(graph.resources.map((r) => r.name));
    const top = graph.resources.filter((r) => r.parent === null);
    expect(top.map((r) => r.type)).toEqual(['inferstack:gcp:InferenceDeployment']);
    for (const r of graph.resources.filter((x) => x.parent !== null)) expect(names.has(r.parent!) ? r.parent : `${r.name} has missing parent ${r.parent}`).toBe(r.parent);
    // Components are typed inferstack:gcp:<Name> (or are the Pulumi providers they own).
    for (const r of graph.resources.filter((x) => x.id === null)) expect(r.type).toMatch(/^inferstack:gcp:[A-Z][A-Za-z]+$/);
  });

  test('no placeholder survives: every binding comes from a real output', () => {
    expect(JSON.stringify(graph)).not.toContain('inferstack-unbound');
  });

  test('ids are shaped like the ones GCP assigns', () => {
    const shapes: Record<string, RegExp> = {
      'gcp:container/cluster:Cluster': /^projects\/[a-z0-9-]+\/locations\/[a-z0-9-]+\/clusters\/[a-z0-9-]+$/,
      'gcp:container/nodePool:NodePool': /^projects\/[a-z0-9-]+\/locations\/[a-z0-9-]+\/clusters\/[a-z0-9-]+\/nodePools\/[a-z0-9-]+$/,
      'gcp:pubsub/topic:Topic': /^projects\/[a-z0-9-]+\/topics\/[a-z0-9-]+$/,
      'gcp:pubsub/subscription:Subscription': /^projects\/[a-z0-9-]+\/subscriptions\/[a-z0-9-]+$/,
      'gcp:serviceaccount/account:Account': /^projects\/[a-z0-9-]+\/serviceAccounts\/[a-z0-9-]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$/,
    };
    for (const r of graph.resources) if (shapes[r.type]) expect(r.id).toMatch(shapes[r.type]);
  });

  test('stack outputs: cluster, endpoint, secret kubeconfig, and the queue and router where the spec has them', () => {
    const plan = planOf(name);
    // The DNS-based endpoint: what kubectl and `pulumi up` reach from outside the VPC.
    expect(graph.outputs).toMatchObject({ clusterName: `${plan.name}-${plan.environment}`, clusterEndpoint: `gke-offline-${plan.name}-${plan.environment}.${plan.region}.gke.goog`, kubeconfig: '[secret]' });
    expect('queueTopicId' in graph.outputs! && 'subscriptionId' in graph.outputs!).toBe(!!plan.queue);
    expect('routerServiceAddress' in graph.outputs!).toBe(!!plan.router);
    if (plan.router) expect(graph.outputs!.routerServiceAddress).toBe(`http://${plan.router.resourceName}.${plan.namespace}.svc.cluster.local:4000`);
    expect(JSON.stringify(graph)).not.toContain('gke-gcloud-auth-plugin');
  });
});

/**
 * Which input properties of a GCP resource type carry labels, read from the installed
 * @pulumi/gcp declarations (its `<Class>Args` interface), so a resource type added later cannot
 * escape the check. Documented exceptions: a notification channel's `labels` are its settings
 * (the email address), its cost labels are `userLabels`; a node pool's labels live in
 * `nodeConfig.resourceLabels`; a cluster's `nodeConfig` configures its default pool, which is
 * removed.
 */
function labelFieldsOf(type: string): string[][] {
  const [, mod, file, cls] = /^gcp:([^/]+)\/([^:]+):(.+)$/.exec(type)!;
  const dir = join(__dirname, '..', '..', 'node_modules', '@pulumi', 'gcp', mod);
  // File names differ in case from the token (`iAMMember` is iammember.d.ts).
  const dts = readFileSync(join(dir, readdirSync(dir).find((f) => f.toLowerCase() === `${file}.d.ts`.toLowerCase())!), 'utf8');
  const args = new RegExp(`export interface ${cls}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1];
  if (args === undefined) throw new Error(`no ${cls}Args in @pulumi/gcp/${mod}/${file}.d.ts`);
  const props = [...args.matchAll(/^ {4}([a-zA-Z]+)\??:/gm)].map((m) => m[1]);
  const fields = props.filter((p) => ['labels', 'resourceLabels', 'userLabels'].includes(p) && !(type === 'gcp:monitoring/notificationChannel:NotificationChannel' && p === 'labels')).map((p) => [p]);
  if (type === 'gcp:container/nodePool:NodePool') fields.push(['nodeConfig', 'resourceLabels']);
  return fields;
}

const at = (r: GraphResource, path: string[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], r.inputs);

describe('cost labels', () => {
  test.each(ALL_GCP_SPECS)('%s: every resource that takes labels carries the plan\'s cost labels', async (name) => {
    const graph = await graphOf(name);
    const plan = planOf(name);
    const checked = new Set<string>();
    for (const r of graph.resources.filter((x) => x.type.startsWith('gcp:'))) {
      for (const path of labelFieldsOf(r.type)) {
        // Nodes carry the plan's node labels (plan.costAllocation: a label edit must not recreate them), everything else every cost label.
        const expected = r.type === 'gcp:container/nodePool:NodePool' ? nodeCostLabels(plan) : plan.tags;
        expect({ resource: r.name, path: path.join('.'), labels: at(r, path) }).toEqual({ resource: r.name, path: path.join('.'), labels: expect.objectContaining(expected) });
        checked.add(r.type);
      }
    }
    // The deployment's labellable kinds were all found (the check is not vacuous).
    for (const t of ['gcp:container/cluster:Cluster', 'gcp:container/nodePool:NodePool']) expect(checked.has(t)).toBe(true);
    if (plan.queue) for (const t of ['gcp:pubsub/topic:Topic', 'gcp:pubsub/subscription:Subscription']) expect(checked.has(t)).toBe(true);
    if (plan.budget?.notifyEmails.length) expect(checked.has('gcp:monitoring/notificationChannel:NotificationChannel')).toBe(true);
  });

  test.each(ALL_GCP_SPECS)("%s: node pools carry the stable node labels and their pool, not the free-form cost labels; the join label reaches them", async (name) => {
    const plan = planOf(name);
    expect(plan.costAllocation.nodeTagging).toBe('stable-node-tags');
    const pools = graph(await graphOf(name)).filter((r) => r.type === 'gcp:container/nodePool:NodePool');
    for (const np of pools) {
      const labels = (np.inputs.nodeConfig as { resourceLabels: Record<string, string> }).resourceLabels;
      expect(Object.keys(labels).filter((k) => k in plan.costAllocation.mappedTags)).toEqual([]);
      expect(labels[plan.costAllocation.joinTag.key]).toBe(plan.costAllocation.joinTag.value);
      const model = ((np.inputs.nodeConfig as { labels: Record<string, string> }).labels ?? {})['inferstack.dev/pool'];
      expect(labels['inferstack-pool']).toBe(model);
    }
  });

  test('labels are GCP-legal (normalised by the plan): lowercase keys and values, at most 63 characters', async () => {
    const plan = planOf('spot-floor');
    expect(plan.tags).toMatchObject({ team: 'ml-serving', cost_center: 'cc-42' });
    for (const [k, v] of Object.entries(plan.tags)) {
      expect(k).toMatch(/^[a-z][a-z0-9_-]{0,62}$/);
      expect(v).toMatch(/^[a-z0-9_-]{0,63}$/);
    }
  });
});

describe('offline run', () => {
  test('an invoke the mocks do not answer fails the run, naming it', async () => {
    const spec = gcpSpec('batch-embeddings');
    const plan = planOf('batch-embeddings');
    // getProject unanswered (getZones still answered, so the run fails for this one reason).
    const withoutInvokes = { ...GCP_OFFLINE_MOCKS, invokes: { 'gcp:compute/getZones:getZones': GCP_OFFLINE_MOCKS.invokes!['gcp:compute/getZones:getZones'] } };
    await expect(
      runOffline(() => GCP_PROGRAM.deploy(spec, plan, new pulumi.Config(CONFIG_NAMESPACE)), {
        cloud: 'gcp',
        mocks: withoutInvokes,
        config: { 'inferstack:cloud': 'gcp', 'inferstack:billingAccount': '000000-000000-000000' },
      }),
    ).rejects.toThrow(/gcp:organizations\/getProject:getProject, which has no offline result/);
  });

  test('the same spec gives the same graph', async () => {
    const spec = gcpSpec('support-assistant');
    const again = await runOffline(() => GCP_PROGRAM.deploy(spec, planOf('support-assistant'), new pulumi.Config(CONFIG_NAMESPACE)), {
      cloud: 'gcp',
      stack: 'support-assistant-prod',
      mocks: GCP_OFFLINE_MOCKS,
      config: { 'inferstack:cloud': 'gcp', 'inferstack:billingAccount': '000000-000000-000000' },
    });
    expect(again).toEqual(await graphOf('support-assistant'));
  });

  test('a spec with a budget and no inferstack:billingAccount fails before anything is created, naming the config key', async () => {
    const spec = gcpSpec('support-assistant');
    const run = runOffline(() => GCP_PROGRAM.deploy(spec, planOf('support-assistant'), new pulumi.Config(CONFIG_NAMESPACE)), { cloud: 'gcp', mocks: GCP_OFFLINE_MOCKS });
    await expect(run).rejects.toThrow(OfflineRunError);
    await expect(run).rejects.toThrow(/args\.billingAccount: is required because the spec has a budget \(config inferstack:billingAccount/);
  });
});
