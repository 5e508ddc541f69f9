/** Catalog rules: one case per rule with the exact message, as `inferstack validate` prints it. */
import { checkSpec } from '../../lib/load';
import { resolvePlan } from '../../lib/plan/resolve';
import { parseSpec } from '../../lib/spec/validate';
import { formatIssue } from '../../lib/spec/errors';
import { specWith } from '../support/specs';

const messages = (input: unknown): string[] => checkSpec(input).issues.map((i) => formatIssue(i));

const cases: [string, (s: Record<string, any>) => void, string[]][] = [
  ['unknown accelerator with near misses', (s) => { s.models[0].accelerator.type = 'a100'; }, ["spec.models[0].accelerator.type: unknown accelerator 'a100'. Did you mean 'nvidia-a100-40gb' or 'nvidia-a100-80gb'?"]],
  ['unknown accelerator in an override', (s) => { s.models[0].overrides = { gcp: { accelerator: { type: 'nvidia-l44' } } }; }, ["spec.models[0].overrides.gcp.accelerator.type: unknown accelerator 'nvidia-l44'. Did you mean 'nvidia-l4' or 'nvidia-l40s'?"]],
  ['TPU on AWS and Azure', (s) => { s.models[0].accelerator = { type: 'tpu-v6e', topology: '2x2' }; }, [
    "spec.targets.aws: accelerator 'tpu-v6e' is not offered on AWS (TPUs are GCP only). Set models[0].overrides.aws.accelerator, e.g. to 'aws-inferentia2', 'aws-trainium' or 'nvidia-a100-40gb'.",
    "spec.targets.azure: accelerator 'tpu-v6e' is not offered on Azure (TPUs are GCP only; Inferentia and Trainium are AWS only). Set models[0].overrides.azure.accelerator, e.g. to 'nvidia-a100-40gb', 'nvidia-a10' or 'nvidia-t4'.",
  ]],
  ['GPU with no machine type on a cloud', (s) => { s.models[0].accelerator = { type: 'nvidia-l4' }; }, [
    "spec.targets.azure: accelerator 'nvidia-l4' is not offered on Azure (no Azure machine type in the catalog carries it). Set models[0].overrides.azure.accelerator, e.g. to 'nvidia-a10', 'nvidia-t4' or 'nvidia-a100-40gb'.",
  ]],
  ['TPU without topology', (s) => { s.models[0].accelerator = { type: 'tpu-v6e' }; delete s.targets.aws; delete s.targets.azure; }, ["spec.models[0].accelerator.topology: tpu-v6e needs a topology: single-host '1x1', '2x2' or '2x4'; multi-host '4x4', '4x8', '8x8', '8x16' or '16x16'"]],
  ['TPU with a topology of another generation', (s) => { s.models[0].accelerator = { type: 'tpu-v5p', topology: '2x2' }; delete s.targets.aws; delete s.targets.azure; }, ["spec.models[0].accelerator.topology: '2x2' is not a tpu-v5p topology; use single-host '2x2x1' or multi-host '2x2x2', '2x2x4', '2x4x4', '4x4x4', '4x4x8', '4x8x8', '8x8x8', '8x8x16', '8x16x16', '16x16x16' or '16x16x24'. Nearest in size: '2x2x1' or '2x2x2'."]],
  ['TPU count contradicting topology', (s) => { s.models[0].accelerator = { type: 'tpu-v5e', topology: '2x2', count: 8 }; delete s.targets.aws; delete s.targets.azure; }, ['spec.models[0].accelerator.count: count 8 does not match topology 2x2 (4 chips); remove count or set it to 4']],
  ['topology on a GPU', (s) => { s.models[0].accelerator.topology = '2x2'; }, ["spec.models[0].accelerator.topology: topology applies to TPUs only; 'nvidia-a100-80gb' is a gpu; remove topology and use count"]],
  ['unknown region', (s) => { s.targets.aws.region = 'us-east-9'; }, ["spec.targets.aws.region: unknown AWS region 'us-east-9'. Did you mean 'us-east-1' or 'us-east-2'?"]],
  ['unknown Azure location', (s) => { s.targets.azure.location = 'eastus3'; }, ["spec.targets.azure.location: unknown Azure location 'eastus3'. Did you mean 'eastus' or 'eastus2'?"]],
  ['accelerator not offered in the region', (s) => { s.models = [s.models[0]]; delete s.routing; delete s.queue; s.models[0].overrides = { aws: { accelerator: { type: 'nvidia-h100' } } }; s.targets.aws.region = 'eu-west-1'; }, ["spec.models[0].overrides.aws.accelerator.type: AWS does not offer nvidia-h100 in eu-west-1. Regions that do, nearest first: eu-west-2, eu-north-1, ca-central-1, us-east-2. In eu-west-1: 'aws-inferentia2', 'nvidia-a100-40gb', 'nvidia-a10g' or 'nvidia-t4'."]],
  ['more accelerators than any machine carries', (s) => { s.models[0].accelerator.count = 16; delete s.targets.gcp; delete s.targets.azure; }, ['spec.models[0].accelerator.type: AWS does not offer 16 x nvidia-a100-80gb on one machine (at most 8) in us-east-1.']],
  ['memory does not fit', (s) => { s.models[1].precision = 'bf16'; }, ['spec.models[1].accelerator: meta-llama/Llama-3.1-70B-Instruct at bf16 needs about 156.5 GiB: 130.4 GiB of weights + 26.1 GiB for KV cache and activations; 1 x nvidia-a100-80gb has 80 GiB, of which the server uses 90% (72 GiB). Use count: 4 or a larger accelerator (e.g. nvidia-h100-nvl x2).']],
  ['memory does not fit on a small GPU', (s) => { s.models[1].accelerator = { type: 'nvidia-l4', count: 1 }; s.models[1].precision = 'bf16'; delete s.targets.azure; }, ['spec.models[1].accelerator: meta-llama/Llama-3.1-70B-Instruct at bf16 needs about 156.5 GiB: 130.4 GiB of weights + 26.1 GiB for KV cache and activations; 1 x nvidia-l4 has 24 GiB, of which the server uses 90% (21.6 GiB). Use count: 8 or a larger accelerator (e.g. nvidia-l40s x4).']],
  ['a long context that does not fit beside the weights', (s) => { s.models[1].maxContextTokens = 131072; s.models[1].accelerator = { type: 'nvidia-h100', count: 1 }; s.targets = { aws: s.targets.aws }; }, ['spec.models[1].accelerator: meta-llama/Llama-3.1-70B-Instruct at int4 needs about 75.1 GiB: 32.6 GiB of weights + 42.5 GiB for KV cache and activations (one 131072-token sequence); 1 x nvidia-h100 has 80 GiB, of which the server uses 90% (72 GiB). Use count: 2 or a larger accelerator (e.g. nvidia-h200 x1) or a smaller maxContextTokens.']],
  ['tags that merge on GCP', (s) => { s.tags = { 'Cost.Center': 'a', 'cost_center': 'b' }; }, [
    "spec.tags.cost_center: tags 'Cost.Center' and 'cost_center' both become GCP label 'cost_center'; rename one so they stay distinct",
  ]],
  ['tags that differ only in case collide on Azure', (s) => { s.tags = { Team: 'a', team: 'b' }; }, [
    "spec.tags.team: tags 'Team' and 'team' both become GCP label 'team'; rename one so they stay distinct",
    "spec.tags.team: tags 'Team' and 'team' both become Azure tag 'team'; rename one so they stay distinct",
  ]],
  ['tag key with characters Azure forbids', (s) => { s.tags = { 'team/owner': 'ml' }; }, [
    "spec.tags[\"team/owner\"]: Azure tag key 'team/owner' contains '/', which Azure tags do not allow; rename the key",
  ]],
  ['tag key GCP cannot start', (s) => { s.tags = { '1team': 'ml' }; }, [
    "spec.tags[\"1team\"]: GCP label key '1team' does not start with a lowercase letter; rename the key",
  ]],
  ['reserved AWS tag prefix', (s) => { s.tags = { 'aws:owner': 'x' }; delete s.targets.gcp; delete s.targets.azure; }, [
    "spec.tags[\"aws:owner\"]: AWS tag keys starting with 'aws:' are reserved; rename the key",
  ]],
  ['TPU topology suggestions by size, not spelling', (s) => { s.models[0].accelerator = { type: 'tpu-v6e', topology: '3x3' }; delete s.targets.aws; delete s.targets.azure; }, ["spec.models[0].accelerator.topology: '3x3' is not a tpu-v6e topology; use single-host '1x1', '2x2' or '2x4' or multi-host '4x4', '4x8', '8x8', '8x16' or '16x16'. Nearest in size: '2x4' or '2x2'."]],
  ['AWS tag value with characters AWS forbids', (s) => { s.tags = { owner: '<ml>' }; delete s.targets.gcp; delete s.targets.azure; }, ["spec.tags.owner: AWS tag value '<ml>' contains '<', '>', which AWS tags do not allow"]],
  ['AWS tag key too long', (s) => { s.tags = { ['k'.repeat(129)]: 'v' }; delete s.targets.gcp; delete s.targets.azure; }, [`spec.tags.${'k'.repeat(129)}: must be at most 128 characters (the longest tag key AWS takes), got 129`]],
  ['non-ASCII tag key as a Kubernetes label', (s) => { s.tags = { 'équipe': 'ml' }; delete s.targets.gcp; delete s.targets.azure; }, ["spec.tags[\"équipe\"]: Kubernetes label key 'équipe' becomes '_quipe', which does not start and end with a letter or digit; rename the key"]],
  ['queue attempts below the Pub/Sub minimum', (s) => { s.queue = { maxDeliveryAttempts: 3 }; }, ['spec.queue.maxDeliveryAttempts: Pub/Sub (gcp) allows 5 to 100 delivery attempts before dead-lettering, got 3; use 5']],
  ['unknown on-prem accelerator', (s) => { s.onPrem = { acceleratorType: 'h100', acceleratorsPerServer: 8, serverCapexUsd: 1, amortizationMonths: 36, powerKwPerServer: 10, usdPerKwh: 0.1 }; }, ["spec.onPrem.acceleratorType: unknown accelerator 'h100'. Did you mean 'nvidia-h100' or 'nvidia-h100-nvl'?"]],
];

// Issue 12: names, namespaces, budgets and what the renderers cannot deploy.
const issue12: [string, (s: Record<string, any>) => void, string[]][] = [
  ['a model named like the router (defect 1)', (s) => { s.models[0].name = 'router'; s.routing = { default: 'router', rules: [{ to: 'large', when: { minPromptTokens: 4000 } }] }; }, [
    "spec.models[0].name: 'router' would name the model's objects 'demo-router', which is the router's Deployment, Service and ServiceAccount; rename the model, e.g. 'router-model'",
  ]],
  ['a model named like the router ConfigMap', (s) => { s.models[2].name = 'router-config'; }, [
    "spec.models[2].name: 'router-config' would name the model's objects 'demo-router-config', which is the router's ConfigMap; rename the model, e.g. 'router-config-model'",
  ]],
  ['a model named like a service account', (s) => { s.models[2].name = 'model-server'; }, [
    "spec.models[2].name: 'model-server' would name the model's objects 'demo-model-server', which is the model servers' ServiceAccount; rename the model, e.g. 'model-server-model'",
  ]],
  ['kube-system as the stack name (defect 2)', (s) => { s.metadata.name = 'kube-system'; }, [
    "spec.metadata.name: 'kube-system' is a system namespace (Kubernetes reserves 'default' and 'kube-*'; KEDA, Prometheus and the clouds' add-ons run in others); the stack's namespace is deleted with the stack, so use another name, e.g. 'system-inference'",
  ]],
  ['the Prometheus namespace as the stack name', (s) => { s.metadata.name = 'monitoring'; }, [
    "spec.metadata.name: 'monitoring' is a system namespace (Kubernetes reserves 'default' and 'kube-*'; KEDA, Prometheus and the clouds' add-ons run in others); the stack's namespace is deleted with the stack, so use another name, e.g. 'monitoring-inference'",
  ]],
  ['a name that makes kube-<environment>', (s) => { s.metadata.name = 'kube'; s.metadata.environment = 'system'; }, [
    "spec.metadata.name: the stack's namespace would be 'kube-<environment>', and names starting with 'kube-' are reserved for system namespaces; the stack's namespace is deleted with the stack, so use another name, e.g. 'inference'",
  ]],
  ['a name and environment that make gmp-system (GKE managed Prometheus)', (s) => { s.metadata.name = 'gmp'; s.metadata.environment = 'system'; }, [
    "spec.metadata.name: the stack's namespace would be 'gmp-system', which is a system namespace (Kubernetes reserves 'default' and 'kube-*'; KEDA, Prometheus and the clouds' add-ons run in others); the stack's namespace is deleted with the stack, so use another name, e.g. 'gmp-inference'",
  ]],
  ['a system name is found even when the environment is broken (defect 11)', (s) => { s.metadata.name = 'keda'; s.metadata.environment = 'Prod'; }, [
    "spec.metadata.environment: 'Prod' is not an environment name: use lowercase letters, digits and '-', starting and ending with a letter or digit; did you mean 'prod'?",
    "spec.metadata.name: 'keda' is a system namespace (Kubernetes reserves 'default' and 'kube-*'; KEDA, Prometheus and the clouds' add-ons run in others); the stack's namespace is deleted with the stack, so use another name, e.g. 'keda-inference'",
  ]],
  ['more budget notifications than AWS and Azure take (defect 5)', (s) => { s.budget.alertThresholdsPercent = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]; }, [
    'spec.budget.alertThresholdsPercent: AWS budgets take at most 10 notifications; 10 thresholds plus the forecast alert make 11; remove 1 or set forecastAlert: false',
    'spec.budget.alertThresholdsPercent: Azure budgets take at most 5 notifications; 10 thresholds plus the forecast alert make 11; remove 6 or set forecastAlert: false',
  ]],
  ['more budget emails than AWS and GCP take', (s) => { s.budget.notifyEmails = Array.from({ length: 11 }, (_, i) => `a${i}@example.com`); delete s.targets.azure; }, [
    'spec.budget.notifyEmails: AWS budgets send each notification to at most 10 email addresses, got 11; use a mailing-list address',
    'spec.budget.notifyEmails: GCP budgets send each notification to at most 5 email addresses, got 11; use a mailing-list address',
  ]],
  ['more tags than a resource carries', (s) => { s.tags = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`t${i}`, 'v'])); delete s.targets.gcp; delete s.targets.azure; }, [
    "spec.tags: 51 tags (inferstack's own included) exceed the 50 AWS tags one resource may carry; remove 1",
  ]],
  ['a multi-host TPU slice, which one pod per replica cannot run', (s) => { s.models[0].accelerator = { type: 'tpu-v6e', topology: '4x4' }; s.targets = { gcp: s.targets.gcp }; }, [
    "spec.models[0].accelerator.topology: TPU topology 4x4 spans 4 hosts; inferstack renders one pod per replica, so use a single-host topology ('1x1', '2x2' or '2x4')",
  ]],
];

describe.each(issue12)('%s', (_name, mutate, expected) => {
  it('reports exactly this', () => {
    expect(messages(specWith(mutate))).toEqual(expected);
  });
});

describe('Kubernetes label values are legal after normalisation (defect 8)', () => {
  const labels = (tags: Record<string, string>) => resolvePlan(parseSpec(specWith((s) => { s.tags = tags; })), 'gcp').labels;
  it("drops separators at a value's ends: 'ml-' and a value cut at 63 ending in '.'", () => {
    const l = labels({ team: 'ml-', long: `${'a'.repeat(62)}.b`, dots: '...' });
    expect(l.team).toBe('ml');
    expect(l.long).toBe('a'.repeat(62));
    expect(l.dots).toBe('');
  });
});

describe.each(cases)('%s', (_name, mutate, expected) => {
  it('reports exactly this', () => {
    expect(messages(specWith(mutate))).toEqual(expected);
  });
});

it('accepts the base spec', () => {
  expect(messages(specWith(() => undefined))).toEqual([]);
});

test('Pub/Sub keeps messages up to 31 days, so every retention the spec allows (336 h) passes on GCP', () => {
  expect(messages(specWith((s) => { s.queue = { retentionHours: 336 }; delete s.targets.aws; delete s.targets.azure; }))).toEqual([]);
});
