/** Specs, graphs and lookups shared by the Azure tests: each spec's graph is recorded once per test file. */
import { join } from 'node:path';
import { loadSpecFile } from '../../lib/load';
import { ResourceGraph, GraphResource } from '../../lib/util/resource-graph';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferencePlan } from '../../lib/plan/types';
import { parseSpec } from '../../lib/spec';
import { InferenceSpec } from '../../lib/spec/schema';
import { synthPulumiGraph } from '../../stacks/pulumi/program';

const example = (name: string) => loadSpecFile(join(__dirname, '..', '..', 'examples', `${name}.yaml`));

/** Specs a reviewer would try besides the examples. */
export const HIDDEN_SPECS: Readonly<Record<string, () => InferenceSpec>> = {
  // Spot capacity above a Regular (on-demand) floor of two replicas, five budget notifications.
  'spot-floor': () =>
    parseSpec({
      apiVersion: 'inferstack.dev/v1alpha1',
      kind: 'InferenceStack',
      metadata: { name: 'chat-spot', environment: 'staging' },
      tags: { team: 'assist', 'cost-center': 'cc-42' },
      targets: { azure: { location: 'eastus' } },
      models: [
        {
          name: 'chat',
          model: 'meta-llama/Llama-3.1-8B-Instruct',
          parametersBillion: 8,
          accelerator: { type: 'nvidia-a100-80gb', count: 1 },
          replicas: { min: 2, max: 10 },
          capacity: { spot: true, onDemandBase: 2 },
          scaling: { targetWaitingRequests: 4, scaleDownDelaySeconds: 420 },
        },
      ],
      budget: { monthlyUsd: 50000, alertThresholdsPercent: [25, 50, 75, 90], forecastAlert: true, notifyEmails: ['finops@example.com', 'oncall@example.com'] },
    }),
  // Only a queue consumer: no router, no budget, an existing resource group named by the spec.
  'queue-only': () =>
    parseSpec({
      apiVersion: 'inferstack.dev/v1alpha1',
      kind: 'InferenceStack',
      metadata: { name: 'transcribe', environment: 'prod' },
      tags: { team: 'media' },
      targets: { azure: { location: 'westeurope', resourceGroupName: 'rg-media-transcribe' } },
      models: [
        {
          name: 'whisper',
          serve: 'queue',
          engine: 'custom',
          image: 'registry.example.com/asr-worker:3.1.0',
          model: 'openai/whisper-large-v3',
          parametersBillion: 1.55,
          accelerator: { type: 'nvidia-t4', count: 1 },
          replicas: { min: 0, max: 6 },
          scaling: { targetQueueMessages: 10, scaleDownDelaySeconds: 120 },
        },
      ],
      queue: { maxDeliveryAttempts: 3, visibilityTimeoutSeconds: 120, retentionHours: 24 },
    }),
  // Several models, two of which AKS would name alike (chat-small, chatsmall), plus a queue worker.
  'many-models': () =>
    parseSpec({
      apiVersion: 'inferstack.dev/v1alpha1',
      kind: 'InferenceStack',
      metadata: { name: 'assist', environment: 'dev' },
      tags: { team: 'ml', 'cost-center': 'cc-7' },
      targets: { azure: { location: 'eastus' } },
      models: [
        { name: 'chat-small', model: 'meta-llama/Llama-3.1-8B-Instruct', parametersBillion: 8, accelerator: { type: 'nvidia-a10', count: 1 }, replicas: { min: 1, max: 6 }, capacity: { spot: true, onDemandBase: 1 } },
        { name: 'chatsmall', model: 'Qwen/Qwen2.5-7B-Instruct', parametersBillion: 7, accelerator: { type: 'nvidia-a10', count: 1 }, replicas: { min: 0, max: 4 }, capacity: { spot: true, onDemandBase: 1 } },
        { name: 'chat-large', model: 'meta-llama/Llama-3.1-70B-Instruct', parametersBillion: 70, precision: 'int4', accelerator: { type: 'nvidia-a100-80gb', count: 1 }, replicas: { min: 0, max: 2 } },
        { name: 'embed', serve: 'queue', engine: 'custom', image: 'registry.example.com/embed:1.0.0', model: 'BAAI/bge-large-en-v1.5', parametersBillion: 0.335, accelerator: { type: 'nvidia-t4' }, replicas: { max: 3 } },
      ],
      routing: { default: 'chat-small', rules: [{ to: 'chat-large', when: { minPromptTokens: 4000 } }, { to: 'chatsmall', when: { header: { name: 'x-model', value: 'qwen' } } }] },
      queue: { maxDeliveryAttempts: 8, visibilityTimeoutSeconds: 600, retentionHours: 48 },
      budget: { monthlyUsd: 30000, notifyEmails: ['ml@example.com'] },
    }),
};

/** Every spec with an Azure target the tests render: the examples and the hidden-style ones. */
export const SPECS: Readonly<Record<string, () => InferenceSpec>> = {
  'support-assistant': () => example('support-assistant'),
  'batch-embeddings': () => example('batch-embeddings'),
  ...HIDDEN_SPECS,
};

/** Config per spec: the queue-only spec deploys into its existing resource group. */
const CONFIG: Readonly<Record<string, Record<string, string>>> = { 'queue-only': { existingResourceGroup: 'true' } };

export interface AzureCase {
  readonly name: string;
  readonly spec: InferenceSpec;
  readonly plan: InferencePlan;
  readonly graph: ResourceGraph;
}

const cache = new Map<string, Promise<AzureCase>>();

/** The spec, its Azure plan and the graph `inferstack synth --cloud azure` records for it. */
export function azureCase(name: string): Promise<AzureCase> {
  if (!cache.has(name)) {
    const spec = SPECS[name]();
    const plan = resolvePlan(spec, 'azure');
    cache.set(name, synthPulumiGraph(spec, plan, CONFIG[name] ?? {}).then((graph) => ({ name, spec, plan, graph })));
  }
  return cache.get(name)!;
}

export const ofType = (g: ResourceGraph, type: string): GraphResource[] => g.resources.filter((r) => r.type === type);
export const inputs = (r: GraphResource): any => r.inputs as any;
export const AGENT_POOL = 'azure-native:containerservice:AgentPool';
export const CLUSTER = 'azure-native:containerservice:ManagedCluster';
export const ROLE_ASSIGNMENT = 'azure-native:authorization:RoleAssignment';
export const FEDERATED_CREDENTIAL = 'azure-native:managedidentity:FederatedIdentityCredential';
export const IDENTITY = 'azure-native:managedidentity:UserAssignedIdentity';

/** Kubernetes objects of a kind in the graph (patches of existing objects excluded). */
export const k8sObjects = (g: ResourceGraph, kind: string): any[] =>
  g.resources.filter((r) => r.type.startsWith('kubernetes:') && !r.type.endsWith('Patch') && inputs(r).kind === kind).map(inputs);
