/** Specs as typed TypeScript objects. */
import { defineSpec, resolvePlan, SpecValidationError } from '../../lib';

it('accepts a typed object and applies defaults', () => {
  const spec = defineSpec({
    apiVersion: 'inferstack.dev/v1alpha1',
    kind: 'InferenceStack',
    metadata: { name: 'typed' },
    targets: { gcp: { project: 'acme-ml', region: 'us-central1' } },
    models: [{ name: 'chat', model: 'google/gemma-2-9b-it', parametersBillion: 9, accelerator: { type: 'tpu-v6e', topology: '2x2' }, replicas: { max: 2 } }],
  });
  expect(spec.models[0].serve).toBe('online');
  expect(resolvePlan(spec, 'gcp').pools[0].machine.instanceType).toBe('ct6e-standard-4t');
});

it('throws every problem of a typed object at once', () => {
  expect(() =>
    defineSpec({
      apiVersion: 'inferstack.dev/v1alpha1',
      kind: 'InferenceStack',
      metadata: { name: 'typed' },
      targets: { aws: { region: 'us-east-1' } },
      models: [{ name: 'chat', model: 'm', parametersBillion: 9, accelerator: { type: 'tpu-v6e', topology: '2x2' }, replicas: { min: 3, max: 2 } }],
    }),
  ).toThrow(SpecValidationError);
});
