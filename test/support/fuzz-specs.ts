/**
 * Spec generators for the fuzz tests (test/spec/fuzz.test.ts, test/aws/fuzz.test.ts): mostly
 * plausible specs with a share of edge values and hostile strings, and those specs with one value
 * replaced or deleted anywhere.
 */
import fc from 'fast-check';

const hostile = fc.constantFrom(
  '${Token[TOKEN.21]}',
  '--trust-remote-code',
  '-x:1',
  'x"}) or vector(1000) #',
  'rg\nname',
  '\u001b[31mred',
  'inferstack-unbound:queue.queueUrl',
  '{{resolve:ssm:/secret}}',
  'Fn::GetAtt',
  'os.environ/LITELLM_MASTER_KEY',
  '$(HF_TOKEN)',
  'ml-',
  'prod-',
  'a'.repeat(70),
  '',
  'ünïcödé',
  'kube-system',
  'router',
);
/** Mostly `value`, rarely `weird` (1 in 20): each field is usually fine, so whole specs often are. */
const sometimes = <T>(value: fc.Arbitrary<T>, weird: fc.Arbitrary<unknown> = hostile) => fc.oneof({ arbitrary: value, weight: 19 }, { arbitrary: weird, weight: 1 });

const label = (max: number) => fc.stringMatching(new RegExp(`^[a-z]([-a-z0-9]{0,${Math.max(0, max - 2)}}[a-z0-9])?$`));
/** Model names: a small set, so collisions (also after normalisation, and with reserved names) are common. */
const modelName = fc.oneof(
  { arbitrary: fc.constantFrom('chat', 'chat-small', 'chatsmall', 'chat-smal1', 'large', 'worker', 'm'.repeat(40)), weight: 12 },
  { arbitrary: fc.constantFrom('router', 'model-hub', 'router-config', 'queue-scaler'), weight: 1 },
  { arbitrary: label(40), weight: 8 },
);
const stackName = sometimes(fc.oneof(fc.constantFrom('demo', 'support-assistant', 's'.repeat(40)), label(40)), fc.constantFrom('default', 'keda', 'kube', 'kube-system', 'Demo'));
const environment = sometimes(fc.oneof(fc.constantFrom('dev', 'prod', 'production-eu-west-1', '1'), fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,18}[a-z0-9])?$/)), fc.constantFrom('prod-', 'Prod', 'system'));

const targets = fc
  .record(
    {
      // The catalog's best-covered regions, so most accelerators are offered; others rarely.
      aws: fc.record({ region: sometimes(fc.constant('us-east-1'), fc.constantFrom('us-west-2', 'us-east-9', 'us-east-1a')) }),
      gcp: fc.record({ project: sometimes(fc.constantFrom('acme-ml', 'demo-project')), region: sometimes(fc.constant('us-central1'), fc.constantFrom('europe-west4', 'us-central1-a')) }),
      azure: fc.record({ location: sometimes(fc.constant('eastus'), fc.constantFrom('westeurope', 'East US')) }),
    },
    { requiredKeys: [] },
  )
  .filter((t) => Object.keys(t).length > 0);

const accelerator = fc.oneof(
  // Offered on every cloud: most specs should get through to the renderers.
  { arbitrary: fc.record({ type: fc.constantFrom('nvidia-a100-80gb', 'nvidia-h100'), count: sometimes(fc.constantFrom(1, 2, 4, 8), fc.constantFrom(3, 16, 0)) }, { requiredKeys: ['type'] }), weight: 16 },
  { arbitrary: fc.record({ type: fc.constantFrom('nvidia-a10g', 'nvidia-l4'), count: fc.constantFrom(1, 4) }, { requiredKeys: ['type'] }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('aws-inferentia2'), count: fc.constantFrom(1, 2) }, { requiredKeys: ['type'] }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('tpu-v6e'), topology: sometimes(fc.constantFrom('1x1', '2x2', '2x4'), fc.constantFrom('4x4', '3x3')) }), weight: 1 },
);

const model = fc
  .record(
    {
      name: modelName,
      serve: fc.constantFrom('online', 'online', 'online', 'queue'),
      model: sometimes(fc.constantFrom('meta-llama/Llama-3.1-8B-Instruct', 'Qwen/Qwen2.5-7B-Instruct', 'BAAI/bge-large-en-v1.5', 'gpt2')),
      parametersBillion: sometimes(fc.oneof(fc.constantFrom(0.3, 7.6, 8), fc.double({ min: 0.01, max: 30, noNaN: true })), fc.constantFrom(0, -1, 1e6, 70)),
      precision: fc.constantFrom('bf16', 'fp8', 'int4'),
      maxContextTokens: sometimes(fc.constantFrom(4096, 32768), fc.constantFrom(-5, 2 ** 40, 1e7)),
      accelerator,
      replicas: fc.record({ min: sometimes(fc.nat(3), fc.constantFrom(-1, 2 ** 31)), max: sometimes(fc.integer({ min: 3, max: 12 }), fc.constantFrom(0, 1000, 1001, 2 ** 31, 1e12)) }, { requiredKeys: ['max'] }),
      capacity: fc.record({ spot: fc.boolean(), onDemandBase: fc.nat(3) }, { requiredKeys: [] }),
      scaling: fc.record({ targetWaitingRequests: sometimes(fc.constantFrom(1, 5), fc.constantFrom(0, 1e6)), scaleDownDelaySeconds: sometimes(fc.constantFrom(0, 300, 3600), fc.constant(7200)) }, { requiredKeys: [] }),
      consumerImage: sometimes(fc.constantFrom('registry.example.com/worker:1.0.0', `ghcr.io/acme/consumer@sha256:${'a'.repeat(64)}`), fc.constantFrom('registry.example.com/x', 'x:latest', '-x:1')),
    },
    { requiredKeys: ['name', 'serve', 'model', 'parametersBillion', 'precision', 'accelerator', 'replicas', 'consumerImage'] },
  )
  // Queue pools run a consumer image (engine custom): the plausible spec has one.
  .map(({ consumerImage, ...m }) => (m.serve === 'queue' ? { ...m, engine: 'custom', image: consumerImage } : m));

const tags = fc.dictionary(sometimes(fc.constantFrom('team', 'cost-center', 'owner', 'app'), fc.constantFrom('Team', 'k'.repeat(129), 'aws:x', '${Token[X]}')) as fc.Arbitrary<string>, sometimes(fc.constantFrom('ml', 'ml-', 'ml-platform', 'cc-1234', `${'a'.repeat(62)}.x`, '')), { maxKeys: 4 });

/** Generated specs: often valid, often refused. */
export const generatedSpecs = fc
  .record({
    name: stackName,
    environment,
    tags,
    targets,
    models: fc.array(model, { minLength: 1, maxLength: 3 }),
    pick: fc.nat(),
    otherDefault: fc.oneof({ arbitrary: fc.constant(undefined), weight: 19 }, { arbitrary: modelName, weight: 1 }),
    fallback: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }),
    header: fc.option(fc.record({ name: sometimes(fc.constant('x-quality'), fc.constant('Authorization')), value: sometimes(fc.constant('high'), fc.constant(' low ')) }), { nil: undefined }),
    queue: fc.record({ maxDeliveryAttempts: sometimes(fc.constantFrom(5, 10), fc.constantFrom(1, 101)), visibilityTimeoutSeconds: fc.constantFrom(30, 900, 43200) }, { requiredKeys: [] }),
    strayQueue: fc.boolean().map((b) => b && Math.random() < 0.1),
    budget: fc.option(
      fc.record({
        monthlyUsd: sometimes(fc.constantFrom(1000, 40000, 1e6), fc.constantFrom(0, 1e20)),
        alertThresholdsPercent: sometimes(fc.constant([50, 80, 100]), fc.array(fc.integer({ min: 1, max: 1200 }), { maxLength: 12 })),
        notifyEmails: sometimes(fc.constant(['finops@example.com']), fc.array(fc.constantFrom('finops@example.com', 'a@b', 'x@example.com\r\nBcc: y'), { maxLength: 12 })),
        onExceed: fc.constantFrom('warn', 'warn', 'error'),
      }),
      { nil: undefined },
    ),
    traffic: fc.option(fc.record({ requestsPerSecond: fc.record({ mean: fc.constantFrom(0, 1, 5), peak: sometimes(fc.constantFrom(5, 50), fc.constant(1e7)) }), outputTokens: fc.constantFrom(0, 250) }), { nil: undefined }),
  })
  .map((g) => {
    const names = g.models.map((m) => m.name);
    const online = g.models.filter((m) => m.serve === 'online').map((m) => m.name);
    const s: Record<string, unknown> = {
      apiVersion: 'inferstack.dev/v1alpha1',
      kind: 'InferenceStack',
      metadata: { name: g.name, environment: g.environment },
      tags: g.tags,
      targets: g.targets,
      models: g.models,
    };
    if (online.length > 1 || g.otherDefault) {
      s.routing = {
        default: g.otherDefault ?? online[g.pick % online.length],
        rules: online.length > 1 ? [{ to: online[(g.pick + 1) % online.length], when: g.header ? { header: g.header } : { minPromptTokens: 4000 } }] : [],
        fallbacks: g.fallback && online.length > 1 ? { [online[g.fallback[0] % online.length]]: [names[g.fallback[1] % names.length]] } : {},
      };
    }
    if (g.strayQueue || g.models.some((m) => m.serve === 'queue')) s.queue = g.queue;
    if (g.budget) s.budget = g.budget;
    if (g.traffic) s.traffic = g.traffic;
    return s;
  });

type Path = (string | number)[];
function paths(v: unknown, prefix: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}

/** A generated spec with one value replaced (or deleted) at a random path. */
export const mutatedSpecs = fc.tuple(generatedSpecs, fc.nat(), fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }), hostile, fc.integer(), fc.double())).map(([s, pick, value]) => {
  const all = paths(s).filter((p) => p.length > 0);
  const path = all[pick % all.length];
  let cur = s as Record<string | number, any>;
  for (const p of path.slice(0, -1)) cur = cur[p];
  if (value === undefined) delete cur[path[path.length - 1]];
  else cur[path[path.length - 1]] = value;
  return s;
});

