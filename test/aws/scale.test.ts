/**
 * Deployable at scale: every template (the stack's and one nested stack per pool) within
 * CloudFormation's quotas, the growth per model small enough for 300 models, and adding a model
 * rewriting no other model's resources. Synthesizing 300 models takes ~20 s, so this measures 1,
 * 10 and 11 models and projects; `npm run bench` synthesizes 100 and 300 and prints the figures.
 */
import { generateSpec } from '../../bench/generate';
import { CFN_QUOTAS, mainTemplate, TemplateFigures, templateFigures } from './support/scale';

let one: TemplateFigures[];
let ten: TemplateFigures[];
let eleven: TemplateFigures[];
beforeAll(() => {
  one = templateFigures(generateSpec(1));
  ten = templateFigures(generateSpec(10));
  eleven = templateFigures(generateSpec(11));
});

test('every template is within the template size, resource, parameter and output quotas', () => {
  for (const figures of [one, ten, eleven]) {
    for (const t of figures) {
      expect({ file: t.file, bytes: t.bytes < CFN_QUOTAS.templateBytes, resources: t.resources <= CFN_QUOTAS.resources, parameters: t.parameters <= CFN_QUOTAS.parameters, outputs: t.outputs <= CFN_QUOTAS.outputs }).toEqual({
        file: t.file,
        bytes: true,
        resources: true,
        parameters: true,
        outputs: true,
      });
    }
  }
});

test('one nested stack per pool, each of the same small size whatever the number of models', () => {
  expect(ten.filter((t) => t.nested)).toHaveLength(10);
  const nested = ten.filter((t) => t.nested);
  for (const t of nested) {
    expect(t.resources).toBe(3); // NodePools, the model server objects, its ScaledObject
    expect(t.bytes).toBeLessThan(32_000);
  }
});

test('300 models fit: the main template grows by a few KB and one resource per model', () => {
  const perModelBytes = (mainTemplate(ten).bytes - mainTemplate(one).bytes) / 9;
  const perModelResources = (mainTemplate(ten).resources - mainTemplate(one).resources) / 9;
  expect(perModelResources).toBe(1);
  expect(perModelBytes).toBeLessThan(2_600);
  const at300 = { bytes: mainTemplate(one).bytes + 299 * perModelBytes, resources: mainTemplate(one).resources + 299 * perModelResources };
  expect(at300.bytes).toBeLessThan(CFN_QUOTAS.templateBytes);
  expect(at300.resources).toBeLessThan(CFN_QUOTAS.resources);
});

test('adding a model rewrites no other model: their pool stacks are byte for byte the same', () => {
  const pools = (figures: TemplateFigures[]) => Object.fromEntries(figures.filter((t) => t.nested).map((t) => [t.file, t.body]));
  const before = pools(ten);
  const after = pools(eleven);
  expect(Object.keys(after)).toEqual(expect.arrayContaining(Object.keys(before)));
  for (const [file, body] of Object.entries(before)) expect({ file, body: after[file] }).toEqual({ file, body });
  // In the main template only the new pool's stack appears and the router's config changes.
  const main = (figures: TemplateFigures[]) => mainTemplate(figures).body;
  const [b, a] = [main(ten), main(eleven)];
  const added = Object.keys(a).filter((id) => !(id in b));
  const changed = Object.keys(b).filter((id) => a[id] !== b[id]);
  expect(added).toEqual([expect.stringMatching(/^InferencePoolsmodel10NestedStack/)]);
  expect(changed).toEqual([expect.stringMatching(/^InferenceWorkloadRouter/)]);
});
