/** A valid spec to mutate in table-driven tests, and helpers to load the examples. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSpecInput } from '../../lib/spec/schema';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
export const exampleFiles = (): string[] => readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).sort();

/** Two online models and a queue model on all three clouds; every rule passes. */
export function baseSpec(): InferenceSpecInput & Record<string, unknown> {
  return {
    apiVersion: 'inferstack.dev/v1alpha1',
    kind: 'InferenceStack',
    metadata: { name: 'demo', environment: 'test' },
    tags: { team: 'ml' },
    targets: { aws: { region: 'us-east-1' }, gcp: { project: 'demo-project', region: 'us-central1' }, azure: { location: 'eastus' } },
    models: [
      {
        name: 'small',
        model: 'meta-llama/Llama-3.1-8B-Instruct',
        parametersBillion: 8,
        accelerator: { type: 'nvidia-a100-80gb', count: 1 },
        replicas: { min: 0, max: 4 },
      },
      {
        name: 'large',
        model: 'meta-llama/Llama-3.1-70B-Instruct',
        parametersBillion: 70,
        precision: 'int4',
        accelerator: { type: 'nvidia-a100-80gb', count: 1 },
        replicas: { min: 0, max: 2 },
      },
      {
        name: 'worker',
        serve: 'queue',
        engine: 'custom',
        image: 'registry.example.com/worker:1.0.0',
        model: 'BAAI/bge-large-en-v1.5',
        parametersBillion: 0.335,
        accelerator: { type: 'nvidia-a100-80gb' },
        replicas: { max: 3 },
      },
    ],
    routing: { default: 'small', rules: [{ to: 'large', when: { minPromptTokens: 4000 } }], fallbacks: { small: ['large'] } },
    queue: {},
    budget: { monthlyUsd: 10000, notifyEmails: ['a@example.com'] },
    traffic: { requestsPerSecond: { mean: 1, peak: 2 }, outputTokens: 100 },
  };
}

/** Apply a mutation to a fresh base spec. */
export function specWith(mutate: (s: Record<string, any>) => void): Record<string, any> {
  const s = baseSpec() as Record<string, any>;
  mutate(s);
  return s;
}
