/**
 * Fuzzing the whole pure pipeline (issue 12): generated specs, valid and mutated, go through
 * validation, the plan of every target, the cost model and the Kubernetes render. Nothing may
 * throw but SpecValidationError (and an accepted spec nothing at all); every accepted spec renders
 * objects with unique (kind, namespace, name), legal names and legal label keys and values, and
 * node pool names that are unique and legal on every cloud.
 *
 * Run size: 10,000 specs in total (numRuns below): about 17 s of CPU on the 2-core machine
 * (measured: validation ~1.7 ms per spec; plan, render and a one-day cost simulation ~9 ms per
 * accepted spec, of which there are over a thousand). The generators aim at collisions (few,
 * similar model names; reserved names), limits and hostile strings rather than at volume.
 */
import fc from 'fast-check';
import { CLOUDS, CloudId } from '../../lib/catalog';
import { costReport } from '../../lib/cost';
import { KubernetesObject, renderWorkload } from '../../lib/k8s';
import { checkSpec } from '../../lib/load';
import { CAPABILITIES } from '../../lib/plan/capabilities';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferencePlan } from '../../lib/plan/types';
import { SpecValidationError } from '../../lib/spec/errors';

// ------------------------------------------------------------------------------------------------
// Generators: mostly plausible values, with a share of edge cases and hostile strings.

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

const spec = fc
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
const mutated = fc.tuple(spec, fc.nat(), fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }), hostile, fc.integer(), fc.double())).map(([s, pick, value]) => {
  const all = paths(s).filter((p) => p.length > 0);
  const path = all[pick % all.length];
  let cur = s as Record<string | number, any>;
  for (const p of path.slice(0, -1)) cur = cur[p];
  if (value === undefined) delete cur[path[path.length - 1]];
  else cur[path[path.length - 1]] = value;
  return s;
});

// ------------------------------------------------------------------------------------------------
// What every accepted spec must render.

// Kubernetes: names are DNS subdomains (objects) or labels; label keys are [prefix/]name, values empty or [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])? of at most 63.
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_NAME = /^(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^((?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const NODE_POOL_NAME: Record<CloudId, RegExp> = { aws: DNS_SUBDOMAIN, gcp: /^[a-z]([-a-z0-9]*[a-z0-9])?$/, azure: /^[a-z][a-z0-9]*$/ };

const validLabelKey = (k: string) => {
  const slash = k.indexOf('/');
  if (slash < 0) return LABEL_NAME.test(k);
  return DNS_SUBDOMAIN.test(k.slice(0, slash)) && LABEL_NAME.test(k.slice(slash + 1));
};

/** Every label map of an object: its own, and its pod template's. */
function labelMaps(o: KubernetesObject): Record<string, string>[] {
  const tpl = (o.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template?.metadata?.labels;
  return [o.metadata.labels ?? {}, ...(tpl ? [tpl] : [])];
}

function checkRendered(plan: InferencePlan): void {
  const w = renderWorkload(plan);
  const all = [...w.objects, ...w.crdObjects];
  const keys = all.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const o of all) {
    expect(o.metadata.name).toMatch(o.kind === 'Namespace' || o.kind === 'Service' ? DNS_LABEL : DNS_SUBDOMAIN);
    for (const labels of labelMaps(o)) {
      for (const [k, v] of Object.entries(labels)) {
        if (!validLabelKey(k) || !LABEL_VALUE.test(v)) throw new Error(`${o.kind} ${o.metadata.name}: label ${JSON.stringify(k)}=${JSON.stringify(v)} is not a legal Kubernetes label`);
      }
    }
  }
  expect(new Set(w.helmReleases.map((r) => `${r.namespace}/${r.name}`)).size).toBe(w.helmReleases.length);
  const pools = plan.pools.flatMap((p) => p.nodeGroups.map((g) => g.name));
  expect(new Set(pools).size).toBe(pools.length);
  for (const n of pools) {
    expect(n.length).toBeLessThanOrEqual(CAPABILITIES[plan.cloud].nodePoolNameMaxLength);
    expect(n).toMatch(NODE_POOL_NAME[plan.cloud]);
  }
  for (const [k, v] of Object.entries(plan.labels)) if (!validLabelKey(k) || !LABEL_VALUE.test(v)) throw new Error(`plan label ${k}=${v} is not legal`);
}

let accepted = 0;
let refused = 0;

/** The pipeline on one input: refusal is fine (with issues), anything else must work end to end. */
function pipeline(input: unknown): void {
  const r = checkSpec(input);
  if (!r.spec) {
    expect(r.issues.length).toBeGreaterThan(0);
    refused++;
    return;
  }
  accepted++;
  const clouds = CLOUDS.filter((c) => r.spec!.targets[c]);
  const plans = clouds.map((c) => resolvePlan(r.spec!, c));
  for (const p of plans) checkRendered(p);
  // One simulated day: the cost model's arithmetic, not its accuracy, is under test here.
  const report = costReport(r.spec, plans, { simulatedHours: 24 });
  for (const c of Object.values(report.clouds)) for (const v of Object.values(c.monthlyUsd)) expect(v === null || (Number.isFinite(v) && v >= 0)).toBe(true);
}

const onlyValidationErrors = (input: unknown) => {
  try {
    pipeline(input);
  } catch (e) {
    // An accepted spec must never fail later; a refused one never reaches this far.
    if (!(e instanceof SpecValidationError)) throw e;
    throw new Error(`an accepted spec failed after validation: ${e.message}`);
  }
};

describe('fuzzing validate, plan, cost and the Kubernetes render', () => {
  afterAll(() => {
    // Both paths are exercised in numbers: a generator drifting to all-refused would test nothing.
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('generated specs (mostly valid, with edge values)', () => {
    fc.assert(fc.property(spec, onlyValidationErrors), { numRuns: 5000 });
  });

  it('generated specs with one value replaced or deleted anywhere', () => {
    fc.assert(fc.property(mutated, onlyValidationErrors), { numRuns: 5000 });
  });
});
