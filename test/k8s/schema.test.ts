/**
 * Every rendered object against its schema, for every example x cloud: kubernetes-models for
 * core kinds, @kubernetes-models/keda for ScaledObject/TriggerAuthentication. What has no
 * published model (Helm releases, LiteLLM config, the Prometheus scrape config) gets a small
 * strict zod schema of the keys we write, each key checked against the chart/product docs.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { renderWorkload } from '../../lib/k8s';
import { caseOf, cases, ofKind, schemaFailures } from './support/fixtures';

const all = cases();

describe('Kubernetes objects validate against kubernetes-models and KEDA models', () => {
  test('covers all three examples on every cloud they target', () => {
    expect(all.map((c) => `${c.example}/${c.cloud}`)).toEqual([
      'batch-embeddings/aws',
      'batch-embeddings/gcp',
      'batch-embeddings/azure',
      'minimal-aws/aws',
      'support-assistant/aws',
      'support-assistant/gcp',
      'support-assistant/azure',
    ]);
  });

  // One validator run for every case (the models take a moment to import), reported per case.
  let failures: ReturnType<typeof schemaFailures> = [];
  const owners: string[] = [];
  beforeAll(() => {
    const objects = all.flatMap((c) => {
      const os = [...c.rendered.objects, ...c.rendered.crdObjects];
      owners.push(...os.map(() => `${c.example}/${c.cloud}`));
      return os;
    });
    failures = schemaFailures(objects);
  });

  test.each(all.map((c) => [`${c.example}/${c.cloud}`] as const))('%s', (name) => {
    expect(owners.filter((o) => o === name).length).toBeGreaterThan(0);
    expect(failures.filter((f) => owners[f.index] === name)).toEqual([]);
  });

  test('fully bound renders validate too', () => {
    const c = caseOf('batch-embeddings', 'azure');
    const r = renderWorkload(c.plan, { identities: { scaler: 'id-s', consumer: 'id-c' }, queue: { namespace: 'sb-ns', queueName: 'q' } }, { installKeda: false });
    expect(schemaFailures([...r.objects, ...r.crdObjects])).toEqual([]);
  });

  test('the validator rejects a broken object (it is not vacuous)', () => {
    const so = ofKind(caseOf('support-assistant', 'aws').rendered, 'ScaledObject')[0];
    const broken = { ...so, spec: { ...(so.spec as object), minReplicaCount: 'one' } };
    expect(schemaFailures([broken])).toEqual([expect.objectContaining({ kind: 'ScaledObject', error: expect.stringContaining('minReplicaCount') })]);
  });

  test('a misspelt field is an error, as with kubectl apply --validate=strict', () => {
    const { rendered } = caseOf('batch-embeddings', 'aws');
    const auth = ofKind(rendered, 'TriggerAuthentication')[0];
    const deployment = ofKind(rendered, 'Deployment')[0];
    const typoAuth = { ...auth, spec: { podIdentity: { provider: 'aws', identityOwnr: 'keda' } } };
    const pod = (deployment.spec as { template: { spec: { containers: object[] } } }).template.spec;
    const typoDeployment = {
      ...deployment,
      spec: { ...(deployment.spec as object), template: { spec: { ...pod, containers: [{ ...pod.containers[0], terminationGracePeriod: 30 }] } } },
    };
    expect(schemaFailures([typoAuth, typoDeployment] as never)).toEqual([
      expect.objectContaining({ kind: 'TriggerAuthentication', error: 'unknown field /spec/podIdentity/identityOwnr' }),
      expect.objectContaining({ kind: 'Deployment', error: 'unknown field /spec/template/spec/containers/0/terminationGracePeriod' }),
    ]);
  });
});

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(63);
const stringMap = z.record(z.string(), z.string());

/** HelmRelease as lib/k8s/types.ts declares it, with a pinned semver and an https repository. */
const HelmReleaseSchema = z.strictObject({
  name: dnsLabel,
  repository: z.string().regex(/^https:\/\//),
  chart: dnsLabel,
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  namespace: dnsLabel,
  createNamespace: z.boolean(),
  values: z.record(z.string(), z.unknown()),
  purpose: z.string().min(10),
});

/** The KEDA chart values we set (kedacore/charts keda/README: serviceAccount.operator.*, podLabels.keda). */
const KedaValuesSchema = z.strictObject({
  serviceAccount: z.strictObject({ operator: z.strictObject({ name: z.literal('keda-operator'), annotations: stringMap }) }).optional(),
  podLabels: z.strictObject({ keda: stringMap }).optional(),
});

const RelabelSchema = z.strictObject({
  source_labels: z.array(z.string()).min(1),
  action: z.enum(['keep', 'replace']).optional(),
  regex: z.string().optional(),
  replacement: z.string().optional(),
  target_label: z.string().optional(),
});

/** The prometheus chart values we set (prometheus-community/helm-charts charts/prometheus/values.yaml). */
const PrometheusValuesSchema = z.strictObject({
  alertmanager: z.strictObject({ enabled: z.literal(false) }),
  'kube-state-metrics': z.strictObject({ enabled: z.literal(false) }),
  'prometheus-node-exporter': z.strictObject({ enabled: z.literal(false) }),
  'prometheus-pushgateway': z.strictObject({ enabled: z.literal(false) }),
  server: z.strictObject({
    global: z.strictObject({ scrape_interval: z.string(), scrape_timeout: z.string(), evaluation_interval: z.string() }),
    retention: z.string(),
    persistentVolume: z.strictObject({ enabled: z.boolean() }),
    emptyDir: z.strictObject({ sizeLimit: z.string() }),
    resources: z.strictObject({ requests: stringMap, limits: stringMap }),
    containerSecurityContext: z.record(z.string(), z.unknown()),
    nodeSelector: stringMap,
  }),
  configmapReload: z.strictObject({
    prometheus: z.strictObject({ containerSecurityContext: z.record(z.string(), z.unknown()), resources: z.strictObject({ requests: stringMap, limits: stringMap }) }),
  }),
  serverFiles: z.strictObject({
    'prometheus.yml': z.strictObject({
      scrape_configs: z.array(
        z.strictObject({
          job_name: z.string(),
          kubernetes_sd_configs: z.array(z.strictObject({ role: z.literal('pod') })),
          relabel_configs: z.array(RelabelSchema),
        }),
      ),
    }),
  }),
});

/**
 * The LiteLLM config keys we write (docs.litellm.ai/docs/proxy/configs, /proxy/reliability,
 * /proxy/prometheus, /proxy/call_hooks).
 */
const LiteLLMConfigSchema = z.strictObject({
  model_list: z
    .array(
      z.strictObject({
        model_name: z.string(),
        litellm_params: z.strictObject({
          model: z.string().regex(/^hosted_vllm\//),
          api_base: z.string().regex(/^http:\/\/[a-z0-9-]+\.[a-z0-9-]+\.svc\.cluster\.local:8000\/v1$/),
          // docs.litellm.ai/docs/proxy/configs: litellm_params values of the form os.environ/NAME are read from the environment.
          api_key: z.literal('os.environ/INFERSTACK_MODEL_API_KEY'),
          timeout: z.number().positive(),
        }),
        model_info: z.strictObject({ max_input_tokens: z.number().int().positive() }).optional(),
      }),
    )
    .min(1),
  router_settings: z.strictObject({
    enable_pre_call_checks: z.literal(true),
    num_retries: z.number().int(),
    timeout: z.number().positive(),
    fallbacks: z.array(z.record(z.string(), z.array(z.string()))).optional(),
    context_window_fallbacks: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  }),
  litellm_settings: z.strictObject({
    callbacks: z.tuple([z.literal('prometheus'), z.literal('inferstack_router.proxy_handler_instance')]),
    require_auth_for_metrics_endpoint: z.literal(false),
    drop_params: z.literal(true),
  }),
  general_settings: z.strictObject({ master_key: z.literal('os.environ/LITELLM_MASTER_KEY') }),
});

describe('what has no published schema gets a strict one', () => {
  test.each(all.map((c) => [`${c.example}/${c.cloud}`, c] as const))('%s: Helm releases and their values', (_name, c) => {
    for (const release of c.rendered.helmReleases) {
      expect(() => HelmReleaseSchema.parse(release)).not.toThrow();
      const values = release.chart === 'keda' ? KedaValuesSchema : PrometheusValuesSchema;
      expect(values.safeParse(release.values).error?.issues ?? []).toEqual([]);
    }
  });

  test.each(all.filter((c) => c.plan.router).map((c) => [`${c.example}/${c.cloud}`, c] as const))('%s: LiteLLM config', (_name, c) => {
    const cm = ofKind(c.rendered, 'ConfigMap')[0];
    const data = cm.data as Record<string, string>;
    const config = parse(data['config.yaml']);
    expect(LiteLLMConfigSchema.safeParse(config).error?.issues ?? []).toEqual([]);
    // Every group points at a Service this workload renders.
    const services = ofKind(c.rendered, 'Service').map((s) => `${s.metadata.name}.${s.metadata.namespace}`);
    for (const m of config.model_list) expect(services).toContain(new URL(m.litellm_params.api_base).hostname.replace(/\.svc\.cluster\.local$/, ''));
  });
});
