/** Targeted properties of the rendered workload, over every example x cloud where they apply. */
import { SpecValidationError } from '../../lib/spec/errors';
import { InferencePlan, PoolPlan, Taint } from '../../lib/plan/types';
import {
  HPA_MAX_STABILIZATION_SECONDS,
  helmReleasesFor,
  KubernetesObject,
  LITELLM_IMAGE,
  manifestFiles,
  PROMETHEUS_SERVER_ADDRESS,
  renderWorkload,
  ROUTER_REQUESTS_METRIC,
  UNBOUND_PREFIX,
  VLLM_ENGINES,
  WAITING_REQUESTS_METRIC,
} from '../../lib/k8s';
import { caseOf, cases, containers, find, ofKind, podSpec, specOf } from './support/fixtures';

const all = cases();
const named = <T extends { example: string; cloud: string }>(xs: T[]) => xs.map((c) => [`${c.example}/${c.cloud}`, c] as const);
const deployments = (r: { objects: readonly KubernetesObject[] }) => r.objects.filter((o) => o.kind === 'Deployment');
const poolCases = all.flatMap((c) => c.plan.pools.map((pool) => ({ ...c, pool, name: `${c.example}/${c.cloud}/${pool.name}` })));
const mutable = (plan: InferencePlan): InferencePlan => JSON.parse(JSON.stringify(plan));
type Tol = { key: string; operator: string; value?: string; effect: string };
const tolerates = (tols: Tol[], t: Taint) =>
  tols.some((x) => x.key === t.key && x.effect === t.effect && (x.operator === 'Exists' || x.value === t.value));

describe('accelerator pools land on their own nodes and request their accelerators', () => {
  test.each(poolCases.map((p) => [p.name, p] as const))('%s', (_n, p) => {
    const pod = podSpec(find(p.rendered, 'Deployment', p.pool.resourceName));
    // Every taint any of the pool's node groups carries (pool taint, cloud spot taint) is tolerated.
    for (const group of p.pool.nodeGroups) for (const t of group.taints) expect(tolerates(pod.tolerations, t)).toBe(true);
    expect(pod.nodeSelector).toEqual(expect.objectContaining(p.pool.nodeSelector));
    const resource = VLLM_ENGINES[p.pool.accelerator.kind].resource;
    const [c] = pod.containers;
    const devices = String(p.pool.accelerator.tpu ? p.pool.accelerator.tpu.chipsPerHost : p.pool.accelerator.count);
    expect(c.resources.requests[resource]).toBe(devices);
    expect(c.resources.limits[resource]).toBe(devices);
    // Only its own kind of accelerator.
    const others = Object.values(VLLM_ENGINES).map((e) => e.resource).filter((r) => r !== resource);
    for (const r of others) expect(c.resources.requests[r]).toBeUndefined();
  });

  test('a GPU pool on Azure spot tolerates the spot taint AKS adds', () => {
    const pod = podSpec(find(caseOf('support-assistant', 'azure').rendered, 'Deployment', 'support-assistant-chat-small'));
    expect(pod.tolerations).toContainEqual({ key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal', value: 'spot', effect: 'NoSchedule' });
    expect(pod.tolerations).toContainEqual({ key: 'inferstack.dev/pool', operator: 'Equal', value: 'chat-small', effect: 'NoSchedule' });
    expect(pod.tolerations).toContainEqual({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
  });

  test('a pool with an on-demand floor prefers on-demand nodes', () => {
    const pod = podSpec(find(caseOf('support-assistant', 'aws').rendered, 'Deployment', 'support-assistant-chat-small'));
    expect(pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions).toEqual([
      { key: 'karpenter.sh/capacity-type', operator: 'NotIn', values: ['spot'] },
    ]);
    const large = podSpec(find(caseOf('support-assistant', 'aws').rendered, 'Deployment', 'support-assistant-chat-large'));
    expect(large.affinity).toBeUndefined();
  });

  test('the TPU pool selects its topology and accelerator and requests the slice chips', () => {
    const { rendered } = caseOf('batch-embeddings', 'gcp');
    const pod = podSpec(find(rendered, 'Deployment', 'batch-embeddings-embedder'));
    expect(pod.nodeSelector).toEqual({
      'inferstack.dev/pool': 'embedder',
      'cloud.google.com/gke-tpu-accelerator': 'tpu-v5-lite-podslice',
      'cloud.google.com/gke-tpu-topology': '2x2',
    });
    expect(pod.containers[0].resources.requests['google.com/tpu']).toBe('4');
    expect(pod.tolerations).toContainEqual({ key: 'google.com/tpu', operator: 'Exists', effect: 'NoSchedule' });
  });

  test('CPU and memory come from the machine share minus node overhead', () => {
    // g6.xlarge: 4 vCPU, 16 GiB, one replica per node.
    const [c] = containers(find(caseOf('support-assistant', 'aws').rendered, 'Deployment', 'support-assistant-chat-small'));
    expect(c.resources.requests).toEqual(expect.objectContaining({ cpu: '3000m', memory: '12Gi' }));
    expect(c.resources.limits).toEqual(expect.objectContaining({ cpu: '3300m', memory: '12Gi' }));
  });

  test.each(poolCases.map((p) => [p.name, p] as const))('%s: requests fit the node share', (_n, p) => {
    const [c] = containers(find(p.rendered, 'Deployment', p.pool.resourceName));
    const cores = parseInt(c.resources.limits.cpu, 10) / 1000;
    const gib = parseFloat(c.resources.limits.memory);
    expect(cores).toBeLessThan(p.pool.machine.vcpus / p.pool.machine.replicasPerNode);
    expect(gib).toBeLessThan(p.pool.machine.memoryGiB / p.pool.machine.replicasPerNode);
    expect(parseInt(c.resources.requests.cpu, 10)).toBeLessThanOrEqual(parseInt(c.resources.limits.cpu, 10));
  });
});

describe('model servers', () => {
  const online = poolCases.filter((p) => p.pool.serve === 'online');

  test.each(online.map((p) => [p.name, p] as const))('%s: vLLM with TP = count, probes on /health, Service and PDB', (_n, p) => {
    const d = find(p.rendered, 'Deployment', p.pool.resourceName);
    const [c] = containers(d);
    expect(c.image).toBe(VLLM_ENGINES[p.pool.accelerator.kind].image);
    expect(c.command).toEqual(['vllm', 'serve']);
    expect(c.args[0]).toBe(p.pool.model);
    expect(c.args.join(' ')).toContain(`--served-model-name ${p.pool.name}`);
    expect(c.args.join(' ')).toContain(`--tensor-parallel-size ${p.pool.accelerator.count}`);
    for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) expect(probe.httpGet).toEqual({ path: '/health', port: 'http' });
    // Models take minutes to load: the startup probe allows at least ten.
    expect(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold).toBeGreaterThanOrEqual(600);
    expect(specOf(find(p.rendered, 'Service', p.pool.resourceName)).ports).toEqual([{ name: 'http', port: 8000, targetPort: 'http', protocol: 'TCP' }]);
    expect(specOf(find(p.rendered, 'PodDisruptionBudget', p.pool.resourceName))).toEqual(expect.objectContaining({ maxUnavailable: 1 }));
    // KEDA owns the replica count; re-applying must not reset it.
    expect(specOf(d).replicas).toBeUndefined();
  });

  test.each(online.map((p) => [p.name, p] as const))('%s: graceful shutdown fits the grace period', (_n, p) => {
    const pod = podSpec(find(p.rendered, 'Deployment', p.pool.resourceName));
    const [c] = pod.containers;
    const i = c.args.indexOf('--shutdown-timeout');
    const drain = i >= 0 ? Number(c.args[i + 1]) : 0;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(c.lifecycle.preStop.sleep.seconds + drain);
    expect(drain + c.lifecycle.preStop.sleep.seconds).toBeGreaterThanOrEqual(60);
  });

  test.each(online.map((p) => [p.name, p] as const))('%s: model cache volume and hub token from a Secret', (_n, p) => {
    const pod = podSpec(find(p.rendered, 'Deployment', p.pool.resourceName));
    const [c] = pod.containers;
    expect(pod.volumes).toContainEqual({ name: 'model-cache', emptyDir: { sizeLimit: expect.stringMatching(/^\d+Gi$/) } });
    expect(c.volumeMounts).toContainEqual({ name: 'model-cache', mountPath: '/models' });
    expect(c.env).toContainEqual({ name: 'HF_HOME', value: '/models/huggingface' });
    expect(c.env.find((e: { name: string }) => e.name === 'HF_TOKEN')).toEqual({
      name: 'HF_TOKEN',
      valueFrom: { secretKeyRef: { name: `${p.plan.name}-model-hub`, key: 'token', optional: true } },
    });
  });

  test('precision maps to vLLM flags and the context window to --max-model-len', () => {
    const { rendered } = caseOf('support-assistant', 'gcp');
    const small = containers(find(rendered, 'Deployment', 'support-assistant-chat-small'))[0].args.join(' ');
    const [large] = containers(find(rendered, 'Deployment', 'support-assistant-chat-large'));
    expect(small).toContain('--dtype bfloat16 --max-model-len 8192');
    // A quantized (int4 AWQ) checkpoint names its method itself: no --quantization or --dtype is forced.
    expect(large.args.join(' ')).toContain('--tensor-parallel-size 1 --max-model-len 32768');
    expect(large.args).not.toContain('--quantization');
    expect(large.args).not.toContain('--dtype');
    // The cache holds the int4 checkpoint: 70B parameters at half a byte, plus 15 % (38 GiB),
    // and the pod's disk adds /tmp (4 GiB) and a gibibyte for logs.
    expect(podSpec(find(rendered, 'Deployment', 'support-assistant-chat-large')).volumes).toContainEqual({ name: 'model-cache', emptyDir: { sizeLimit: '38Gi' } });
    expect(large.resources.requests['ephemeral-storage']).toBe('43Gi');
  });

  test('fp8 forces no flag either: vLLM reads the method from the checkpoint', () => {
    // A forced --quantization fp8 makes vLLM refuse compressed-tensors checkpoints, or quantize a
    // bf16 one only after loading it whole.
    const plan = mutable(caseOf('support-assistant', 'aws').plan);
    Object.assign(plan.pools[1], { precision: 'fp8' });
    const [large] = containers(find(renderWorkload(plan), 'Deployment', 'support-assistant-chat-large'));
    expect(large.args).not.toContain('--quantization');
    expect(large.args).not.toContain('--dtype');
    // The cache holds the fp8 checkpoint: 70B parameters at one byte, plus 15 % (75 GiB), plus /tmp and logs.
    expect(large.resources.requests['ephemeral-storage']).toBe('80Gi');
  });

  test('tensor parallelism follows the accelerator count', () => {
    const plan = mutable(caseOf('support-assistant', 'aws').plan);
    (plan.pools[1].accelerator as { count: number }).count = 4;
    const [c] = containers(find(renderWorkload(plan), 'Deployment', 'support-assistant-chat-large'));
    expect(c.args.join(' ')).toContain('--tensor-parallel-size 4');
    expect(c.resources.requests['nvidia.com/gpu']).toBe('4');
  });

  test('a vLLM pool on a TPU slice runs vllm-tpu with TP over the slice chips', () => {
    const plan = mutable(caseOf('batch-embeddings', 'gcp').plan);
    Object.assign(plan.pools[0], { serve: 'online', engine: 'vllm', image: undefined });
    const [c] = containers(find(renderWorkload(plan), 'Deployment', 'batch-embeddings-embedder'));
    expect(c.image).toBe(VLLM_ENGINES.tpu.image);
    expect(c.args.join(' ')).toContain('--tensor-parallel-size 4');
    expect(c.resources.limits['google.com/tpu']).toBe('4');
  });

  test('a vLLM pool on Inferentia runs the Neuron image with two NeuronCores per device and drains in preStop', () => {
    const plan = mutable(caseOf('batch-embeddings', 'aws').plan);
    Object.assign(plan.pools[0], { serve: 'online', engine: 'vllm', image: undefined });
    Object.assign(plan, { router: { resourceName: 'batch-embeddings-router', default: 'embedder', rules: [], fallbacks: {}, models: ['embedder'] } });
    const pod = podSpec(find(renderWorkload(plan), 'Deployment', 'batch-embeddings-embedder'));
    const [c] = pod.containers;
    expect(c.image).toBe(VLLM_ENGINES.neuron.image);
    expect(c.resources.requests['aws.amazon.com/neuron']).toBe('1');
    expect(c.args.join(' ')).toContain('--tensor-parallel-size 2');
    expect(c.args).not.toContain('--shutdown-timeout');
    expect(c.lifecycle.preStop.sleep.seconds).toBeGreaterThanOrEqual(60);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(c.lifecycle.preStop.sleep.seconds);
  });
});

describe('every container', () => {
  const everyContainer = all.flatMap((c) =>
    deployments(c.rendered).flatMap((d) => containers(d).map((k) => [`${c.example}/${c.cloud}/${d.metadata.name}/${k.name}`, k] as const)),
  );

  test.each(everyContainer)('%s has requests, limits and three probes', (_n, k) => {
    for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
      expect(k.resources.requests[r]).toEqual(expect.any(String));
      expect(k.resources.limits[r]).toEqual(expect.any(String));
    }
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(k[probe]).toEqual(expect.objectContaining({ httpGet: expect.any(Object) }));
  });

  test.each(everyContainer)('%s drops privileges and takes secrets only by reference', (_n, k) => {
    expect(k.securityContext).toEqual(expect.objectContaining({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } }));
    for (const e of k.env ?? []) if (/TOKEN|KEY|SECRET|PASSWORD/.test(e.name)) expect(e.value).toBeUndefined();
  });

  test('no image floats: every image is pinned, none is :latest', () => {
    const images = [...new Set(all.flatMap((c) => deployments(c.rendered).flatMap((d) => containers(d).map((k) => k.image as string))))];
    const pinned = [...Object.values(VLLM_ENGINES).map((e) => e.image), LITELLM_IMAGE.image];
    for (const image of [...images, ...pinned]) {
      expect(image).not.toMatch(/:latest$/);
      expect(image).toMatch(/(:v?\d[\w.-]*|@sha256:[0-9a-f]{64})$/);
    }
    expect(images).toEqual(expect.arrayContaining([VLLM_ENGINES.gpu.image, LITELLM_IMAGE.image]));
    for (const c of all) for (const r of c.rendered.helmReleases) expect(r.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('the router runs restricted: non-root, no privilege escalation, no capabilities', () => {
    const pod = podSpec(find(caseOf('support-assistant', 'azure').rendered, 'Deployment', 'support-assistant-router'));
    expect(pod.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true, fsGroup: 65534 });
    expect(pod.containers[0].securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534 }));
    expect(pod.automountServiceAccountToken).toBe(false);
  });
});

describe('autoscaling', () => {
  test.each(poolCases.map((p) => [p.name, p] as const))('%s: bounds and scale-down stabilisation come from the plan', (_n, p) => {
    const so = specOf(find(p.rendered, 'ScaledObject', p.pool.resourceName));
    expect(so.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: p.pool.resourceName });
    expect([so.minReplicaCount, so.maxReplicaCount]).toEqual([p.pool.replicas.min, p.pool.replicas.max]);
    expect(so.cooldownPeriod).toBe(p.pool.scaling.scaleDownDelaySeconds);
    expect(so.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds).toBe(
      Math.min(p.pool.scaling.scaleDownDelaySeconds, HPA_MAX_STABILIZATION_SECONDS),
    );
  });

  const queueCases = all.filter((c) => c.plan.pools.some((p) => p.serve === 'queue'));
  const expectedTrigger: Record<string, (pool: PoolPlan) => Record<string, unknown>> = {
    aws: (pool) => ({ type: 'aws-sqs-queue', metadata: expect.objectContaining({ queueLength: String(pool.scaling.target), activationQueueLength: '0', awsRegion: 'us-east-1' }) }),
    gcp: (pool) => ({
      type: 'prometheus',
      metadata: expect.objectContaining({
        serverAddress: 'https://monitoring.googleapis.com/v1/projects/acme-search/location/global/prometheus',
        query: expect.stringContaining('"subscription_id"="batch-embeddings-prod-requests"'),
        threshold: String(pool.scaling.target),
        activationThreshold: '0',
      }),
    }),
    azure: (pool) => ({ type: 'azure-servicebus', metadata: expect.objectContaining({ queueName: 'batch-embeddings-prod-requests', messageCount: String(pool.scaling.target), activationMessageCount: '0' }) }),
  };

  test.each(named(queueCases))('%s: the queue pool scales on its queue with workload identity and no secrets', (_n, c) => {
    const pool = c.plan.pools.find((p) => p.serve === 'queue')!;
    const [trigger] = specOf(find(c.rendered, 'ScaledObject', pool.resourceName)).triggers;
    expect(trigger).toEqual(expect.objectContaining({ ...expectedTrigger[c.cloud](pool), authenticationRef: { name: `${c.plan.name}-queue-scaler` } }));
    const wi = c.plan.capabilities.workloadIdentity;
    const auth = specOf(find(c.rendered, 'TriggerAuthentication', `${c.plan.name}-queue-scaler`));
    expect(Object.keys(auth)).toEqual(['podIdentity']);
    expect(auth.podIdentity.provider).toBe(wi.kedaPodIdentityProvider);
    // No keys anywhere: no Secret objects, no secret-backed trigger parameters.
    expect(ofKind(c.rendered, 'Secret')).toEqual([]);
    expect(JSON.stringify(trigger)).not.toMatch(/connection|credentials|secret|password/i);
    // The consumer and KEDA's operator carry the cloud's identity annotation.
    expect(find(c.rendered, 'ServiceAccount', `${c.plan.name}-queue-consumer`).metadata.annotations).toEqual({ [wi.serviceAccountAnnotation]: `${UNBOUND_PREFIX}identities.consumer` });
    // KEDA's operator carries it too: in the chart's values, or handed to the renderer where KEDA is an add-on.
    const keda = c.rendered.helmReleases.find((r) => r.chart === 'keda');
    const scalerAnnotations = { [wi.serviceAccountAnnotation]: `${UNBOUND_PREFIX}identities.scaler` };
    if (c.plan.capabilities.kedaAddon) {
      expect(keda).toBeUndefined();
      expect(c.rendered.kedaOperatorIdentity).toEqual(expect.objectContaining({ serviceAccountName: 'keda-operator', annotations: scalerAnnotations }));
    } else {
      expect(keda!.values).toEqual(expect.objectContaining({ serviceAccount: { operator: { name: 'keda-operator', annotations: scalerAnnotations } } }));
    }
    expect(specOf(find(c.rendered, 'Deployment', pool.resourceName)).template.metadata.labels).toEqual(expect.objectContaining(wi.podLabels));
  });

  test('queue consumers get the queue coordinates in their environment', () => {
    const env = (cloud: 'aws' | 'gcp' | 'azure') =>
      Object.fromEntries(containers(find(caseOf('batch-embeddings', cloud).rendered, 'Deployment', 'batch-embeddings-embedder'))[0].env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(env('aws')).toEqual(expect.objectContaining({ INFERSTACK_QUEUE_URL: `${UNBOUND_PREFIX}queue.queueUrl`, AWS_REGION: 'us-east-1', INFERSTACK_QUEUE_SERVICE: 'SQS' }));
    expect(env('gcp')).toEqual(expect.objectContaining({ INFERSTACK_QUEUE_SUBSCRIPTION: 'projects/acme-search/subscriptions/batch-embeddings-prod-requests', INFERSTACK_LEASE_EXTENSION_REQUIRED: 'true' }));
    expect(env('azure')).toEqual(expect.objectContaining({ INFERSTACK_QUEUE_NAMESPACE: `${UNBOUND_PREFIX}queue.namespace.servicebus.windows.net`, INFERSTACK_QUEUE_NAME: 'batch-embeddings-prod-requests' }));
  });

  const onlineCases = poolCases.filter((p) => p.pool.serve === 'online');
  test.each(onlineCases.map((p) => [p.name, p] as const))('%s: scales on waiting requests and wakes from zero on router requests', (_n, p) => {
    const triggers = specOf(find(p.rendered, 'ScaledObject', p.pool.resourceName)).triggers;
    const [waiting, router] = triggers;
    expect(waiting.metadata).toEqual(
      expect.objectContaining({
        serverAddress: PROMETHEUS_SERVER_ADDRESS,
        query: `sum(${WAITING_REQUESTS_METRIC}{namespace="${p.plan.namespace}",inferstack_pool="${p.pool.name}"})`,
        threshold: String(p.pool.scaling.target),
        ignoreNullValues: 'true',
      }),
    );
    // The server's metrics vanish at zero replicas; the router's counter does not.
    expect(router.metadata.query).toBe(`sum(rate(${ROUTER_REQUESTS_METRIC}{namespace="${p.plan.namespace}",pool="${p.pool.name}"}[2m]))`);
    expect(router.metadata.activationThreshold).toBe('0');
  });

  test('a pool at zero replicas can wake: min 0 with an activation trigger the pool itself does not feed', () => {
    const so = specOf(find(caseOf('support-assistant', 'aws').rendered, 'ScaledObject', 'support-assistant-chat-large'));
    expect(so.minReplicaCount).toBe(0);
    expect(so.triggers.map((t: { name: string }) => t.name)).toEqual(['waiting-requests', 'router-requests']);
    // Unmeasured throughput: the router trigger only holds one replica; waiting requests scale.
    expect(so.triggers[1].metadata.threshold).toBe('1000');
    // Measured throughput scales on request rate too.
    expect(specOf(find(caseOf('support-assistant', 'aws').rendered, 'ScaledObject', 'support-assistant-chat-small')).triggers[1].metadata.threshold).toBe('2');
  });

  test('the router scales on CPU between two and ten replicas', () => {
    const so = specOf(find(caseOf('minimal-aws', 'aws').rendered, 'ScaledObject', 'qwen-router'));
    expect([so.minReplicaCount, so.maxReplicaCount]).toEqual([2, 10]);
    expect(so.triggers).toEqual([{ type: 'cpu', name: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }]);
  });

  test('a long scale-down delay keeps HPA stabilisation within its one-hour limit', () => {
    const plan = mutable(caseOf('support-assistant', 'aws').plan);
    Object.assign(plan.pools[1].scaling, { scaleDownDelaySeconds: 7200 });
    const so = specOf(find(renderWorkload(plan), 'ScaledObject', 'support-assistant-chat-large'));
    expect(so.cooldownPeriod).toBe(7200);
    expect(so.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds).toBe(3600);
  });
});

describe('the router', () => {
  const routing = (example: string, cloud: 'aws' | 'gcp' | 'azure') => {
    const data = find(caseOf(example, cloud).rendered, 'ConfigMap', `${example === 'minimal-aws' ? 'qwen' : example}-router-config`).data as Record<string, string>;
    return { routingJson: JSON.parse(data['routing.json']), config: data['config.yaml'] };
  };

  test.each(['aws', 'gcp', 'azure'] as const)('%s: long prompts and the quality header go to the large model', (cloud) => {
    const { routingJson } = routing('support-assistant', cloud);
    expect(routingJson).toEqual({
      default: 'chat-small',
      pools: ['chat-small', 'chat-large'],
      rules: [
        { to: 'chat-large', minPromptTokens: 4000 },
        { to: 'chat-large', header: { name: 'x-quality', value: 'high' } },
      ],
    });
  });

  test('prompts beyond the small model context fall back to the large one, as do failures', () => {
    const { config } = routing('support-assistant', 'aws');
    expect(config).toContain('context_window_fallbacks:\n    - chat-small:\n        - chat-large');
    expect(config).toContain('fallbacks:\n    - chat-small:\n        - chat-large');
    expect(config).toContain('max_input_tokens: 8192');
  });

  test('one model group per online pool, each pointing at its Service', () => {
    const { config } = routing('support-assistant', 'gcp');
    expect(config).toContain('model_name: chat-small');
    expect(config).toContain('api_base: http://support-assistant-chat-small.support-assistant-prod.svc.cluster.local:8000/v1');
    expect(config).toContain('api_base: http://support-assistant-chat-large.support-assistant-prod.svc.cluster.local:8000/v1');
  });

  test('the master key comes from a Secret reference and the config rolls the pods', () => {
    const { rendered } = caseOf('support-assistant', 'aws');
    const d = find(rendered, 'Deployment', 'support-assistant-router');
    expect(containers(d)[0].env).toContainEqual({ name: 'LITELLM_MASTER_KEY', valueFrom: { secretKeyRef: { name: 'support-assistant-router', key: 'master-key' } } });
    expect(specOf(d).template.metadata.annotations['inferstack.dev/config-hash']).toMatch(/^[0-9a-f]{16}$/);
    expect(rendered.secrets).toContainEqual(expect.objectContaining({ name: 'support-assistant-router', key: 'master-key', required: true }));
    expect(specOf(find(rendered, 'PodDisruptionBudget', 'support-assistant-router'))).toEqual(expect.objectContaining({ minAvailable: 1 }));
  });

  test('a stack without online pools has no router', () => {
    const { rendered } = caseOf('batch-embeddings', 'aws');
    expect(ofKind(rendered, 'ConfigMap')).toEqual([]);
    expect(rendered.objects.some((o) => o.metadata.name.endsWith('-router'))).toBe(false);
  });
});

describe('bindings, options and errors', () => {
  test('bound values replace every placeholder', () => {
    const c = caseOf('batch-embeddings', 'aws');
    const r = renderWorkload(c.plan, {
      identities: { scaler: 'arn:aws:iam::111122223333:role/scaler', consumer: 'arn:aws:iam::111122223333:role/consumer' },
      queue: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/batch-embeddings-prod-requests' },
    });
    expect(r.unbound).toEqual([]);
    expect(JSON.stringify(r)).not.toContain(UNBOUND_PREFIX);
    expect(find(r, 'ServiceAccount', 'batch-embeddings-queue-consumer').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/consumer' });
    expect(specOf(find(r, 'ScaledObject', 'batch-embeddings-embedder')).triggers[0].metadata.queueURL).toBe('https://sqs.us-east-1.amazonaws.com/111122223333/batch-embeddings-prod-requests');
    expect(r.kedaOperatorIdentity).toEqual({ namespace: 'keda', serviceAccountName: 'keda-operator', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/scaler' }, podLabels: {} });
  });

  test('unbound renders list what is missing', () => {
    expect(caseOf('batch-embeddings', 'azure').rendered.unbound).toEqual(['identities.consumer', 'identities.scaler', 'queue.namespace']);
    expect(caseOf('support-assistant', 'aws').rendered.unbound).toEqual([]);
  });

  test('a misspelt queue binding is an error, not a silent placeholder', () => {
    expect(() => renderWorkload(caseOf('batch-embeddings', 'aws').plan, { queue: { queueURL: 'x' } })).toThrow(
      "bindings.queue has 'queueURL', which the aws-sqs-queue trigger does not use; expected queueUrl (SQS queue URL), region (AWS region of the queue)",
    );
  });

  test('with a KEDA add-on the chart is left out and the operator identity is returned for the add-on', () => {
    const c = caseOf('batch-embeddings', 'azure');
    const r = renderWorkload(c.plan, { identities: { scaler: 'client-id-1' } }, { installKeda: false });
    expect(r.helmReleases.map((h) => h.chart)).toEqual(['prometheus']);
    expect(r.kedaOperatorIdentity).toEqual({
      serviceAccountName: 'keda-operator',
      annotations: { 'azure.workload.identity/client-id': 'client-id-1' },
      podLabels: { 'azure.workload.identity/use': 'true' },
    });
    expect(specOf(find(r, 'TriggerAuthentication', 'batch-embeddings-queue-scaler')).podIdentity).toEqual({ provider: 'azure-workload', identityId: 'client-id-1' });
    // Unbound, the TriggerAuthentication still names the identity (as a placeholder): the add-on's
    // operator service account is not something to rely on for the default.
    expect(specOf(find(c.rendered, 'TriggerAuthentication', 'batch-embeddings-queue-scaler')).podIdentity).toEqual({
      provider: 'azure-workload',
      identityId: `${UNBOUND_PREFIX}identities.scaler`,
    });
    expect(helmReleasesFor(c.plan, { kedaAddon: true })).toEqual(r.helmReleases);
    expect(helmReleasesFor(c.plan, { kedaAddon: false }).map((h) => h.chart)).toEqual(['keda', 'prometheus']);
  });

  test('pools lib/k8s cannot run are reported with their spec paths', () => {
    const plan = mutable(caseOf('batch-embeddings', 'gcp').plan);
    Object.assign(plan.pools[0], { image: undefined });
    Object.assign(plan.pools[0].accelerator.tpu!, { topology: '4x4', hosts: 4 });
    let error: unknown;
    try {
      renderWorkload(plan);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecValidationError);
    expect((error as SpecValidationError).issues.map((i) => [i.rule, i.path])).toEqual([
      ['k8s-queue-consumer-image', ['models', 0, 'image']],
      ['k8s-tpu-multi-host', ['models', 0, 'accelerator', 'topology']],
    ]);
  });
});

describe('layout', () => {
  test.each(named(all))('%s: objects in apply order, each in exactly one manifest file', (_n, c) => {
    const order = ['Namespace', 'ServiceAccount', 'NetworkPolicy', 'ConfigMap', 'Deployment', 'Service', 'PodDisruptionBudget'];
    const ranks = c.rendered.objects.map((o) => order.indexOf(o.kind));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(c.rendered.crdObjects.every((o) => o.apiVersion === 'keda.sh/v1alpha1')).toBe(true);
    const files = manifestFiles(c.rendered);
    const docs = files.filter((f) => f.path !== 'helm-releases.yaml').flatMap((f) => f.content.split(/^---$/m));
    expect(docs).toHaveLength(c.rendered.objects.length + c.rendered.crdObjects.length);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['namespace.yaml', 'autoscaling.yaml', 'helm-releases.yaml']));
  });

  test.each(named(all))('%s: cost labels on every object, identity labels only on pods', (_n, c) => {
    for (const o of [...c.rendered.objects, ...c.rendered.crdObjects]) expect(o.metadata.labels).toEqual(expect.objectContaining(c.plan.labels));
    for (const d of deployments(c.rendered)) {
      const labels = specOf(d).template.metadata.labels;
      expect(labels).toEqual(
        expect.objectContaining({
          'inferstack-stack': c.plan.name,
          'inferstack-environment': c.plan.environment,
          'inferstack-deployment': `${c.plan.name}-${c.plan.environment}`,
          'app.kubernetes.io/component': expect.any(String),
        }),
      );
      // No free-form cost tag reaches a pod template (support-assistant: team, cost-center).
      for (const key of Object.keys(c.plan.labels).filter((k) => !k.startsWith('inferstack-'))) expect(labels).not.toHaveProperty(key);
    }
  });
});
