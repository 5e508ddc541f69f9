/** One case per rule: the exact message a user sees, with its path. */
import { formatIssue } from '../../lib/spec/errors';
import { namedParametersBillion } from '../../lib/spec/rules';
import { validateSpec } from '../../lib/spec/validate';
import { specWith } from '../support/specs';

const messages = (input: unknown): string[] => {
  const r = validateSpec(input);
  return r.ok ? [] : r.issues.map((i) => formatIssue(i));
};

describe('the base spec', () => {
  it('is valid and gets its defaults', () => {
    const r = validateSpec(specWith(() => undefined));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.models[0]).toMatchObject({ serve: 'online', engine: 'vllm', precision: 'bf16', capacity: { spot: false, onDemandBase: 0 } });
    expect(r.spec.models[0].scaling).toEqual({ targetWaitingRequests: 5, targetQueueMessages: 20, scaleDownDelaySeconds: 300 });
    expect(r.spec.queue).toEqual({ maxDeliveryAttempts: 5, visibilityTimeoutSeconds: 900, retentionHours: 96 });
    expect(r.spec.budget).toMatchObject({ alertThresholdsPercent: [50, 80, 100], forecastAlert: true, onExceed: 'warn' });
  });
});

const cases: [string, (s: Record<string, any>) => void, string[]][] = [
  // structure
  ['unknown field with a near miss', (s) => { s.models[0].replica = 3; }, ["spec.models[0].replica: unknown field 'replica'; did you mean 'replicas'?"]],
  ['unknown top-level field', (s) => { s.budgets = {}; }, ["spec.budgets: unknown field 'budgets'; did you mean 'budget'?"]],
  ['unknown field, nothing close', (s) => { s.metadata.zzzzzz = 1; }, ["spec.metadata.zzzzzz: unknown field 'zzzzzz'; allowed fields: 'name' or 'environment'"]],
  ['missing required field', (s) => { delete s.models[0].parametersBillion; }, ['spec.models[0].parametersBillion: is required (a number)']],
  ['wrong type', (s) => { s.models[0].parametersBillion = 'eight'; }, ["spec.models[0].parametersBillion: must be a number, got string 'eight'"]],
  ['enum with suggestion', (s) => { s.models[0].precision = 'bf61'; }, ["spec.models[0].precision: 'bf61' is not allowed; use 'fp32', 'bf16', 'fp16', 'fp8', 'int8' or 'int4'. Did you mean 'bf16'?"]],
  ['wrong apiVersion', (s) => { s.apiVersion = 'v1'; }, ["spec.apiVersion: must be 'inferstack.dev/v1alpha1', got 'v1'"]],
  ['name not DNS-1123', (s) => { s.models[0].name = 'Chat_Small'; }, ["spec.models[0].name: 'Chat_Small' is not a DNS label: use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit; did you mean 'chat-small'?"]],
  ['name starting with a digit', (s) => { s.metadata.name = '1demo'; }, ["spec.metadata.name: '1demo' is not a DNS label: use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit; did you mean 'demo'?"]],
  ['name with no close DNS label', (s) => { s.metadata.name = '---'; }, ["spec.metadata.name: '---' is not a DNS label: use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit"]],
  ['environment in capitals', (s) => { s.metadata.environment = 'Prod'; }, ["spec.metadata.environment: 'Prod' is not an environment name: use lowercase letters, digits and '-', starting and ending with a letter or digit; did you mean 'prod'?"]],
  ['environment too long', (s) => { s.metadata.environment = 'e'.repeat(21); }, ['spec.metadata.environment: must be at most 20 characters, got 21']],
  ['misspelt required field: one message, not two', (s) => { s.kidn = s.kind; delete s.kind; }, ["spec.kidn: unknown field 'kidn'; did you mean 'kind'?"]],
  ['missing apiVersion', (s) => { delete s.apiVersion; }, ["spec.apiVersion: is required ('inferstack.dev/v1alpha1')"]],
  ['tag value written as a number', (s) => { s.tags.team = 42; }, ["spec.tags.team: must be a string, got number 42; quote it: '42'"]],
  ['tags written as a list', (s) => { s.tags = ['team']; }, ['spec.tags: must be a mapping of names to values, got a list']],
  ['not a finite number', (s) => { s.models[0].parametersBillion = Number.NaN; }, ['spec.models[0].parametersBillion: must be a finite number, got NaN']],
  ['infinite replicas', (s) => { s.models[0].replicas.max = Infinity; }, ['spec.models[0].replicas.max: must be a finite number, got Infinity']],
  ['replicas beyond any integer', (s) => { s.models[0].replicas.max = 1e20; }, ['spec.models[0].replicas.max: must be at most 1000 (Kubernetes clusters are tested to 5,000 nodes; split larger fleets into stacks), got 100000000000000000000']],
  ['negative price', (s) => { s.onPrem = { acceleratorType: 'nvidia-h100', acceleratorsPerServer: 8, serverCapexUsd: 1, amortizationMonths: 36, powerKwPerServer: 10, usdPerKwh: -0.12 }; }, ['spec.onPrem.usdPerKwh: must be >= 0, got -0.12']],
  ['unknown cloud under targets', (s) => { s.targets.gcloud = {}; }, ["spec.targets.gcloud: unknown field 'gcloud'; allowed fields: 'aws', 'gcp' or 'azure'"]],
  ['scale-down delay above the HPA limit', (s) => { s.models[0].scaling = { scaleDownDelaySeconds: 7200 }; }, ["spec.models[0].scaling.scaleDownDelaySeconds: must be at most 3600 (the Kubernetes HPA stabilisation window's limit), got 7200"]],
  ['stack name too long', (s) => { s.metadata.name = 'a'.repeat(41); }, ['spec.metadata.name: must be at most 40 characters, got 41']],
  ['non-integer replicas', (s) => { s.models[0].replicas.max = 2.5; }, ['spec.models[0].replicas.max: must be a whole number, got 2.5']],
  ['negative replicas', (s) => { s.models[0].replicas.min = -1; }, ['spec.models[0].replicas.min: must be >= 0, got -1']],
  [':latest image', (s) => { s.models[2].image = 'registry.example.com/worker:latest'; }, ["spec.models[2].image: 'registry.example.com/worker:latest' is not a pinned image reference: ':latest' changes under a running deployment; pin a version or a digest"]],
  ['bad email', (s) => { s.budget.notifyEmails = ['finops']; }, ["spec.budget.notifyEmails[0]: 'finops' is not an email address"]],
  ['no models', (s) => { s.models = []; }, ['spec.models: needs at least one model']],
  ['bad TPU topology syntax', (s) => { s.models[0].accelerator = { type: 'tpu-v6e', topology: '2by2' }; }, ["spec.models[0].accelerator.topology: '2by2' is not a TPU topology like '2x2' or '2x2x1'"]],
  // cross-field rules
  ['duplicate model names', (s) => { s.models[1].name = 'small'; s.routing.rules = []; s.routing.fallbacks = {}; }, ["spec.models[1].name: duplicate model name 'small' (also models[0].name); names must be unique"]],
  ['min > max', (s) => { s.models[0].replicas = { min: 5, max: 4 }; }, ['spec.models[0].replicas.min: min (5) is greater than max (4); set min <= max']],
  ['onDemandBase > max', (s) => { s.models[0].capacity = { spot: true, onDemandBase: 9 }; }, ['spec.models[0].capacity.onDemandBase: onDemandBase (9) is greater than replicas.max (4); set it to at most 4']],
  ['custom engine without image', (s) => { delete s.models[2].image; }, ["spec.models[2].image: engine 'custom' needs an image; set image (pinned tag or digest, e.g. registry.example.com/worker:1.0.0)"]],
  ['queue model on the vLLM engine', (s) => { s.models[2].engine = 'vllm'; }, ["spec.models[2].engine: serve: queue runs your consumer image, but engine is 'vllm' (its server does not read a queue); set engine: custom and image: <your consumer, pinned>"]],
  ['queue without a consumer', (s) => { s.models = s.models.slice(0, 2); }, ['spec.queue: queue is set but no model has serve: queue; remove queue, or set serve: queue (with engine: custom and image) on the model that consumes it']],
  ['queue model without queue', (s) => { delete s.queue; }, ["spec.queue: models[2] ('worker') has serve: queue but no queue is configured; add queue: { maxDeliveryAttempts: 5, visibilityTimeoutSeconds: 900, retentionHours: 96 }"]],
  ['two online models without routing', (s) => { delete s.routing; }, ["spec.routing: 2 online models ('small' and 'large') need routing; add routing: { default: small }"]],
  ['route to an unknown model', (s) => { s.routing.rules[0].to = 'larg'; }, ["spec.routing.rules[0].to: unknown model 'larg'. Did you mean 'large'?"]],
  ['route to a queue model', (s) => { s.routing.default = 'worker'; }, ["spec.routing.default: model 'worker' has serve: queue; routing can only send to online models ('small' or 'large')"]],
  ['fallback from an unknown model', (s) => { s.routing.fallbacks = { smal: ['large'] }; }, ["spec.routing.fallbacks.smal: unknown model 'smal'. Did you mean 'small'?"]],
  ['fallback to an unknown model', (s) => { s.routing.fallbacks = { small: ['huge'] }; }, ["spec.routing.fallbacks.small[0]: unknown model 'huge'. Online models: 'small' or 'large'."]],
  ['rule without a condition', (s) => { s.routing.rules[0].when = {}; }, ['spec.routing.rules[0].when: a rule needs a condition: minPromptTokens or header']],
  ['thresholds not ascending', (s) => { s.budget.alertThresholdsPercent = [80, 50]; }, ['spec.budget.alertThresholdsPercent[1]: thresholds must ascend: 50 follows 80; e.g. [50, 80, 100]']],
  ['threshold not positive', (s) => { s.budget.alertThresholdsPercent = [0, 50]; }, ['spec.budget.alertThresholdsPercent[0]: threshold 0 must be positive (percent of monthlyUsd, e.g. 80)']],
  ['peak below mean', (s) => { s.traffic.requestsPerSecond = { mean: 10, peak: 5 }; }, ['spec.traffic.requestsPerSecond.peak: peak (5) is below mean (10); peak must be >= mean']],
  ['negative traffic', (s) => { s.traffic.requestsPerSecond.mean = -1; }, ['spec.traffic.requestsPerSecond.mean: must be >= 0, got -1']],
  ['custom pattern without weights', (s) => { s.traffic.pattern = 'custom'; }, ['spec.traffic.hourlyWeights: pattern custom needs hourlyWeights: 24 numbers (a day) or 168 (a week)']],
  ['custom pattern with 23 weights', (s) => { s.traffic.pattern = 'custom'; s.traffic.hourlyWeights = Array(23).fill(1); }, ['spec.traffic.hourlyWeights: has 23 weights; use 24 (a day) or 168 (a week)']],
  ['custom pattern with no traffic in any hour', (s) => { s.traffic.pattern = 'custom'; s.traffic.hourlyWeights = Array(24).fill(0); }, ['spec.traffic.hourlyWeights: all weights are 0; at least one hour must carry traffic']],
  ['routing required, duplicate names listed once', (s) => { s.models[1].name = 'small'; s.models.push({ ...s.models[0], name: 'third' }); delete s.routing; }, [
    "spec.models[1].name: duplicate model name 'small' (also models[0].name); names must be unique",
    "spec.routing: 2 online models ('small' and 'third') need routing; add routing: { default: small }",
  ]],
  ['weights without custom pattern', (s) => { s.traffic.hourlyWeights = Array(24).fill(1); }, ["spec.traffic.hourlyWeights: hourlyWeights is only used with pattern: custom (pattern is 'flat'); remove it or set pattern: custom"]],
  ['no targets', (s) => { s.targets = {}; }, ['spec.targets: no target; add at least one of aws: { region }, gcp: { project, region }, azure: { location }']],
  // routing fallbacks (issue 12, defect 10)
  ['fallback to itself, and twice to the same model', (s) => { s.routing.fallbacks = { small: ['small', 'large', 'large'] }; }, [
    "spec.routing.fallbacks.small[0]: 'small' falls back to itself, which retries the failing model; list other online models",
    "spec.routing.fallbacks.small[2]: 'large' is listed twice (also [1]); each fallback is tried once",
  ]],
  // tensor parallelism (defect 12)
  ['three accelerators: no tensor-parallel split', (s) => { s.models[0].accelerator.count = 3; }, [
    "spec.models[0].accelerator.count: vLLM would split the model over 3 accelerators (tensor parallelism 3), which must divide the model's attention heads; almost no model has a head count 3 divides. Use count 2 or 4 (1, 2, 4, 8 or 16), or engine: custom with a server that uses 3",
  ]],
  ['six accelerators in an override', (s) => { s.models[0].overrides = { gcp: { accelerator: { type: 'nvidia-l4', count: 6 } } }; }, [
    "spec.models[0].overrides.gcp.accelerator.count: vLLM would split the model over 6 accelerators (tensor parallelism 6), which must divide the model's attention heads; almost no model has a head count 6 divides. Use count 4 or 8 (1, 2, 4, 8 or 16), or engine: custom with a server that uses 6",
  ]],
  // numbers beyond the platforms (defect 10)
  ['replicas beyond int32', (s) => { s.models[0].replicas.max = 2 ** 31; }, ['spec.models[0].replicas.max: must be at most 1000 (Kubernetes clusters are tested to 5,000 nodes; split larger fleets into stacks), got 2147483648']],
  ['more models than a stack holds', (s) => { s.models = Array.from({ length: 301 }, (_, i) => ({ ...s.models[0], name: `m${i}` })); s.routing = { default: 'm0' }; delete s.queue; }, [
    'spec.models: has 301 models; a stack holds at most 300 (see README, Limits): split the models into several specs',
  ]],
  ['accelerators per replica beyond any machine', (s) => { s.models[0].accelerator.count = 1e9; }, ['spec.models[0].accelerator.count: must be at most 64 (no machine carries more; for TPUs omit count, the topology sets it), got 1000000000']],
  ['a context longer than any model', (s) => { s.models[0].maxContextTokens = 2 ** 40; }, ['spec.models[0].maxContextTokens: must be at most 10000000 (the longest context of any released model), got 1099511627776']],
  ['a budget of 1e20', (s) => { s.budget.monthlyUsd = 1e20; }, ['spec.budget.monthlyUsd: must be at most 1000000000 (one billion USD a month), got 100000000000000000000']],
  ['a threshold above 1000%', (s) => { s.budget.alertThresholdsPercent = [50, 5000]; }, ['spec.budget.alertThresholdsPercent[1]: must be at most 1000 (the largest threshold Azure budgets accept), got 5000']],
  ['queue retention under an hour', (s) => { s.queue = { retentionHours: 0.01 }; }, ['spec.queue.retentionHours: must be at least 1 (a backlog waiting for a pool to scale from zero must not expire), got 0.01']],
];

describe.each(cases)('%s', (_name, mutate, expected) => {
  it('reports exactly this', () => {
    expect(messages(specWith(mutate))).toEqual(expected);
  });
});

it('reports every structural problem at once', () => {
  const s = specWith((x) => {
    x.models[0].replica = 1;
    x.models[1].precision = 'fp9';
    x.budget.monthlyUsd = -5;
  });
  expect(messages(s)).toHaveLength(3);
});

describe('warnings', () => {
  const warnings = (input: unknown): string[] => validateSpec(input).warnings.map((i) => formatIssue(i));
  it('says when the model id names a size far from parametersBillion (defect 12), and the spec stays valid', () => {
    const s = specWith((x) => { x.models[1].parametersBillion = 7.6; });
    expect(validateSpec(s).ok).toBe(true);
    expect(warnings(s)).toEqual([
      "spec.models[1].parametersBillion: warning: 'meta-llama/Llama-3.1-70B-Instruct' names 70B parameters but parametersBillion is 7.6; memory fit and cost use parametersBillion, so set it to the model's size",
    ]);
  });
  it('is quiet for sizes that agree, ids without a size and mixture-of-experts names', () => {
    expect(warnings(specWith(() => undefined))).toEqual([]);
    expect(namedParametersBillion('Qwen/Qwen2.5-7B-Instruct-1M')).toBe(7);
    expect(namedParametersBillion('mistralai/Mixtral-8x7B-Instruct-v0.1')).toBe(56);
    expect(namedParametersBillion('HuggingFaceTB/SmolLM2-135M-Instruct')).toBeCloseTo(0.135);
    expect(namedParametersBillion('Qwen/Qwen3-30B-A3B')).toBe(30);
    expect(namedParametersBillion('meta-llama/Llama-4-Scout-17B-16E-Instruct')).toBeUndefined();
    expect(namedParametersBillion('BAAI/bge-large-en-v1.5')).toBeUndefined();
  });
});

describe('every problem in one run (defect 11)', () => {
  it('a missing replicas does not hide routing, region or another model\'s problems', () => {
    const s = specWith((x) => {
      delete x.models[0].replicas;
      x.models[1].replicas = { min: 5, max: 2 };
      x.routing.default = 'nope';
      x.budget.alertThresholdsPercent = [80, 50];
    });
    expect(messages(s)).toEqual([
      'spec.models[0].replicas: is required (an object)',
      'spec.models[1].replicas.min: min (5) is greater than max (2); set min <= max',
      "spec.routing.default: unknown model 'nope'. Online models: 'small' or 'large'.",
      'spec.budget.alertThresholdsPercent[1]: thresholds must ascend: 50 follows 80; e.g. [50, 80, 100]',
    ]);
  });
  it('a broken target leaves the others checkable', () => {
    const r = validateSpec(specWith((x) => { x.targets.gcp.project = 'P'; x.routing.default = 'nope'; }));
    expect(r.ok ? [] : r.issues.map((i) => i.rule)).toEqual(['schema', 'routing-targets']);
  });
});

it('rejects a spec that is not a mapping', () => {
  expect(messages(['a'])).toEqual(['spec: must be a mapping with apiVersion, kind, metadata, targets and models, got a list']);
  expect(messages('hello')).toEqual(["spec: must be a mapping with apiVersion, kind, metadata, targets and models, got string 'hello'"]);
});
