/** Generated specs for benchmarks: N models spread over accelerators that every target offers. */
import { InferenceSpecInput } from '../lib/spec/schema';

/** A valid spec with `n` online models (plus routing) on the given targets. */
export function generateSpec(n: number): InferenceSpecInput {
  const accelerators = [
    { type: 'nvidia-a100-80gb', params: 13 },
    { type: 'nvidia-a100-80gb', params: 30 },
    { type: 'nvidia-a100-40gb', params: 8 },
  ];
  const models = Array.from({ length: n }, (_, i) => {
    const a = accelerators[i % accelerators.length];
    return {
      name: `model-${i}`,
      model: `org/model-${i}`,
      parametersBillion: a.params,
      accelerator: { type: a.type, count: 1 },
      replicas: { min: i % 3 === 0 ? 1 : 0, max: 4 + (i % 5) },
      capacity: { spot: i % 2 === 0, onDemandBase: i % 2 === 0 ? 1 : 0 },
      throughput: { requestsPerSecondPerReplica: 2 + (i % 7) },
    };
  });
  return {
    apiVersion: 'inferstack.dev/v1alpha1',
    kind: 'InferenceStack',
    metadata: { name: 'bench', environment: 'bench' },
    tags: { team: 'bench' },
    targets: { aws: { region: 'us-east-1' }, gcp: { project: 'bench-project', region: 'us-central1' }, azure: { location: 'eastus' } },
    models,
    routing: { default: 'model-0', rules: models.slice(1, 10).map((m, i) => ({ to: m.name, when: { header: { name: 'x-model', value: String(i) } } })) },
    traffic: { requestsPerSecond: { mean: 200, peak: 900 }, pattern: 'business-hours', inputTokens: 800, outputTokens: 200 },
    budget: { monthlyUsd: 5_000_000 },
  };
}
