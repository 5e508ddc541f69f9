/**
 * Specs the GCP tests render besides the examples: shapes an outside reviewer would try (TPU
 * slices, a spot pool over an on-demand floor, a queue-only stack, several models), each with a
 * GCP target only.
 */
import { join } from 'node:path';
import { defineSpec } from '../../../lib';
import { loadSpecFile } from '../../../lib/load';
import { InferenceSpec, InferenceSpecInput } from '../../../lib/spec/schema';
import { EXAMPLES_DIR } from '../../support/specs';

const base = (name: string): Pick<InferenceSpecInput, 'apiVersion' | 'kind' | 'metadata' | 'targets' | 'tags'> => ({
  apiVersion: 'inferstack.dev/v1alpha1',
  kind: 'InferenceStack',
  metadata: { name, environment: 'staging' },
  tags: { team: 'ml-serving', 'Cost Center': 'CC-42' },
  targets: { gcp: { project: 'acme-inference', region: 'us-central1' } },
});

/** Hidden-style specs by name. */
export const HIDDEN_SPECS: Readonly<Record<string, InferenceSpecInput>> = {
  // TPU: a one-chip v6e pool (no placement policy) and a 2x4 v6e slice on one host (COMPACT 2x4).
  'tpu-serving': {
    ...base('tpu-serving'),
    models: [
      { name: 'gemma', model: 'google/gemma-2-9b-it', parametersBillion: 9, accelerator: { type: 'tpu-v6e', topology: '1x1' }, replicas: { min: 0, max: 4 }, capacity: { spot: true, onDemandBase: 0 } },
      { name: 'llama', model: 'meta-llama/Llama-3.1-70B-Instruct', parametersBillion: 70, precision: 'bf16', accelerator: { type: 'tpu-v6e', topology: '2x4' }, replicas: { min: 1, max: 3 } },
    ],
    routing: { default: 'gemma', rules: [{ to: 'llama', when: { minPromptTokens: 2000 } }] },
  },
  // Spot with an on-demand floor: 2 on-demand replicas, the rest spot, two GPUs a replica.
  'spot-floor': {
    ...base('spot-floor'),
    models: [
      {
        name: 'chat',
        model: 'Qwen/Qwen2.5-32B-Instruct',
        parametersBillion: 32,
        precision: 'fp8',
        accelerator: { type: 'nvidia-l4', count: 2 },
        replicas: { min: 1, max: 12 },
        capacity: { spot: true, onDemandBase: 2 },
      },
    ],
    budget: { monthlyUsd: 25000.5, alertThresholdsPercent: [25, 50, 90], forecastAlert: false, notifyEmails: ['ml@example.com', 'finops@example.com'] },
  },
  // Queue only: no router, no budget.
  'queue-only': {
    ...base('queue-only'),
    models: [
      {
        name: 'transcriber',
        serve: 'queue',
        engine: 'custom',
        image: 'us-docker.pkg.dev/acme/workers/whisper:3.1.0',
        model: 'openai/whisper-large-v3',
        parametersBillion: 1.6,
        precision: 'fp16',
        accelerator: { type: 'nvidia-l4', count: 1 },
        replicas: { min: 0, max: 6 },
        capacity: { spot: true, onDemandBase: 0 },
      },
    ],
    queue: { maxDeliveryAttempts: 7, visibilityTimeoutSeconds: 300, retentionHours: 24 },
  },
  // Several models: H100, A100 80GB, L4 and a queue worker behind one router, with a budget.
  'several-models': {
    ...base('several-models'),
    models: [
      { name: 'small', model: 'meta-llama/Llama-3.1-8B-Instruct', parametersBillion: 8, accelerator: { type: 'nvidia-l4', count: 1 }, replicas: { min: 1, max: 6 }, capacity: { spot: true, onDemandBase: 1 } },
      { name: 'medium', model: 'Qwen/Qwen2.5-32B-Instruct', parametersBillion: 32, precision: 'int4', accelerator: { type: 'nvidia-a100-80gb', count: 1 }, replicas: { min: 0, max: 4 } },
      { name: 'large', model: 'meta-llama/Llama-3.1-405B-Instruct-FP8', parametersBillion: 405, precision: 'fp8', accelerator: { type: 'nvidia-h100', count: 8 }, replicas: { min: 0, max: 1 } },
      { name: 'embed', serve: 'queue', engine: 'custom', image: 'registry.example.com/embed:2.0.1', model: 'BAAI/bge-m3', parametersBillion: 0.57, accelerator: { type: 'nvidia-l4' }, replicas: { min: 0, max: 3 } },
    ],
    routing: { default: 'small', rules: [{ to: 'medium', when: { minPromptTokens: 3000 } }, { to: 'large', when: { header: { name: 'x-tier', value: 'max' } } }], fallbacks: { small: ['medium'] } },
    queue: {},
    budget: { monthlyUsd: 90000, notifyEmails: ['platform@example.com'] },
  },
};

/** Examples with a GCP target. */
export const GCP_EXAMPLES = ['support-assistant', 'batch-embeddings'] as const;

/** An example (by file name without .yaml) or a hidden-style spec (by its key). */
export function gcpSpec(name: string): InferenceSpec {
  const hidden = HIDDEN_SPECS[name];
  return hidden ? defineSpec(hidden) : loadSpecFile(join(EXAMPLES_DIR, `${name}.yaml`));
}

/** Every spec the GCP graph tests render. */
export const ALL_GCP_SPECS: readonly string[] = [...GCP_EXAMPLES, ...Object.keys(HIDDEN_SPECS)];
