/**
 * Security posture of the rendered workload, over every example x cloud: default-deny ingress and
 * the few allowed paths, the model servers' API key that only the router holds, read-only root
 * filesystems, non-root where the image allows it, disk requests and limits; and that tag and
 * budget edits leave every pod template as it was (no rolling restart of a model server).
 */
import { join } from 'node:path';
import { CloudId } from '../../lib/catalog/types';
import { KubernetesObject, litellmConfig, renderWorkload, VLLM_ENGINES } from '../../lib/k8s';
import { loadSpecFile } from '../../lib/load';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferenceSpec } from '../../lib/spec/schema';
import { defineSpec } from '../../lib';
import { caseOf, cases, containers, EXAMPLES_DIR, find, ofKind, podSpec, schemaFailures, specOf } from './support/fixtures';

const all = cases();
const named = <T extends { example: string; cloud: string }>(xs: T[]) => xs.map((c) => [`${c.example}/${c.cloud}`, c] as const);
const deployments = (objects: readonly KubernetesObject[]) => objects.filter((o) => o.kind === 'Deployment');
const PROMETHEUS = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/component': 'server', 'app.kubernetes.io/instance': 'prometheus' } },
};
const envOf = (k: any, name: string) => (k.env as any[]).find((e) => e.name === name);

describe('NetworkPolicies: default deny, then only the paths the workload uses', () => {
  test.each(named(all))('%s: every ingress is denied unless a policy below allows it', (_n, c) => {
    const deny = find(c.rendered, 'NetworkPolicy', `${c.plan.name}-default-deny`);
    expect(deny.metadata.namespace).toBe(c.plan.namespace);
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  test.each(named(all.filter((c) => c.plan.router)))('%s: model servers accept the router and Prometheus on 8000, nothing else', (_n, c) => {
    const policy = specOf(find(c.rendered, 'NetworkPolicy', `${c.plan.name}-model-servers`));
    expect(policy.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { 'inferstack.dev/workload': c.plan.router!.resourceName } } }], ports: [{ protocol: 'TCP', port: 8000 }] },
      { from: [PROMETHEUS], ports: [{ protocol: 'TCP', port: 8000 }] },
    ]);
    // The policy selects exactly the model-server pods, and the router pod carries the label it admits.
    for (const d of deployments(c.rendered.objects)) {
      const labels = specOf(d).template.metadata.labels;
      const selected = Object.entries(policy.podSelector.matchLabels).every(([k, v]) => labels[k] === v);
      expect(selected).toBe(labels['app.kubernetes.io/component'] === 'model-server');
    }
    expect(specOf(find(c.rendered, 'Deployment', c.plan.router!.resourceName)).template.metadata.labels['inferstack.dev/workload']).toBe(c.plan.router!.resourceName);
  });

  test.each(named(all.filter((c) => c.plan.router)))('%s: the router accepts every namespace by default (it asks for the master key) and Prometheus', (_n, c) => {
    const policy = specOf(find(c.rendered, 'NetworkPolicy', c.plan.router!.resourceName));
    expect(policy.podSelector).toEqual({ matchLabels: { 'inferstack.dev/workload': c.plan.router!.resourceName } });
    expect(policy.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: {} } }], ports: [{ protocol: 'TCP', port: 4000 }] },
      { from: [PROMETHEUS], ports: [{ protocol: 'TCP', port: 4000 }] },
    ]);
  });

  test.each(named(all.filter((c) => !c.plan.router)))('%s: queue consumers get no ingress at all (kubelet probes come from the node)', (_n, c) => {
    expect(ofKind(c.rendered, 'NetworkPolicy').map((p) => p.metadata.name)).toEqual([`${c.plan.name}-default-deny`]);
  });

  test('network.routerClients narrows the router to namespaces, pods and IP ranges', () => {
    const spec = defineSpec({
      ...(loadSpecFile(join(EXAMPLES_DIR, 'support-assistant.yaml')) as any),
      network: {
        routerClients: [
          { namespaceLabels: { 'kubernetes.io/metadata.name': 'web' }, podLabels: { app: 'api' } },
          { podLabels: { app: 'batch-client' } },
          { cidr: '10.20.0.0/16' },
        ],
      },
    });
    const rendered = renderWorkload(resolvePlan(spec, 'aws'));
    const policy = specOf(find(rendered, 'NetworkPolicy', 'support-assistant-router'));
    expect(policy.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } }, podSelector: { matchLabels: { app: 'api' } } },
      { podSelector: { matchLabels: { app: 'batch-client' } } },
      { ipBlock: { cidr: '10.20.0.0/16' } },
    ]);
    expect(schemaFailures(ofKind(rendered, 'NetworkPolicy'))).toEqual([]);
  });
});

describe('the model servers require an API key that only the router holds', () => {
  const online = all.filter((c) => c.plan.router);

  test.each(named(online))('%s', (_n, c) => {
    const secret = `${c.plan.name}-model-api-key`;
    expect(c.rendered.secrets).toContainEqual(expect.objectContaining({ name: secret, key: 'api-key', required: true }));
    for (const pool of c.plan.pools.filter((p) => p.serve === 'online')) {
      const [server] = containers(find(c.rendered, 'Deployment', pool.resourceName));
      expect(envOf(server, 'VLLM_API_KEY')).toEqual({ name: 'VLLM_API_KEY', valueFrom: { secretKeyRef: { name: secret, key: 'api-key' } } });
    }
    const [router] = containers(find(c.rendered, 'Deployment', c.plan.router!.resourceName));
    expect(envOf(router, 'INFERSTACK_MODEL_API_KEY')).toEqual({ name: 'INFERSTACK_MODEL_API_KEY', valueFrom: { secretKeyRef: { name: secret, key: 'api-key' } } });
    const models = (litellmConfig(c.plan).model_list as any[]).map((m) => m.litellm_params.api_key);
    expect(models).toEqual(models.map(() => 'os.environ/INFERSTACK_MODEL_API_KEY'));
    // Nobody else is handed the key: no other container references that Secret.
    const holders = deployments(c.rendered.objects)
      .filter((d) => containers(d).some((k: any) => (k.env ?? []).some((e: any) => e.valueFrom?.secretKeyRef?.name === secret)))
      .map((d) => specOf(d).template.metadata.labels['app.kubernetes.io/component']);
    expect(new Set(holders)).toEqual(new Set(['model-server', 'router']));
  });

  test('a custom online image gets the key as INFERSTACK_API_KEY', () => {
    const plan = JSON.parse(JSON.stringify(caseOf('support-assistant', 'aws').plan));
    Object.assign(plan.pools[0], { engine: 'custom', image: 'registry.example.com/server:1.0.0' });
    const [server] = containers(find(renderWorkload(plan), 'Deployment', 'support-assistant-chat-small'));
    expect(envOf(server, 'INFERSTACK_API_KEY').valueFrom.secretKeyRef).toEqual({ name: 'support-assistant-model-api-key', key: 'api-key' });
    expect(envOf(server, 'VLLM_API_KEY')).toBeUndefined();
  });
});

describe('containers: read-only root filesystems, non-root where the image allows it, disk bounded', () => {
  const poolPods = all.flatMap((c) => c.plan.pools.map((pool) => [`${c.example}/${c.cloud}/${pool.name}`, c, pool] as const));

  test.each(poolPods)('%s: writes only to its sized volumes', (_n, c, pool) => {
    const pod = podSpec(find(c.rendered, 'Deployment', pool.resourceName));
    const [k] = pod.containers;
    const engine = VLLM_ENGINES[pool.accelerator.kind];
    expect(k.securityContext.readOnlyRootFilesystem).toBe(engine.readOnlyRootFilesystem);
    expect(k.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/models', '/tmp', '/dev/shm']);
    // HOME (and with it ~/.cache, ~/.config, ~/.triton) lives in the model cache.
    expect(envOf(k, 'HOME').value).toBe('/models/home');
    // Disk request = limit, and it covers every disk-backed emptyDir.
    const gi = (q: string) => Number(q.replace(/Gi$/, ''));
    const disk = pod.volumes.filter((v: any) => v.emptyDir && v.emptyDir.medium !== 'Memory').reduce((s: number, v: any) => s + gi(v.emptyDir.sizeLimit), 0);
    expect(k.resources.limits['ephemeral-storage']).toBe(k.resources.requests['ephemeral-storage']);
    expect(gi(k.resources.limits['ephemeral-storage'])).toBeGreaterThan(disk);
  });

  test.each(poolPods.filter(([, , p]) => p.engine === 'vllm'))('%s: vLLM runs non-root where the accelerator allows it', (_n, c, pool) => {
    const pod = podSpec(find(c.rendered, 'Deployment', pool.resourceName));
    const uid = VLLM_ENGINES[pool.accelerator.kind].runAsUser;
    if (uid === null) {
      expect(pod.containers[0].securityContext.runAsNonRoot).toBeUndefined();
      expect(pod.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    } else {
      expect(pod.containers[0].securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, runAsUser: uid, runAsGroup: uid }));
      expect(pod.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true, fsGroup: uid });
      expect(envOf(pod.containers[0], 'USER').value).toBe('inferstack');
    }
  });

  test('GPU vLLM runs as UID 2000 on a read-only root; the Neuron image keeps its user and a writable root', () => {
    expect([VLLM_ENGINES.gpu.runAsUser, VLLM_ENGINES.gpu.readOnlyRootFilesystem]).toEqual([2000, true]);
    expect([VLLM_ENGINES.neuron.runAsUser, VLLM_ENGINES.neuron.readOnlyRootFilesystem]).toEqual([null, false]);
    // Neuron compiles into the sized cache instead of /var/tmp.
    const [k] = containers(find(caseOf('batch-embeddings', 'aws').rendered, 'Deployment', 'batch-embeddings-embedder'));
    expect(envOf(k, 'NEURON_COMPILE_CACHE_URL').value).toBe('/models/neuron-compile-cache');
  });

  test.each(named(all.filter((c) => c.plan.router)))('%s: the router is read-only and non-root, with a bounded /tmp', (_n, c) => {
    const pod = podSpec(find(c.rendered, 'Deployment', c.plan.router!.resourceName));
    const [k] = pod.containers;
    expect(k.securityContext).toEqual(expect.objectContaining({ readOnlyRootFilesystem: true, runAsNonRoot: true }));
    expect(k.resources.requests['ephemeral-storage']).toBe('2Gi');
    expect(k.resources.limits['ephemeral-storage']).toBe('2Gi');
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } });
  });

  test.each(named(all))('%s: no service-account token where nothing calls the Kubernetes API', (_n, c) => {
    for (const d of deployments(c.rendered.objects)) {
      const component = specOf(d).template.metadata.labels['app.kubernetes.io/component'];
      // Queue consumers keep it: the cloud identity (IRSA, Entra Workload ID) rides on the service account.
      if (component !== 'queue-consumer') expect(podSpec(d).automountServiceAccountToken).toBe(false);
    }
    for (const sa of ofKind(c.rendered, 'ServiceAccount')) {
      if (!sa.metadata.name.endsWith('-queue-consumer')) expect((sa as any).automountServiceAccountToken).toBe(false);
    }
  });

  test.each(named(all))('%s: Prometheus and its reloader run read-only with disk bounded', (_n, c) => {
    const values = c.rendered.helmReleases.find((r) => r.chart === 'prometheus')!.values as any;
    for (const sc of [values.server.containerSecurityContext, values.configmapReload.prometheus.containerSecurityContext]) {
      expect(sc).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
    }
    for (const r of [values.server.resources, values.configmapReload.prometheus.resources]) {
      expect(r.requests['ephemeral-storage']).toEqual(r.limits['ephemeral-storage']);
    }
  });
});

/** Every Deployment's pod template, by name. */
function podTemplates(spec: InferenceSpec, cloud: CloudId): Record<string, unknown> {
  const rendered = renderWorkload(resolvePlan(spec, cloud));
  return Object.fromEntries(deployments(rendered.objects).map((d) => [d.metadata.name, specOf(d).template]));
}

describe('tag and budget edits restart no model server: pod templates stay the same', () => {
  const examples = [...new Set(all.map((c) => c.example))];
  const edits: [string, (s: any) => void][] = [
    ['a tag value', (s) => (s.tags = { ...s.tags, team: 'another-team' })],
    ['a new tag', (s) => (s.tags = { ...s.tags, 'cost-center': 'cc-9999', project: 'p-42' })],
    ['the budget limit and alerts', (s) => (s.budget = { monthlyUsd: 123456, alertThresholdsPercent: [25, 90], forecastAlert: false, notifyEmails: ['x@example.com'], onExceed: 'warn' })],
  ];
  const rows = examples.flatMap((example) => edits.map(([what, edit]) => [example, what, edit] as const));

  test.each(rows)('%s: %s', (example, _what, edit) => {
    const base = loadSpecFile(join(EXAMPLES_DIR, `${example}.yaml`));
    const edited = defineSpec((() => {
      const s = JSON.parse(JSON.stringify(base));
      edit(s);
      return s;
    })());
    for (const cloud of (['aws', 'gcp', 'azure'] as const).filter((c) => base.targets[c])) {
      expect({ cloud, templates: podTemplates(edited, cloud) }).toEqual({ cloud, templates: podTemplates(base, cloud) });
    }
  });

  test('the tags still reach the namespace and the objects metadata', () => {
    const base = loadSpecFile(join(EXAMPLES_DIR, 'support-assistant.yaml'));
    const rendered = renderWorkload(resolvePlan(defineSpec({ ...(base as any), tags: { ...base.tags, team: 'another-team' } }), 'aws'));
    expect(find(rendered, 'Namespace', 'support-assistant-prod').metadata.labels).toEqual(expect.objectContaining({ team: 'another-team' }));
    expect(find(rendered, 'Deployment', 'support-assistant-chat-small').metadata.labels).toEqual(expect.objectContaining({ team: 'another-team' }));
  });
});
