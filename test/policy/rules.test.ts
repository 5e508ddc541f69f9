/**
 * The policy over the plan and the Kubernetes objects: every example is clean on every cloud,
 * and each rule fires, with its id and the resource, on the render broken the way it guards against.
 */
import { KubernetesObject } from '../../lib/k8s';
import { checkPolicies, checkReport, formatCheckReport, POLICY_RULES, PolicyInputs } from '../../lib/policy';
import { InferencePlan } from '../../lib/plan/types';
import { caseOf, cases } from '../k8s/support/fixtures';

const all = cases();
const inputsOf = (example: string, cloud: 'aws' | 'gcp' | 'azure'): PolicyInputs => {
  const c = caseOf(example, cloud);
  return { plan: c.plan, kubernetes: [...c.rendered.objects, ...c.rendered.crdObjects] };
};
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const firing = (inputs: PolicyInputs) => checkPolicies(inputs).findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.resource}`);

/** Apply `edit` to the objects (and plan) of support-assistant on AWS. */
function broken(edit: (objects: any[], plan: any) => void, example = 'support-assistant', cloud: 'aws' | 'gcp' | 'azure' = 'aws'): PolicyInputs {
  const inputs = inputsOf(example, cloud);
  const objects = clone(inputs.kubernetes!) as any[];
  const plan = clone(inputs.plan) as any;
  edit(objects, plan);
  return { plan: plan as InferencePlan, kubernetes: objects as KubernetesObject[] };
}
const named = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const server = (objects: any[]) => named(objects, 'Deployment', 'support-assistant-chat-small');

test('every rule has a unique id, a severity, a reason and a fix', () => {
  const ids = POLICY_RULES.map((r) => r.id);
  expect(ids).toEqual([...new Set(ids)]);
  for (const r of POLICY_RULES) {
    expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(['error', 'warning', 'info']).toContain(r.severity);
    expect(r.reason.length).toBeGreaterThan(40);
    expect(r.fix.length).toBeGreaterThan(20);
  }
});

test.each(all.map((c) => [`${c.example}/${c.cloud}`, c] as const))('%s: no error or warning on what inferstack renders', (_n, c) => {
  const check = checkPolicies({ plan: c.plan, kubernetes: [...c.rendered.objects, ...c.rendered.crdObjects] });
  expect(check.checked).toEqual(['plan', 'kubernetes']);
  // Neuron pools keep a writable root filesystem (docs/k8s.md): a warning, stated, not hidden.
  const expected = c.example === 'batch-embeddings' && c.cloud === 'aws' ? ['container-read-only-root Deployment batch-embeddings-prod/batch-embeddings-embedder'] : [];
  expect(firing({ plan: c.plan, kubernetes: [...c.rendered.objects, ...c.rendered.crdObjects] })).toEqual(expected);
  expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
});

const CASES: [string, PolicyInputs, string[]][] = [
  ['a PodDisruptionBudget removed', broken((os) => os.splice(os.findIndex((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'support-assistant-chat-small'), 1)), ['server-disruption-budget Deployment support-assistant-prod/support-assistant-chat-small']],
  ['no preStop', broken((os) => delete server(os).spec.template.spec.containers[0].lifecycle), ['server-graceful-drain Deployment support-assistant-prod/support-assistant-chat-small']],
  ['a grace period shorter than preStop', broken((os) => (server(os).spec.template.spec.terminationGracePeriodSeconds = 5)), ['server-graceful-drain Deployment support-assistant-prod/support-assistant-chat-small']],
  ['no startup probe on a model server', broken((os) => delete server(os).spec.template.spec.containers[0].startupProbe), ['server-probes Deployment support-assistant-prod/support-assistant-chat-small']],
  ['no disk limit', broken((os) => delete server(os).spec.template.spec.containers[0].resources.limits['ephemeral-storage']), ['container-resources Deployment support-assistant-prod/support-assistant-chat-small']],
  ['privilege escalation allowed', broken((os) => (server(os).spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation = true)), ['container-hardened Deployment support-assistant-prod/support-assistant-chat-small']],
  ['a writable root filesystem', broken((os) => (server(os).spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false)), ['container-read-only-root Deployment support-assistant-prod/support-assistant-chat-small']],
  ['no API key on a server', broken((os) => (server(os).spec.template.spec.containers[0].env = server(os).spec.template.spec.containers[0].env.filter((e: any) => e.name !== 'VLLM_API_KEY'))), ['model-server-api-key Deployment support-assistant-prod/support-assistant-chat-small']],
  ['the API key as a literal', broken((os) => (server(os).spec.template.spec.containers[0].env.find((e: any) => e.name === 'VLLM_API_KEY').valueFrom = undefined, server(os).spec.template.spec.containers[0].env.find((e: any) => e.name === 'VLLM_API_KEY').value = 'sk-1')), ['model-server-api-key Deployment support-assistant-prod/support-assistant-chat-small']],
  ['a token mounted for nothing', broken((os) => (server(os).spec.template.spec.automountServiceAccountToken = true)), ['service-account-token Deployment support-assistant-prod/support-assistant-chat-small']],
  ['no default deny', broken((os) => os.splice(os.findIndex((o) => o.metadata.name === 'support-assistant-default-deny'), 1)), ['network-default-deny namespace support-assistant-prod']],
  [
    'model servers opened to another namespace',
    broken((os) => named(os, 'NetworkPolicy', 'support-assistant-model-servers').spec.ingress.push({ from: [{ namespaceSelector: { matchLabels: {} } }] })),
    ['network-model-servers-router-only Deployment support-assistant-prod/support-assistant-chat-small', 'network-model-servers-router-only Deployment support-assistant-prod/support-assistant-chat-large'],
  ],
  [
    'a toleration of every pool',
    broken((os) => server(os).spec.template.spec.tolerations.push({ key: 'inferstack.dev/pool', operator: 'Exists', effect: 'NoSchedule' })),
    ['accelerator-toleration-scoped Deployment support-assistant-prod/support-assistant-chat-small'],
  ],
  ['the router tolerating a pool', broken((os) => named(os, 'Deployment', 'support-assistant-router').spec.template.spec.tolerations = [{ key: 'inferstack.dev/pool', operator: 'Equal', value: 'chat-large', effect: 'NoSchedule' }]), ['accelerator-toleration-scoped Deployment support-assistant-prod/support-assistant-router']],
  ['an untainted node group', broken((_os, plan) => (plan.pools[1].nodeGroups[0].taints = [])), ['accelerator-pool-tainted node group support-assistant-prod-chat-large-od']],
  ['an online pool on spot without a floor', broken((_os, plan) => Object.assign(plan.pools[0].capacity, { spot: true, onDemandBase: 0 })), ['spot-on-demand-floor pool chat-small']],
  ['a queue without a dead-letter queue', broken((_os, plan) => (plan.queue.deadLetterName = ''), 'batch-embeddings', 'gcp'), ['queue-dead-letter queue batch-embeddings-prod-requests']],
];

test.each(CASES)('%s', (_name, inputs, expected) => {
  expect(firing(inputs)).toEqual(expected);
});

test('a finding carries the rule, severity, cloud, resource, reason and fix', () => {
  const [f] = checkPolicies(CASES[0][1]).findings.filter((x) => x.severity === 'error');
  const rule = POLICY_RULES.find((r) => r.id === 'server-disruption-budget')!;
  expect(f).toEqual({ rule: rule.id, severity: 'error', cloud: 'aws', resource: 'Deployment support-assistant-prod/support-assistant-chat-small', message: 'no PodDisruptionBudget selects its pods', reason: rule.reason, fix: rule.fix });
});

test('the report counts by severity and prints a table with the fixes', () => {
  const report = checkReport([checkPolicies(CASES[0][1]), checkPolicies(inputsOf('support-assistant', 'gcp'))]);
  expect(report.apiVersion).toBe('inferstack.dev/check/v1alpha1');
  expect(report.summary).toEqual({ error: 1, warning: 0, info: 0 });
  const text = formatCheckReport(report, { withFixes: true });
  expect(text).toContain('checked aws: plan, kubernetes; gcp: plan, kubernetes');
  expect(text).toMatch(/error\s+server-disruption-budget\s+aws\s+Deployment support-assistant-prod\/support-assistant-chat-small\s+no PodDisruptionBudget selects its pods/);
  expect(text).toContain('server-disruption-budget: Add a PodDisruptionBudget');
  expect(text.trimEnd().split('\n').pop()).toBe('1 error, 0 warnings, 0 info.');
});
