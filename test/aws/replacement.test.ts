/**
 * Replacement safety: edits of replicas, budget and tag values, synthesized twice and diffed.
 * The logical ids stay, only properties that update in place change (tags, the budget limit,
 * Kubernetes manifests, nested-stack template URLs), no Kubernetes object is renamed (the kubectl
 * handler would delete and recreate it), and tag and budget edits leave every pod template and
 * every NodePool/NodeClass drift field as it was: no model server restarts, no node is replaced.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { defineSpec } from '../../lib';
import { InferenceSpec } from '../../lib/spec/schema';
import { InferenceStack } from '../../stacks/aws-stack';
import { exampleSpec, flatten } from './support/synth';

interface Synth {
  /** Template per stack: 'main', then each pool's model name. */
  readonly templates: Record<string, Record<string, any>>;
}

function synth(spec: InferenceSpec): Synth {
  // Same stack id every time: logical ids and prune labels derive from construct paths.
  const app = new App({ context: { 'aws:cdk:disable-asset-staging': true }, builtinCloudFormationValidation: false });
  const stack = new InferenceStack(app, 'Inference', { spec });
  app.synth();
  const templates: Record<string, Record<string, any>> = { main: Template.fromStack(stack).toJSON() };
  for (const [model, nested] of Object.entries(stack.deployment.poolStacks)) templates[model] = Template.fromStack(nested).toJSON();
  return { templates };
}

function edited(edit: (s: any) => void): InferenceSpec {
  const s = JSON.parse(JSON.stringify(exampleSpec('support-assistant')));
  edit(s);
  return defineSpec(s);
}

/** Paths (a/b/c) where two JSON values differ. */
function diffPaths(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffPaths((a as any)[k], (b as any)[k], `${path}/${k}`));
  }
  return [path];
}

const KUBERNETES = 'Custom::AWSCDK-EKS-KubernetesResource';
const objectsOf = (r: any): any[] => JSON.parse(flatten(r.Properties.Manifest));
const identity = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Every Kubernetes object of a synthesis by identity, with the manifest resource that applies it. */
function kubernetesObjects(s: Synth): Map<string, { where: string; object: any }> {
  const out = new Map<string, { where: string; object: any }>();
  for (const [name, t] of Object.entries(s.templates)) {
    for (const [id, r] of Object.entries(t.Resources as Record<string, any>)) {
      if (r.Type === KUBERNETES) for (const o of objectsOf(r)) out.set(identity(o), { where: `${name}/${id}`, object: o });
    }
  }
  return out;
}

/** Properties that update in place (no replacement) for the resources whose values edits touch. */
const IN_PLACE = [
  /^\/Properties\/(Tags|ResourceTags)(\/|$)/, // tags update in place on every taggable type (AWS::Budgets::Budget calls them ResourceTags)
  /^\/Properties\/Manifest(\/|$)/, // the kubectl handler applies the new manifest, same physical id (objects checked below)
  /^\/Properties\/TemplateURL(\/|$)/, // a nested stack's new template: an update of that stack
  /^\/Properties\/Budget\/BudgetLimit\/Amount$/, // AWS::Budgets::Budget BudgetData is updatable; only NotificationsWithSubscribers is create-only
];

let base: Synth;
beforeAll(() => {
  base = synth(exampleSpec('support-assistant'));
});

const EDITS: [string, (s: any) => void, { podTemplates: boolean }][] = [
  ['a tag value', (s) => (s.tags = { ...s.tags, team: 'another-team', project: 'p-42' }), { podTemplates: true }],
  ['the budget limit', (s) => (s.budget = { ...s.budget, monthlyUsd: 55000 }), { podTemplates: true }],
  ['replicas', (s) => {
    s.models[0].replicas = { min: 2, max: 30 };
    s.models[1].replicas = { min: 0, max: 4 };
  }, { podTemplates: true }],
];

describe.each(EDITS)('editing %s', (_what, edit, expectations) => {
  let after: Synth;
  beforeAll(() => {
    after = synth(edited(edit));
  });

  it('keeps every stack and logical id, and changes only properties that update in place', () => {
    expect(Object.keys(after.templates)).toEqual(Object.keys(base.templates));
    for (const [name, t] of Object.entries(base.templates)) {
      const [b, a] = [t.Resources as Record<string, any>, after.templates[name].Resources as Record<string, any>];
      expect({ name, ids: Object.keys(a).sort() }).toEqual({ name, ids: Object.keys(b).sort() });
      for (const id of Object.keys(b)) {
        expect(a[id].Type).toBe(b[id].Type);
        const unexpected = diffPaths(b[id], a[id]).filter((p) => !IN_PLACE.some((re) => re.test(p)));
        expect({ resource: `${name}/${id}`, unexpected }).toEqual({ resource: `${name}/${id}`, unexpected: [] });
      }
    }
  });

  it('renames no Kubernetes object and moves none to another manifest', () => {
    const [b, a] = [kubernetesObjects(base), kubernetesObjects(after)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [key, { where }] of b) expect({ key, where: a.get(key)!.where }).toEqual({ key, where });
  });

  if (expectations.podTemplates) {
    it('leaves every pod template and every node drift field unchanged: no server restarts, no node is replaced', () => {
      const [b, a] = [kubernetesObjects(base), kubernetesObjects(after)];
      for (const [key, { object }] of b) {
        const now = a.get(key)!.object;
        if (object.kind === 'Deployment') expect({ key, template: now.spec.template }).toEqual({ key, template: object.spec.template });
        if (object.kind === 'NodePool') expect({ key, template: now.spec.template }).toEqual({ key, template: object.spec.template });
        if (object.kind === 'NodeClass') expect({ key, spec: now.spec }).toEqual({ key, spec: object.spec });
      }
    });
  }
});

describe('editing the budget alerts', () => {
  it('replaces the budget under a new name, so the replacement does not collide with the budget it replaces', () => {
    const after = synth(edited((s) => (s.budget = { ...s.budget, alertThresholdsPercent: [60, 90] })));
    const budgetOf = (s: Synth) => Object.values(s.templates.main.Resources as Record<string, any>).find((r) => r.Type === 'AWS::Budgets::Budget')!;
    const [b, a] = [budgetOf(base), budgetOf(after)];
    // NotificationsWithSubscribers is create-only (AWS::Budgets::Budget resource schema): CloudFormation replaces the budget.
    expect(a.Properties.NotificationsWithSubscribers).not.toEqual(b.Properties.NotificationsWithSubscribers);
    expect(a.Properties.Budget.BudgetName).not.toBe(b.Properties.Budget.BudgetName);
    expect(a.Properties.Budget.BudgetName).toMatch(/^support-assistant-prod-budget-[0-9a-f]{6}$/);
    // A limit edit keeps the name: it updates in place.
    const limit = synth(edited((s) => (s.budget = { ...s.budget, monthlyUsd: 55000 })));
    expect(budgetOf(limit).Properties.Budget.BudgetName).toBe(b.Properties.Budget.BudgetName);
  });
});
