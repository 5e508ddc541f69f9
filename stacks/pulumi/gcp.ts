/**
 * GCP in the Pulumi program: `inferstack:cloud: gcp` deploys the spec's GCP target as one
 * `InferenceDeployment`, configured by the stack keys of {@link GCP_CONFIG} (docs/gcp.md lists
 * them; examples/pulumi/Pulumi.gcp-prod.yaml is an example stack file).
 */
import * as pulumi from '@pulumi/pulumi';
import { ExistingNetwork, GpuDriverVersion, InferenceDeployment } from '../../lib/gcp';
import { GCP_OFFLINE_MOCKS, OFFLINE_BILLING_ACCOUNT } from '../../lib/gcp/offline';
import { InferencePlan } from '../../lib/plan/types';
import type { InferenceSpec } from '../../lib/spec/types';
import { PulumiCloudProgram } from './program';

/** A stack configuration key of the program (namespace `inferstack`). */
export interface ConfigKey {
  readonly key: string;
  /** How to set it: a string, a boolean, or YAML/JSON (`pulumi config set --path` or the stack file). */
  readonly type: 'string' | 'boolean' | 'list of strings' | 'object';
  readonly required: string | false;
  readonly description: string;
}

/** Every stack configuration key the GCP program reads. */
export const GCP_CONFIG: readonly ConfigKey[] = [
  { key: 'spec', type: 'string', required: 'always', description: 'Path of the inference spec, relative to the project directory.' },
  { key: 'cloud', type: 'string', required: 'always', description: '`gcp` (`azure` deploys the Azure target with the same program).' },
  { key: 'billingAccount', type: 'string', required: 'when the spec has a budget', description: 'Cloud Billing account of the budget, `XXXXXX-XXXXXX-XXXXXX` (`gcloud billing accounts list`).' },
  { key: 'authorizedNetworks', type: 'list of strings', required: false, description: 'CIDR blocks that may reach a public IP endpoint of the Kubernetes API (your CI runners, an office). Default: none, the IP endpoint is private.' },
  { key: 'dnsEndpoint', type: 'boolean', required: false, description: 'Accept traffic from outside the VPC on the DNS-based endpoint, authenticated by Google IAM (what `pulumi up` and kubectl use). Default: true.' },
  { key: 'network', type: 'object', required: false, description: 'An existing VPC: `{network, subnetwork, podsRangeName, servicesRangeName, createNat}`. Default: a new VPC with Cloud NAT.' },
  { key: 'deletionProtection', type: 'boolean', required: false, description: 'Refuse to delete the cluster. Default: true.' },
  { key: 'releaseChannel', type: 'string', required: false, description: 'GKE release channel: RAPID, REGULAR (default), STABLE or EXTENDED.' },
  { key: 'acceleratorZones', type: 'object', required: false, description: 'Zones per model, e.g. `{chat-small: [us-central1-a, us-central1-c]}`. Default: the catalog\'s zones offering each machine, else the cluster\'s zones.' },
  { key: 'nodeZones', type: 'list of strings', required: false, description: 'Zones of the CPU node pools, in order. Default: the catalog\'s, else Compute Engine\'s.' },
  { key: 'gpuDriverVersion', type: 'string', required: false, description: 'NVIDIA driver GKE installs: LATEST (default) or DEFAULT.' },
  { key: 'queueEncryptionKey', type: 'string', required: false, description: 'Cloud KMS key for the Pub/Sub topics. Default: Google-managed encryption.' },
  { key: 'secretsEncryptionKey', type: 'string', required: false, description: 'Cloud KMS key for Kubernetes Secrets. Default: Google-managed encryption.' },
];

export { GCP_OFFLINE_MOCKS, OFFLINE_BILLING_ACCOUNT, OFFLINE_ENDPOINT, OFFLINE_PROJECT_NUMBER } from '../../lib/gcp/offline';

/** The GCP part of the Pulumi program. */
export const GCP_PROGRAM: PulumiCloudProgram = {
  deploy(_spec: InferenceSpec, plan: InferencePlan, config: pulumi.Config) {
    const deployment = new InferenceDeployment(`${plan.name}-${plan.environment}`, {
      plan,
      billingAccount: config.get('billingAccount'),
      authorizedNetworks: config.getObject<string[]>('authorizedNetworks'),
      dnsEndpoint: config.getBoolean('dnsEndpoint'),
      network: config.getObject<ExistingNetwork>('network'),
      deletionProtection: config.getBoolean('deletionProtection'),
      releaseChannel: config.get('releaseChannel') as 'RAPID' | 'REGULAR' | 'STABLE' | 'EXTENDED' | undefined,
      acceleratorZones: config.getObject<Record<string, string[]>>('acceleratorZones'),
      nodeZones: config.getObject<string[]>('nodeZones'),
      gpuDriverVersion: config.get('gpuDriverVersion') as GpuDriverVersion | undefined,
      queueEncryptionKey: config.get('queueEncryptionKey'),
      secretsEncryptionKey: config.get('secretsEncryptionKey'),
    });
    return {
      clusterName: deployment.cluster.clusterName,
      clusterEndpoint: deployment.cluster.endpoint,
      kubeconfig: deployment.cluster.kubeconfig,
      getCredentialsCommand: deployment.cluster.getCredentialsCommand,
      ...(deployment.queue
        ? {
            queueTopicId: deployment.queue.topic.id,
            subscriptionId: deployment.queue.subscription.id,
            deadLetterTopicId: deployment.queue.deadLetterTopic.id,
            deadLetterSubscriptionId: deployment.queue.deadLetterSubscription.id,
          }
        : {}),
      ...(deployment.routerServiceAddress ? { routerServiceAddress: deployment.routerServiceAddress } : {}),
      ...(deployment.budget ? { budgetId: deployment.budget.budget.id } : {}),
      placementNotes: deployment.nodePools.placementNotes,
    };
  },
  offline: GCP_OFFLINE_MOCKS,
  offlineConfig: (plan): Record<string, string> => (plan.budget ? { billingAccount: OFFLINE_BILLING_ACCOUNT } : {}),
};
