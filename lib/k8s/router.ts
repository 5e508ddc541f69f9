/**
 * The router: a LiteLLM proxy on CPU nodes in front of the online pools. Its config is generated
 * from `plan.router`: one model group per online pool pointing at the pool's Service, the
 * prompt-length and header rules (applied by the hook in router-hook.ts), fallbacks, and
 * context-window fallbacks to models with a longer context.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { InferencePlan, RouterPlan } from '../plan/types';
import { Container, PodSpec } from './api';
import { KubernetesObject } from './types';
import { LITELLM_IMAGE, LITELLM_RUN_AS } from './pinned';
import {
  labelsFor,
  MODEL_SERVER_PORT,
  podLabelsFor,
  ROUTER_PORT,
  SCRAPE_LABEL,
  SCRAPE_PATH_ANNOTATION,
  SCRAPE_PORT_ANNOTATION,
  selectorFor,
  serviceHost,
  WorkloadNames,
} from './meta';
import { BASE_SECURITY_CONTEXT, httpProbe } from './pods';
import { MAX_REQUEST_SECONDS } from './resources';
import { ROUTER_HOOK_MODULE, ROUTER_HOOK_SOURCE } from './router-hook';

/** Where the ConfigMap is mounted in the router. */
export const ROUTER_CONFIG_DIR = '/etc/litellm';

/** Env var of the router holding the model servers' API key (LiteLLM reads `os.environ/<name>` values from the environment). */
export const ROUTER_UPSTREAM_KEY_ENV = 'INFERSTACK_MODEL_API_KEY';

/** The rules the hook reads (`routing.json`). */
export interface RoutingData {
  readonly default: string;
  readonly pools: readonly string[];
  readonly rules: RouterPlan['rules'];
}

/** Routing data of a plan: rules in spec order, first match wins. */
export function routingData(router: RouterPlan): RoutingData {
  return { default: router.default, pools: [...router.models], rules: router.rules.map((r) => ({ ...r })) };
}

/** `{from: [to, ...]}` entries in LiteLLM's list-of-single-key-maps form. */
const fallbackList = (m: Readonly<Record<string, readonly string[]>>) =>
  Object.entries(m)
    .filter(([, to]) => to.length)
    .map(([from, to]) => ({ [from]: [...to] }));

/**
 * For each model with a known context window, the models with a longer one, shortest first:
 * a request that does not fit (LiteLLM's pre-call check against `max_input_tokens`) goes there.
 */
export function contextWindowFallbacks(plan: InferencePlan): Record<string, string[]> {
  const models = plan.router?.models ?? [];
  const ctx = new Map(plan.pools.filter((p) => models.includes(p.name) && p.maxContextTokens).map((p) => [p.name, p.maxContextTokens!]));
  const out: Record<string, string[]> = {};
  for (const [name, tokens] of ctx) {
    const longer = [...ctx].filter(([, t]) => t > tokens).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    if (longer.length) out[name] = longer.map(([n]) => n);
  }
  return out;
}

/**
 * LiteLLM proxy config (docs.litellm.ai/docs/proxy/configs): `model_list` entries address vLLM
 * as `hosted_vllm/<served name>` at the pool Service; `router_settings.enable_pre_call_checks`
 * with `model_info.max_input_tokens` makes over-long prompts raise a context-window error that
 * `context_window_fallbacks` routes on (docs.litellm.ai/docs/proxy/reliability); the `prometheus`
 * callback serves `/metrics` (docs.litellm.ai/docs/proxy/prometheus).
 */
export function litellmConfig(plan: InferencePlan): Record<string, unknown> {
  const router = plan.router!;
  const pools = plan.pools.filter((p) => router.models.includes(p.name));
  const fallbacks = fallbackList(router.fallbacks);
  const ctxFallbacks = fallbackList(contextWindowFallbacks(plan));
  return {
    model_list: pools.map((p) => ({
      model_name: p.name,
      litellm_params: {
        model: `hosted_vllm/${p.name}`,
        api_base: `http://${serviceHost(p.resourceName, plan.namespace)}:${MODEL_SERVER_PORT}/v1`,
        // The key the model servers require (Secret <stack>-model-api-key), sent as the bearer token.
        api_key: `os.environ/${ROUTER_UPSTREAM_KEY_ENV}`,
        timeout: MAX_REQUEST_SECONDS,
      },
      ...(p.maxContextTokens ? { model_info: { max_input_tokens: p.maxContextTokens } } : {}),
    })),
    router_settings: {
      enable_pre_call_checks: true,
      num_retries: 2,
      timeout: MAX_REQUEST_SECONDS,
      ...(fallbacks.length ? { fallbacks } : {}),
      ...(ctxFallbacks.length ? { context_window_fallbacks: ctxFallbacks } : {}),
    },
    litellm_settings: {
      callbacks: ['prometheus', `${ROUTER_HOOK_MODULE}.proxy_handler_instance`],
      // Prometheus scrapes without a key (the default; stated so an upgrade cannot flip it).
      require_auth_for_metrics_endpoint: false,
      drop_params: true,
    },
    general_settings: { master_key: 'os.environ/LITELLM_MASTER_KEY' },
  };
}

/** The files of the router ConfigMap. */
export function routerConfigFiles(plan: InferencePlan): Record<string, string> {
  return {
    'config.yaml': stringify(litellmConfig(plan), { lineWidth: 0 }),
    [`${ROUTER_HOOK_MODULE}.py`]: ROUTER_HOOK_SOURCE,
    'routing.json': `${JSON.stringify(routingData(plan.router!), null, 2)}\n`,
  };
}

/** Size of the router's /tmp (its only writable path). */
const ROUTER_TMP_GIB = 1;

/**
 * CPU, memory and disk of one router pod (one LiteLLM worker; replicas scale out). Disk is /tmp
 * plus a gibibyte for logs and the (read-only) container layer.
 */
const ROUTER_RESOURCES = {
  requests: { cpu: '1', memory: '2Gi', 'ephemeral-storage': `${ROUTER_TMP_GIB + 1}Gi` },
  limits: { cpu: '2', memory: '4Gi', 'ephemeral-storage': `${ROUTER_TMP_GIB + 1}Gi` },
} as const;

/** ConfigMap, Deployment, Service and PodDisruptionBudget of the router. */
export function renderRouter(plan: InferencePlan, names: WorkloadNames): KubernetesObject[] {
  const router = plan.router!;
  const name = router.resourceName;
  const labels = labelsFor(plan, 'router', name);
  const files = routerConfigFiles(plan);
  const configHash = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
  const preStop = 10;
  const container: Container = {
    name: 'litellm',
    image: LITELLM_IMAGE.image,
    imagePullPolicy: 'IfNotPresent',
    args: ['--config', `${ROUTER_CONFIG_DIR}/config.yaml`, '--port', String(ROUTER_PORT), '--num_workers', '1'],
    ports: [{ name: 'http', containerPort: ROUTER_PORT, protocol: 'TCP' }],
    env: [
      { name: 'LITELLM_MASTER_KEY', valueFrom: { secretKeyRef: { name: names.routerSecret, key: 'master-key' } } },
      { name: ROUTER_UPSTREAM_KEY_ENV, valueFrom: { secretKeyRef: { name: names.modelApiKeySecret, key: 'api-key' } } },
      { name: 'PYTHONDONTWRITEBYTECODE', value: '1' },
      // The root filesystem is read-only: anything written under HOME lands in /tmp.
      { name: 'HOME', value: '/tmp' },
    ],
    resources: { requests: { ...ROUTER_RESOURCES.requests }, limits: { ...ROUTER_RESOURCES.limits } },
    // docs.litellm.ai/docs/proxy/health: /health/liveliness (process up), /health/readiness (ready for traffic).
    startupProbe: httpProbe('/health/liveliness', 'http', 5, 24),
    readinessProbe: httpProbe('/health/readiness', 'http', 5, 3),
    livenessProbe: httpProbe('/health/liveliness', 'http', 15, 4),
    lifecycle: { preStop: { sleep: { seconds: preStop } } },
    volumeMounts: [
      { name: 'config', mountPath: ROUTER_CONFIG_DIR, readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ],
    // Without a database LiteLLM serves no admin UI, so its UI files need no writable copy
    // (github:BerriAI/litellm issue 19134: the proxy runs on a read-only root filesystem).
    securityContext: { ...BASE_SECURITY_CONTEXT, runAsNonRoot: true, runAsUser: LITELLM_RUN_AS, runAsGroup: LITELLM_RUN_AS, readOnlyRootFilesystem: true },
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
  const pod: PodSpec = {
    serviceAccountName: names.routerAccount,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    // Streams in flight finish: preStop, then up to the longest request, then a margin.
    terminationGracePeriodSeconds: preStop + MAX_REQUEST_SECONDS + 15,
    securityContext: { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true, fsGroup: LITELLM_RUN_AS },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selectorFor(name) } },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selectorFor(name) } },
    ],
    containers: [container],
    volumes: [
      { name: 'config', configMap: { name: names.routerConfig } },
      { name: 'tmp', emptyDir: { sizeLimit: `${ROUTER_TMP_GIB}Gi` } },
    ],
  };
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: names.routerConfig, namespace: plan.namespace, labels }, data: files },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: plan.namespace, labels },
      spec: {
        revisionHistoryLimit: 3,
        selector: { matchLabels: selectorFor(name) },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: {
          metadata: {
            labels: { ...podLabelsFor(plan, 'router', name), [SCRAPE_LABEL]: 'true' },
            annotations: {
              // LiteLLM mounts its metrics app at /metrics/ (trailing slash avoids a redirect).
              [SCRAPE_PORT_ANNOTATION]: String(ROUTER_PORT),
              [SCRAPE_PATH_ANNOTATION]: '/metrics/',
              // A config change rolls the pods; LiteLLM reads its config only at start.
              'inferstack.dev/config-hash': configHash,
            },
          },
          spec: pod,
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: plan.namespace, labels },
      spec: { type: 'ClusterIP', selector: selectorFor(name), ports: [{ name: 'http', port: ROUTER_PORT, targetPort: 'http', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: plan.namespace, labels },
      spec: { minAvailable: 1, selector: { matchLabels: selectorFor(name) }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    },
  ];
}
