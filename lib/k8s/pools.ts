/**
 * Model pools as Deployments: online pools run the engine's server behind a Service; queue pools
 * run the user's consumer image with the queue's coordinates in its environment. Both land only
 * on their own nodes, request their accelerators and drain on scale-in.
 */
import type { Precision } from '../spec/types';
import { InferencePlan, PoolPlan } from '../plan/types';
import { Container, EnvVar, PodSpec, Volume } from './api';
import { KubernetesObject } from './types';
import {
  CONSUMER_HEALTH_PORT,
  MODEL_SERVER_PORT,
  poolLabels,
  poolPodLabels,
  SCRAPE_LABEL,
  SCRAPE_PATH_ANNOTATION,
  SCRAPE_PORT_ANNOTATION,
  selectorFor,
  WorkloadNames,
} from './meta';
import { BASE_SECURITY_CONTEXT, healthProbes, poolPlacement } from './pods';
import {
  devicesPerPod,
  engineFor,
  MAX_REQUEST_SECONDS,
  modelCacheGiB,
  POD_SCRATCH,
  poolResources,
  sharedMemoryGiB,
  shutdownTiming,
  startupBudgetSeconds,
} from './resources';

/** Where the model cache volume is mounted; HF_HOME and HOME point inside it. */
export const MODEL_CACHE_PATH = '/models';
/**
 * HOME of pool containers, inside the model cache: `~/.cache` (vLLM's compile cache, FlashInfer),
 * `~/.config` and `~/.triton` stay writable under a read-only root filesystem and count towards
 * the cache's size, which allows 15 % over the checkpoint for them.
 */
export const POOL_HOME = `${MODEL_CACHE_PATH}/home`;

/** Env var holding the API key model servers require: vLLM reads VLLM_API_KEY like --api-key (docs.vllm.ai serving/openai_compatible_server). */
export const VLLM_API_KEY_ENV = 'VLLM_API_KEY';
/** The same key for a custom online image, which should require `Authorization: Bearer <key>`. */
export const CUSTOM_API_KEY_ENV = 'INFERSTACK_API_KEY';

/**
 * vLLM flags per weight precision. Float formats set `--dtype`. Quantized formats (fp8, int8,
 * int4) pass nothing: vLLM reads the method from the checkpoint's `quantization_config`, so the
 * model must name a quantized checkpoint. Forcing `--quantization fp8` would break the usual FP8
 * checkpoints (llm-compressor writes `compressed-tensors`, and vLLM refuses a method that
 * contradicts the checkpoint), and on a bf16 checkpoint it quantizes only after loading the full
 * bf16 weights, twice the memory the plan's fit check allowed (docs.vllm.ai quantization/fp8).
 */
const PRECISION_ARGS: Readonly<Record<Precision, readonly string[]>> = {
  fp32: ['--dtype', 'float32'],
  bf16: ['--dtype', 'bfloat16'],
  fp16: ['--dtype', 'float16'],
  fp8: [],
  int8: [],
  int4: [],
};

/** Tensor-parallel degree: the pool's devices times the engine's ranks per device. */
export function tensorParallelSize(pool: PoolPlan): number {
  return devicesPerPod(pool) * engineFor(pool).ranksPerDevice;
}

/** The writable volumes of a pool pod: model cache, /tmp, and /dev/shm in memory. */
function poolVolumes(pool: PoolPlan): Volume[] {
  return [
    { name: 'model-cache', emptyDir: { sizeLimit: `${modelCacheGiB(pool)}Gi` } },
    { name: 'tmp', emptyDir: { sizeLimit: `${POD_SCRATCH.tmpGiB}Gi` } },
    { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: `${sharedMemoryGiB(pool)}Gi` } },
  ];
}

const POOL_MOUNTS = [
  { name: 'model-cache', mountPath: MODEL_CACHE_PATH },
  { name: 'tmp', mountPath: '/tmp' },
  { name: 'dshm', mountPath: '/dev/shm' },
];

/** The UID a pool's container runs as: the engine's for the pinned vLLM image, the image's own user for custom images. */
function poolRunAsUser(pool: PoolPlan): number | null {
  return pool.engine === 'vllm' ? engineFor(pool).runAsUser : null;
}

/** Environment every pool container shares: cache locations, the hub token, the engine's own. */
function poolEnv(pool: PoolPlan, names: WorkloadNames): EnvVar[] {
  const engine = engineFor(pool);
  return [
    { name: 'HOME', value: POOL_HOME },
    // Libraries that look the user up (getpass) find it here when the UID has no passwd entry.
    ...(poolRunAsUser(pool) !== null ? [{ name: 'USER', value: 'inferstack' }] : []),
    { name: 'HF_HOME', value: `${MODEL_CACHE_PATH}/huggingface` },
    // Optional: public models need no token; gated ones fail to download with a clear 401.
    { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: names.modelHubSecret, key: 'token', optional: true } } },
    ...Object.entries(engine.env).map(([name, value]) => ({ name, value })),
  ];
}

/** Pod security context of a pool pod: non-root with the volumes group-owned where the engine allows it. */
function poolPodSecurity(pool: PoolPlan): PodSpec['securityContext'] {
  const uid = poolRunAsUser(pool);
  return { seccompProfile: { type: 'RuntimeDefault' }, ...(uid !== null ? { runAsNonRoot: true as const, fsGroup: uid } : {}) };
}

function deployment(plan: InferencePlan, pool: PoolPlan, component: string, pod: PodSpec, podLabels: Record<string, string>, annotations: Record<string, string>, progressSeconds: number): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: pool.resourceName, namespace: plan.namespace, labels: poolLabels(plan, pool, component) },
    spec: {
      // No `replicas`: KEDA owns the count; re-applying the manifest must not reset it.
      revisionHistoryLimit: 3,
      progressDeadlineSeconds: progressSeconds,
      selector: { matchLabels: selectorFor(pool.resourceName) },
      // Accelerators are scarce: add one replica before removing one, never run short.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: podLabels, ...(Object.keys(annotations).length ? { annotations } : {}) },
        spec: pod,
      },
    },
  };
}

/** One replica may be evicted at a time (node drains, consolidation); unhealthy pods never block a drain. */
function disruptionBudget(plan: InferencePlan, pool: PoolPlan, component: string): KubernetesObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: pool.resourceName, namespace: plan.namespace, labels: poolLabels(plan, pool, component) },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorFor(pool.resourceName) }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  };
}

/**
 * What every pool container shares: sizing, probes on its health endpoint, the preStop drain, the
 * writable mounts and the security context (read-only root filesystem and non-root where the
 * accelerator's image allows it, see `EngineProfile`).
 */
function poolContainerRuntime(
  pool: PoolPlan,
  health: { readonly path: string; readonly port: string },
  preStopSeconds: number,
): Pick<Container, 'resources' | 'startupProbe' | 'readinessProbe' | 'livenessProbe' | 'lifecycle' | 'volumeMounts' | 'securityContext' | 'terminationMessagePolicy'> {
  const uid = poolRunAsUser(pool);
  return {
    resources: poolResources(pool),
    ...healthProbes(health.path, health.port, startupBudgetSeconds(pool)),
    lifecycle: { preStop: { sleep: { seconds: preStopSeconds } } },
    volumeMounts: POOL_MOUNTS,
    securityContext: {
      ...BASE_SECURITY_CONTEXT,
      readOnlyRootFilesystem: engineFor(pool).readOnlyRootFilesystem,
      ...(uid !== null ? { runAsNonRoot: true as const, runAsUser: uid, runAsGroup: uid } : {}),
    },
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
}

/** The container of an online pool: vLLM (pinned per accelerator kind) or the user's OpenAI-compatible image. */
function serverContainer(pool: PoolPlan, names: WorkloadNames): Container {
  const engine = engineFor(pool);
  const timing = shutdownTiming(engine);
  const vllm = pool.engine === 'vllm';
  const args = vllm
    ? [
        pool.model,
        '--served-model-name',
        pool.name,
        '--port',
        String(MODEL_SERVER_PORT),
        '--tensor-parallel-size',
        String(tensorParallelSize(pool)),
        ...PRECISION_ARGS[pool.precision],
        ...(pool.maxContextTokens ? ['--max-model-len', String(pool.maxContextTokens)] : []),
        // Added in vLLM 0.18.0: on SIGTERM stop accepting and let running requests finish.
        ...(engine.supportsShutdownTimeout ? ['--shutdown-timeout', String(timing.serverDrainSeconds)] : []),
      ]
    : undefined;
  return {
    name: vllm ? 'vllm' : 'server',
    image: pool.image ?? engine.image,
    imagePullPolicy: 'IfNotPresent',
    ...(vllm ? { command: ['vllm', 'serve'], args } : {}),
    ports: [{ name: 'http', containerPort: MODEL_SERVER_PORT, protocol: 'TCP' }],
    env: [
      ...poolEnv(pool, names),
      // Only the router holds this key; the server refuses /v1 requests without it.
      { name: vllm ? VLLM_API_KEY_ENV : CUSTOM_API_KEY_ENV, valueFrom: { secretKeyRef: { name: names.modelApiKeySecret, key: 'api-key' } } },
      { name: 'INFERSTACK_MODEL', value: pool.model },
      { name: 'INFERSTACK_SERVED_MODEL_NAME', value: pool.name },
      { name: 'INFERSTACK_TENSOR_PARALLEL_SIZE', value: String(tensorParallelSize(pool)) },
      { name: 'PORT', value: String(MODEL_SERVER_PORT) },
    ],
    ...poolContainerRuntime(pool, { path: '/health', port: 'http' }, timing.preStopSeconds),
  };
}

/** Deployment, Service and PodDisruptionBudget of an online pool. */
export function renderModelServer(plan: InferencePlan, pool: PoolPlan, names: WorkloadNames): KubernetesObject[] {
  const timing = shutdownTiming(engineFor(pool));
  const labels = { ...poolPodLabels(plan, pool, 'model-server'), [SCRAPE_LABEL]: 'true' };
  const pod: PodSpec = {
    serviceAccountName: names.modelServerAccount,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    terminationGracePeriodSeconds: timing.terminationGracePeriodSeconds,
    securityContext: poolPodSecurity(pool),
    ...poolPlacement(pool),
    containers: [serverContainer(pool, names)],
    volumes: poolVolumes(pool),
  };
  const annotations = { [SCRAPE_PORT_ANNOTATION]: String(MODEL_SERVER_PORT), [SCRAPE_PATH_ANNOTATION]: '/metrics' };
  const service: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: pool.resourceName, namespace: plan.namespace, labels: poolLabels(plan, pool, 'model-server') },
    spec: {
      type: 'ClusterIP',
      selector: selectorFor(pool.resourceName),
      ports: [{ name: 'http', port: MODEL_SERVER_PORT, targetPort: 'http', protocol: 'TCP' }],
    },
  };
  return [
    deployment(plan, pool, 'model-server', pod, labels, annotations, startupBudgetSeconds(pool) + 600),
    service,
    disruptionBudget(plan, pool, 'model-server'),
  ];
}

/** Seconds a consumer gets after SIGTERM to finish or release its message: the lease it holds, at most ten minutes. */
export function consumerDrainSeconds(plan: InferencePlan): number {
  return Math.min(plan.queue?.visibilityTimeoutSeconds ?? MAX_REQUEST_SECONDS, 600);
}

/** Deployment and PodDisruptionBudget of a queue pool, running the user's consumer image. */
export function renderQueueConsumer(plan: InferencePlan, pool: PoolPlan, names: WorkloadNames, queueEnv: readonly EnvVar[]): KubernetesObject[] {
  const queue = plan.queue!;
  const drain = consumerDrainSeconds(plan);
  const preStop = 5;
  const wi = plan.capabilities.workloadIdentity;
  const labels = { ...poolPodLabels(plan, pool, 'queue-consumer'), ...wi.podLabels };
  const container: Container = {
    name: 'consumer',
    image: pool.image!,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'health', containerPort: CONSUMER_HEALTH_PORT, protocol: 'TCP' }],
    env: [
      ...poolEnv(pool, names),
      { name: 'INFERSTACK_MODEL', value: pool.model },
      { name: 'INFERSTACK_POOL', value: pool.name },
      { name: 'INFERSTACK_TENSOR_PARALLEL_SIZE', value: String(tensorParallelSize(pool)) },
      { name: 'INFERSTACK_QUEUE_SERVICE', value: queue.service },
      ...queueEnv,
      { name: 'INFERSTACK_DEAD_LETTER_QUEUE', value: queue.deadLetterName },
      { name: 'INFERSTACK_VISIBILITY_TIMEOUT_SECONDS', value: String(queue.visibilityTimeoutSeconds) },
      { name: 'INFERSTACK_LEASE_EXTENSION_REQUIRED', value: String(queue.leaseExtensionRequired) },
      { name: 'INFERSTACK_MAX_DELIVERY_ATTEMPTS', value: String(queue.maxDeliveryAttempts) },
      { name: 'INFERSTACK_SHUTDOWN_SECONDS', value: String(drain) },
      { name: 'INFERSTACK_HEALTH_PORT', value: String(CONSUMER_HEALTH_PORT) },
    ],
    ...poolContainerRuntime(pool, { path: '/healthz', port: 'health' }, preStop),
  };
  const pod: PodSpec = {
    serviceAccountName: names.consumerAccount,
    enableServiceLinks: false,
    terminationGracePeriodSeconds: preStop + drain + 15,
    securityContext: poolPodSecurity(pool),
    ...poolPlacement(pool),
    containers: [container],
    volumes: poolVolumes(pool),
  };
  return [deployment(plan, pool, 'queue-consumer', pod, labels, {}, startupBudgetSeconds(pool) + 600), disruptionBudget(plan, pool, 'queue-consumer')];
}

