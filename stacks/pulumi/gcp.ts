/**
 * GCP in the Pulumi program: `inferstack:cloud: gcp` deploys the spec's GCP target as one
 * `InferenceDeployment`, configured by the stack keys of {@link GCP_CONFIG} (docs/gcp.md lists
 * them; examples/pulumi/Pulumi.gcp-prod.yaml is an example stack file).
 */
import * as pulumi from '@pulumi/pulumi';
import { ExistingNetwork, GpuDriverVersion, InferenceDeployment } from '../../lib/gcp';
import { OfflineMocks } from '../../lib/pulumi/offline';
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

/** Billing account `inferstack synth` uses when no stack sets one: obviously not a real account. */
export const OFFLINE_BILLING_ACCOUNT = '000000-000000-000000';
/** Project number the offline run answers `organizations.getProject` with. */
export const OFFLINE_PROJECT_NUMBER = '123456789012';
/** Control-plane endpoint of the offline cluster (TEST-NET-3, RFC 5737). */
export const OFFLINE_ENDPOINT = '203.0.113.10';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Ids shaped like the ones GCP assigns, from the resource's inputs. */
function offlineId(type: string, name: string, inputs: Readonly<Record<string, unknown>>): string {
  const p = str(inputs.project) || 'project';
  const n = str(inputs.name) || name;
  const region = str(inputs.region) || str(inputs.location);
  switch (type) {
    case 'gcp:container/cluster:Cluster':
      return `projects/${p}/locations/${region}/clusters/${n}`;
    case 'gcp:container/nodePool:NodePool':
      return `projects/${p}/locations/${region}/clusters/${str(inputs.cluster)}/nodePools/${n}`;
    case 'gcp:compute/network:Network':
      return `projects/${p}/global/networks/${n}`;
    case 'gcp:compute/subnetwork:Subnetwork':
      return `projects/${p}/regions/${region}/subnetworks/${n}`;
    case 'gcp:compute/router:Router':
      return `projects/${p}/regions/${region}/routers/${n}`;
    case 'gcp:compute/routerNat:RouterNat':
      return `${p}/${region}/${str(inputs.router)}/${n}`;
    case 'gcp:serviceaccount/account:Account':
      return `projects/${p}/serviceAccounts/${str(inputs.accountId)}@${p}.iam.gserviceaccount.com`;
    case 'gcp:pubsub/topic:Topic':
      return `projects/${p}/topics/${n}`;
    case 'gcp:pubsub/subscription:Subscription':
      return `projects/${p}/subscriptions/${n}`;
    case 'gcp:monitoring/notificationChannel:NotificationChannel':
      return `projects/${p}/notificationChannels/offline-${name}`;
    case 'gcp:billing/budget:Budget':
      return `billingAccounts/${str(inputs.billingAccount)}/budgets/offline-${name}`;
    case 'gcp:projects/iAMMember:IAMMember':
    case 'gcp:serviceaccount/iAMMember:IAMMember':
    case 'gcp:pubsub/topicIAMMember:TopicIAMMember':
    case 'gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember':
      return `${str(inputs.project) || str(inputs.serviceAccountId)}/${str(inputs.topic) || str(inputs.subscription)}/${str(inputs.role)}/${str(inputs.member)}`.replace(/\/+/g, '/');
    default:
      return `${name}-id`;
  }
}

/** What GCP computes on create: endpoints, CA, emails, self links, resource names. */
function offlineOutputs(type: string, _name: string, inputs: Readonly<Record<string, unknown>>, id: string): Record<string, unknown> {
  const p = str(inputs.project) || 'project';
  switch (type) {
    case 'gcp:container/cluster:Cluster':
      return {
        endpoint: OFFLINE_ENDPOINT,
        controlPlaneEndpointsConfig: {
          ...(inputs.controlPlaneEndpointsConfig as Record<string, unknown> | undefined),
          dnsEndpointConfig: {
            ...((inputs.controlPlaneEndpointsConfig as { dnsEndpointConfig?: Record<string, unknown> } | undefined)?.dnsEndpointConfig ?? {}),
            endpoint: `gke-offline-${str(inputs.name)}.${str(inputs.location)}.gke.goog`,
          },
        },
        // Base64 of "offline-ca": a stand-in, never a real certificate.
        masterAuth: { clusterCaCertificate: Buffer.from('offline-ca').toString('base64'), clientCertificateConfig: { issueClientCertificate: false } },
      };
    case 'gcp:compute/network:Network':
    case 'gcp:compute/subnetwork:Subnetwork':
      return { selfLink: `https://www.googleapis.com/compute/v1/${id}` };
    case 'gcp:serviceaccount/account:Account':
      return { email: `${str(inputs.accountId)}@${p}.iam.gserviceaccount.com`, name: id, uniqueId: '100000000000000000000' };
    case 'gcp:monitoring/notificationChannel:NotificationChannel':
      return { name: id };
    default:
      return {};
  }
}

/** How the GCP provider answers offline: ids, computed outputs, and the invokes the program calls. */
export const GCP_OFFLINE_MOCKS: OfflineMocks = {
  id: offlineId,
  outputs: offlineOutputs,
  invokes: {
    'gcp:organizations/getProject:getProject': (inputs) => ({ projectId: inputs.projectId, number: OFFLINE_PROJECT_NUMBER, name: inputs.projectId }),
    // Only called when the catalog does not list the region's zones.
    'gcp:compute/getZones:getZones': (inputs) => ({ names: ['a', 'b', 'c'].map((z) => `${str(inputs.region)}-${z}`), project: inputs.project, region: inputs.region }),
  },
};

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
