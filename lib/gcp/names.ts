/**
 * Physical names of the GCP resources of one plan. Project-wide names (service accounts, the VPC)
 * carry the environment, so dev and prod of one spec can share a project; every name is legal
 * for its resource and stable (changing it replaces the resource).
 */
import { stableName } from '../plan/names';
import { InferencePlan } from '../plan/types';

/** GKE cluster names: at most 40 characters (GKE API, Cluster.name). */
const CLUSTER_NAME_MAX = 40;
/** Service account ids: 6-30 characters, `[a-z][-a-z0-9]*[a-z0-9]` (IAM API, serviceAccounts.create). */
const ACCOUNT_ID_MAX = 30;
/** VPC, subnet, router and NAT names: at most 63 characters (Compute Engine naming, RFC 1035). */
const COMPUTE_NAME_MAX = 63;

/** A name from parts within `max`, starting with a letter and ending with a letter or digit. */
function legal(parts: readonly string[], max: number): string {
  const name = stableName(parts, max).replace(/-+$/, '');
  return /^[a-z]/.test(name) ? name : `i${name}`.slice(0, max).replace(/-+$/, '');
}

/** The names of one GCP plan's resources. */
export interface GcpNames {
  /** GKE cluster: `<name>-<environment>`. */
  readonly cluster: string;
  /** Service account id KEDA's operator impersonates. */
  readonly scalerServiceAccount: string;
  /** Service account id the queue consumers impersonate. */
  readonly consumerServiceAccount: string;
}

/** Names for a plan: `<name>-<environment>` and a suffix, shortened with a hash where needed. */
export function gcpNames(plan: Pick<InferencePlan, 'name' | 'environment'>): GcpNames {
  const base = [plan.name, plan.environment];
  return {
    cluster: legal(base, CLUSTER_NAME_MAX),
    scalerServiceAccount: legal([...base, 'keda'], ACCOUNT_ID_MAX),
    consumerServiceAccount: legal([...base, 'consumer'], ACCOUNT_ID_MAX),
  };
}

/** Names of the resources an `InferenceCluster` creates around its cluster. */
export interface ClusterResourceNames {
  /** The VPC: `<cluster>-vpc`. */
  readonly network: string;
  /** Its node subnetwork: `<cluster>-nodes`. */
  readonly subnetwork: string;
  /** The Cloud Router: `<cluster>-router`. */
  readonly router: string;
  /** The Cloud NAT: `<cluster>-nat`. */
  readonly nat: string;
  /** Service account id of the nodes. */
  readonly nodeServiceAccount: string;
}

/** Names derived from the cluster's name: `<cluster>-vpc`, `<cluster>-nodes`, ... */
export function clusterResourceNames(clusterName: string): ClusterResourceNames {
  return {
    network: legal([clusterName, 'vpc'], COMPUTE_NAME_MAX),
    subnetwork: legal([clusterName, 'nodes'], COMPUTE_NAME_MAX),
    router: legal([clusterName, 'router'], COMPUTE_NAME_MAX),
    nat: legal([clusterName, 'nat'], COMPUTE_NAME_MAX),
    nodeServiceAccount: legal([clusterName, 'nodes'], ACCOUNT_ID_MAX),
  };
}
