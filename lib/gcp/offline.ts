/**
 * How GCP answers an offline run of a Pulumi program (`inferstack synth --cloud gcp`, the tests,
 * and your own tests of a program that composes these components): ids shaped like GCP's, the
 * outputs GCP computes on create, and the invokes the components call. Pass it as the mocks of
 * `runOffline`, or use its pieces in `pulumi.runtime.setMocks`.
 */
import { OfflineMocks } from '../pulumi/offline';

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

