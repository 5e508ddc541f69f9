/**
 * A GKE Standard cluster for inference: regional, VPC-native with private nodes and Cloud NAT,
 * Workload Identity, GKE cost allocation, a release channel, Dataplane V2, a least-privilege node
 * service account, deletion protection, and the CPU node pools the cost model prices (system
 * pods, the router, Prometheus) instead of GKE's default pool.
 *
 * Arguments follow @pulumi/gcp 9.37.0 (`container.Cluster`, `container.NodePool`,
 * `compute.Network/Subnetwork/Router/RouterNat`); see shared research gcp.md §3.
 */
import * as pulumi from '@pulumi/pulumi';
import * as compute from '@pulumi/gcp/compute';
import * as container from '@pulumi/gcp/container';
import * as projects from '@pulumi/gcp/projects';
import * as serviceaccount from '@pulumi/gcp/serviceaccount';
import { Catalog } from '../catalog';
import { cpuNodeGroups } from '../cost/cpu-nodes';
import { InferencePlan } from '../plan/types';
import { ArgProblem, assertValidArgs } from './errors';
import { CLOUD_PLATFORM_SCOPE } from './gke';
import { withCostLabels } from './labels';
import { clusterResourceNames } from './names';

/** A VPC and subnetwork that already exist, with the secondary ranges GKE uses for pods and services. */
export interface ExistingNetwork {
  /** Name or self link of the VPC network. */
  readonly network: pulumi.Input<string>;
  /** Name or self link of the subnetwork in the cluster's region. */
  readonly subnetwork: pulumi.Input<string>;
  /** Name of the subnetwork's secondary range for pod IPs. */
  readonly podsRangeName: pulumi.Input<string>;
  /** Name of the subnetwork's secondary range for Service IPs. */
  readonly servicesRangeName: pulumi.Input<string>;
  /**
   * Create a Cloud Router and Cloud NAT for the subnetwork, so private nodes can pull images.
   * @default false - the network already gives the subnetwork egress
   */
  readonly createNat?: boolean;
}

/** Address ranges of the VPC the cluster creates. */
export interface NetworkRanges {
  /** Primary range of the node subnetwork. @default '10.0.0.0/20' (4,096 nodes) */
  readonly nodes?: string;
  /** Secondary range for pods. @default '10.16.0.0/14' (a /24 per node for 110 pods: 1,024 nodes) */
  readonly pods?: string;
  /** Secondary range for Services. @default '10.20.0.0/20' (4,096 Services) */
  readonly services?: string;
}

/** A fixed-size CPU node pool of the cluster. */
export interface CpuNodePoolArgs {
  /** Node pool name (at most 40 characters, unique in the cluster). */
  readonly name: string;
  /** Compute Engine machine type, e.g. `e2-standard-4`. */
  readonly machineType: string;
  /** Nodes in the pool (spread one per zone over the first zones of the region). */
  readonly nodes: number;
}

/** Arguments of {@link InferenceCluster}. */
export interface InferenceClusterArgs {
  /** GCP project id. */
  readonly project: string;
  /** Region of the regional cluster, e.g. `us-central1`. */
  readonly region: string;
  /**
   * GKE cluster name (at most 40 characters).
   * @default - the component's name
   */
  readonly clusterName?: string;
  /**
   * Run in an existing VPC and subnetwork.
   * @default - a new VPC with one subnetwork (`ipRanges`), Private Google Access, flow logs,
   * and a Cloud Router with Cloud NAT for the private nodes' egress
   */
  readonly network?: ExistingNetwork;
  /**
   * Address ranges of the new VPC (ignored with `network`).
   * @default - nodes 10.0.0.0/20, pods 10.16.0.0/14, Services 10.20.0.0/20
   */
  readonly ipRanges?: NetworkRanges;
  /**
   * VPC flow logs on the new subnetwork (ignored with `network`).
   * @default true - 5-second aggregation, half of the flows sampled, all metadata
   */
  readonly flowLogs?: boolean;
  /**
   * GKE release channel: GKE upgrades the control plane and nodes within it.
   * @default 'REGULAR'
   */
  readonly releaseChannel?: 'RAPID' | 'REGULAR' | 'STABLE' | 'EXTENDED';
  /**
   * Refuse `pulumi destroy` (and replacements) of the cluster while true.
   * @default true - set it to false and `pulumi up` before destroying
   */
  readonly deletionProtection?: boolean;
  /**
   * CIDR blocks allowed to reach the control plane's public IP endpoint (master authorized
   * networks), e.g. your CI runners' egress and an office range. Giving them turns the public IP
   * endpoint on.
   * @default - none: the IP endpoint is private (reachable from the VPC only); clients outside
   * use the DNS-based endpoint (`dnsEndpoint`)
   */
  readonly authorizedNetworks?: readonly string[];
  /**
   * Accept traffic from outside the VPC on the control plane's DNS-based endpoint
   * (`<id>.<region>.gke.goog`): every request is authenticated and authorized by Google IAM, no IP
   * is exposed, and it works from CI runners whose addresses change. The kubeconfig and
   * `pulumi up` use it.
   * @default true - set false to reach the API only from the VPC (or from `authorizedNetworks`)
   */
  readonly dnsEndpoint?: boolean;
  /**
   * The CPU node pools (the cluster's default pool is removed).
   * @default - the cost model's CPU components for a stack with a router
   * (`InferenceCluster.cpuPoolsFor`): two system nodes, two router nodes and one Prometheus node,
   * each on the cheapest catalog machine that fits
   */
  readonly cpuPools?: readonly CpuNodePoolArgs[];
  /**
   * Zones the CPU pools use, in order (a pool of N nodes uses the first N).
   * @default - the catalog's zones of the region, else the zones Compute Engine reports as UP
   * (`compute.getZones`)
   */
  readonly nodeZones?: readonly string[];
  /**
   * Email of the service account the nodes run as.
   * @default - a new service account with only `roles/container.defaultNodeServiceAccount`
   * (logs, metrics, autoscaler metrics); grant it `roles/artifactregistry.reader` on your
   * repositories to pull private images
   */
  readonly nodeServiceAccount?: pulumi.Input<string>;
  /**
   * Cloud KMS key (`projects/.../cryptoKeys/...`) for application-layer encryption of
   * Kubernetes Secrets. GKE's service agent needs `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it.
   * @default - Secrets are encrypted at rest by Google-managed keys (GKE's default)
   */
  readonly secretsEncryptionKey?: pulumi.Input<string>;
  /**
   * Cost labels for every labellable resource of the component.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Catalog for the default CPU pools and zones.
   * @default Catalog.DEFAULT
   */
  readonly catalog?: Catalog;
}

/** GKE release channels (ReleaseChannel.channel; UNSPECIFIED leaves the channel). */
const RELEASE_CHANNELS: readonly string[] = ['RAPID', 'REGULAR', 'STABLE', 'EXTENDED'];

/** Defaults of the new VPC's ranges. */
const DEFAULT_RANGES: Required<NetworkRanges> = { nodes: '10.0.0.0/20', pods: '10.16.0.0/14', services: '10.20.0.0/20' };
/** Role GKE documents for a least-privilege node service account (configure-node-service-accounts). */
export const NODE_SERVICE_ACCOUNT_ROLE = 'roles/container.defaultNodeServiceAccount';
/** Secondary range names of the subnetwork the component creates. */
const PODS_RANGE = 'pods';
const SERVICES_RANGE = 'services';

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d|[12]\d|3[0-2])$/;
const isCidr = (s: string) => CIDR.test(s) && s.split('/')[0].split('.').every((o) => Number(o) <= 255);

/**
 * Where the nodes of a fixed pool go: one per zone over the first zones; an even spread when there
 * are more nodes than zones; with no zone known, GKE's choice (the cluster's zones).
 */
export function spreadOverZones(nodes: number, zones: readonly string[]): { readonly nodeLocations: string[]; readonly nodeCount: number } {
  if (!zones.length) return { nodeLocations: [], nodeCount: nodes };
  if (nodes <= zones.length) return { nodeLocations: zones.slice(0, nodes), nodeCount: 1 };
  return { nodeLocations: [...zones], nodeCount: Math.ceil(nodes / zones.length) };
}

/**
 * The kubeconfig of a GKE cluster for `@pulumi/kubernetes` and kubectl: an endpoint of the cluster
 * (its DNS-based endpoint, or an IP endpoint with the cluster's CA), credentials from `gke-gcloud-auth-plugin` (which uses the caller's gcloud or
 * application-default credentials), never a static token. Returned as a secret.
 * See https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin;
 * the shape follows the pulumi/examples GKE programs.
 */
export function gkeKubeconfig(clusterName: pulumi.Input<string>, endpoint: pulumi.Input<string>, caCertificate?: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.all([clusterName, endpoint, caCertificate ?? '']).apply(([name, server, ca]) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        // The DNS-based endpoint presents a publicly trusted certificate: no CA to pin.
        clusters: [{ name, cluster: { server: `https://${server}`, ...(ca ? { 'certificate-authority-data': ca } : {}) } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        'current-context': name,
        users: [
          {
            name,
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1beta1',
                command: 'gke-gcloud-auth-plugin',
                installHint: 'Install gke-gcloud-auth-plugin: https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin',
                provideClusterInfo: true,
              },
            },
          },
        ],
      }),
    ),
  );
}

/**
 * A regional GKE Standard cluster ready for `AcceleratorNodePools` and `InferenceWorkload`.
 *
 * Replacement: changing the name, region, network, ranges or Dataplane V2 replaces the cluster
 * (and everything in it); deletion protection refuses that until you turn it off.
 */
export class InferenceCluster extends pulumi.ComponentResource {
  /**
   * The CPU node pools the cost model prices for a plan (`lib/cost` `cpuNodeGroups`): the same
   * machine types and node counts `inferstack cost` reports.
   * @throws when the catalog has no CPU machine for a component in the plan's region
   */
  static cpuPoolsFor(plan: Pick<InferencePlan, 'region' | 'router'>, catalog: Catalog = Catalog.DEFAULT): CpuNodePoolArgs[] {
    return InferenceCluster.defaultCpuPools(plan.region, { hasRouter: !!plan.router }, catalog);
  }

  /** The cost model's CPU node pools in a region, for a stack with or without a router. */
  static defaultCpuPools(region: string, stack: { readonly hasRouter: boolean }, catalog: Catalog = Catalog.DEFAULT): CpuNodePoolArgs[] {
    return cpuNodeGroups(catalog, 'gcp', region, stack).map((g) => {
      if (!g.machine) {
        throw new Error(`the catalog has no GCP CPU machine with at least ${g.minVcpus} vCPU and ${g.minMemoryGiB} GiB in ${region} for the ${g.item}; pass cpuPools to InferenceCluster`);
      }
      return { name: g.item, machineType: g.machine.instanceType, nodes: g.nodes };
    });
  }

  /** The GKE cluster. */
  readonly cluster: container.Cluster;
  /** GKE cluster name. */
  readonly clusterName: pulumi.Output<string>;
  /** Region (the cluster's location). */
  readonly location: string;
  /** Project of the cluster. */
  readonly project: string;
  /**
   * The endpoint clients use: the DNS-based endpoint (`<id>.<region>.gke.goog`) unless
   * `dnsEndpoint` is false, then the IP endpoint (public with `authorizedNetworks`, else private).
   */
  readonly endpoint: pulumi.Output<string>;
  /** The control plane's DNS-based endpoint. */
  readonly dnsEndpoint: pulumi.Output<string>;
  /** Base64 PEM CA certificate of the control plane. */
  readonly caCertificate: pulumi.Output<string>;
  /** Workload Identity pool (`<project>.svc.id.goog`); resolves once the cluster exists. */
  readonly workloadPool: pulumi.Output<string>;
  /** Email of the nodes' service account. */
  readonly nodeServiceAccount: pulumi.Output<string>;
  /** Kubeconfig using `gke-gcloud-auth-plugin` (secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** `gcloud container clusters get-credentials ...` for this cluster. */
  readonly getCredentialsCommand: pulumi.Output<string>;
  /** The fixed-size CPU node pools, by name. */
  readonly cpuNodePools: Readonly<Record<string, container.NodePool>>;
  /** Network the nodes run in (self link, or the name given). */
  readonly network: pulumi.Output<string>;
  /** Subnetwork the nodes run in (self link, or the name given). */
  readonly subnetwork: pulumi.Output<string>;

  constructor(name: string, args: InferenceClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const labels = args.labels ?? {};
    super('inferstack:gcp:InferenceCluster', name, {}, withCostLabels(opts, labels));
    const catalog = args.catalog ?? Catalog.DEFAULT;
    const ranges = { ...DEFAULT_RANGES, ...args.ipRanges };
    const clusterName = args.clusterName ?? name;
    const problems: ArgProblem[] = [];
    let cpuPools: readonly CpuNodePoolArgs[] = args.cpuPools ?? [];
    if (!args.cpuPools) {
      try {
        cpuPools = InferenceCluster.defaultCpuPools(args.region, { hasRouter: true }, catalog);
      } catch (e) {
        problems.push({ path: 'args.cpuPools', reason: (e as Error).message });
      }
    }
    if (!args.project) problems.push({ path: 'args.project', reason: 'is required (the GCP project id)' });
    if (!/^[a-z]+-[a-z]+\d+$/.test(args.region ?? '')) problems.push({ path: 'args.region', reason: `'${args.region}' is not a GCP region name such as us-central1 (a regional cluster needs a region, not a zone)` });
    if (!/^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/.test(clusterName)) problems.push({ path: 'args.clusterName', reason: `'${clusterName}' is not a GKE cluster name: lowercase letters, digits and '-', at most 40 characters, starting with a letter` });
    if (args.authorizedNetworks !== undefined && !Array.isArray(args.authorizedNetworks)) {
      problems.push({ path: 'args.authorizedNetworks', reason: `must be a list of CIDR blocks, got ${JSON.stringify(args.authorizedNetworks)}` });
    } else {
      (args.authorizedNetworks ?? []).forEach((c, i) => {
        if (!isCidr(String(c))) problems.push({ path: `args.authorizedNetworks[${i}]`, reason: `'${c}' is not an IPv4 CIDR block such as 203.0.113.0/24` });
      });
    }
    if (args.releaseChannel !== undefined && !RELEASE_CHANNELS.includes(args.releaseChannel)) {
      problems.push({ path: 'args.releaseChannel', reason: `'${args.releaseChannel}' is not a GKE release channel; use ${RELEASE_CHANNELS.join(', ')}` });
    }
    if (args.nodeZones !== undefined && (!Array.isArray(args.nodeZones) || !args.nodeZones.length || args.nodeZones.some((z) => !String(z).startsWith(`${args.region}-`)))) {
      problems.push({ path: 'args.nodeZones', reason: `must list zones of ${args.region} (e.g. ${args.region}-a), got ${JSON.stringify(args.nodeZones)}` });
    }
    if (args.network) {
      for (const k of ['network', 'subnetwork', 'podsRangeName', 'servicesRangeName'] as const) {
        if (!args.network[k]) problems.push({ path: `args.network.${k}`, reason: 'is required with an existing network' });
      }
    }
    if (!args.network) {
      for (const [k, v] of Object.entries(ranges)) if (!isCidr(v)) problems.push({ path: `args.ipRanges.${k}`, reason: `'${v}' is not an IPv4 CIDR block` });
    }
    const poolNames = new Set<string>();
    cpuPools.forEach((p, i) => {
      if (!/^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/.test(p.name)) problems.push({ path: `args.cpuPools[${i}].name`, reason: `'${p.name}' is not a node pool name (lowercase letters, digits, '-', at most 40 characters)` });
      if (poolNames.has(p.name)) problems.push({ path: `args.cpuPools[${i}].name`, reason: `'${p.name}' is used by two pools` });
      poolNames.add(p.name);
      if (!Number.isInteger(p.nodes) || p.nodes < 1) problems.push({ path: `args.cpuPools[${i}].nodes`, reason: `must be a whole number of nodes, at least 1, got ${p.nodes}` });
    });
    if (!cpuPools.length && args.cpuPools) problems.push({ path: 'args.cpuPools', reason: 'needs at least one pool: system pods (kube-dns, KEDA, metrics agents) need CPU nodes' });
    assertValidArgs('InferenceCluster', name, problems);

    const { project, region } = args;
    this.project = project;
    this.location = region;
    const names = clusterResourceNames(clusterName);
    const child = { parent: this };

    // Network: the given one, or a new VPC whose only subnetwork carries the pod and Service ranges.
    let network: pulumi.Output<string>;
    let subnetwork: pulumi.Output<string>;
    let podsRange: pulumi.Input<string> = PODS_RANGE;
    let servicesRange: pulumi.Input<string> = SERVICES_RANGE;
    const natDeps: pulumi.Resource[] = [];
    if (args.network) {
      network = pulumi.output(args.network.network);
      subnetwork = pulumi.output(args.network.subnetwork);
      podsRange = args.network.podsRangeName;
      servicesRange = args.network.servicesRangeName;
    } else {
      const vpc = new compute.Network(`${name}-vpc`, { name: names.network, project, autoCreateSubnetworks: false, routingMode: 'REGIONAL' }, child);
      const subnet = new compute.Subnetwork(
        `${name}-nodes`,
        {
          name: names.subnetwork,
          project,
          region,
          network: vpc.id,
          ipCidrRange: ranges.nodes,
          secondaryIpRanges: [
            { rangeName: PODS_RANGE, ipCidrRange: ranges.pods },
            { rangeName: SERVICES_RANGE, ipCidrRange: ranges.services },
          ],
          // Private nodes reach Google APIs (Artifact Registry, Pub/Sub, Monitoring) without NAT.
          privateIpGoogleAccess: true,
          ...(args.flowLogs ?? true ? { logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' } } : {}),
        },
        child,
      );
      network = vpc.selfLink;
      subnetwork = subnet.selfLink;
    }
    if (!args.network || args.network.createNat) {
      // Private nodes have no external IPs: Cloud NAT gives them egress to pull public images
      // (vLLM, LiteLLM, KEDA, Prometheus) and model weights.
      const router = new compute.Router(`${name}-nat-router`, { name: names.router, project, region, network }, child);
      natDeps.push(
        new compute.RouterNat(
          `${name}-nat`,
          {
            name: names.nat,
            project,
            region,
            router: router.name,
            natIpAllocateOption: 'AUTO_ONLY',
            sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
            subnetworks: [{ name: subnetwork, sourceIpRangesToNats: ['ALL_IP_RANGES'] }],
            logConfig: { enable: true, filter: 'ERRORS_ONLY' },
          },
          child,
        ),
      );
    }
    this.network = network;
    this.subnetwork = subnetwork;

    // Nodes run as their own service account, never the Compute Engine default one (which many
    // projects still grant Editor): only the role GKE documents for nodes.
    let nodeServiceAccount: pulumi.Output<string>;
    const nodeDeps: pulumi.Resource[] = [];
    if (args.nodeServiceAccount) {
      nodeServiceAccount = pulumi.output(args.nodeServiceAccount);
    } else {
      const sa = new serviceaccount.Account(`${name}-node-sa`, { accountId: names.nodeServiceAccount, project, displayName: `GKE nodes of ${clusterName}` }, child);
      nodeServiceAccount = sa.email;
      nodeDeps.push(new projects.IAMMember(`${name}-node-sa-role`, { project, role: NODE_SERVICE_ACCOUNT_ROLE, member: pulumi.interpolate`serviceAccount:${sa.email}` }, child));
    }
    this.nodeServiceAccount = nodeServiceAccount;
    const nodeIdentity = {
      serviceAccount: nodeServiceAccount,
      oauthScopes: [CLOUD_PLATFORM_SCOPE],
      // Pods get Workload Identity credentials from the GKE metadata server, never the node's.
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
    };

    const authorized = args.authorizedNetworks ?? [];
    const useDns = args.dnsEndpoint ?? true;
    this.cluster = new container.Cluster(
      `${name}-gke`,
      {
        name: clusterName,
        project,
        location: region,
        network,
        subnetwork,
        networkingMode: 'VPC_NATIVE',
        ipAllocationPolicy: { clusterSecondaryRangeName: podsRange, servicesSecondaryRangeName: servicesRange },
        // The default pool is created with the cluster (GKE requires one) and removed right away;
        // the CPU pools below replace it. It runs as the node service account too.
        removeDefaultNodePool: true,
        initialNodeCount: 1,
        nodeConfig: { ...nodeIdentity, shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true } },
        deletionProtection: args.deletionProtection ?? true,
        releaseChannel: { channel: args.releaseChannel ?? 'REGULAR' },
        workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
        // GKE cost allocation: namespace and label line items in the detailed billing export.
        costManagementConfig: { enabled: true },
        // Private nodes (no external IPs). The IP endpoint is private unless authorizedNetworks
        // asks for a restricted public one; clients outside the VPC use the DNS-based endpoint,
        // guarded by IAM (CIS GKE 2.0 5.6.4 prefers it). Without masterIpv4CidrBlock GKE uses
        // Private Service Connect for the control plane (GKE 1.29+).
        privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: authorized.length === 0 },
        controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: useDns } },
        ...(authorized.length ? { masterAuthorizedNetworksConfig: { cidrBlocks: authorized.map((cidrBlock, i) => ({ cidrBlock, displayName: `authorized-${i + 1}` })) } } : {}),
        // Dataplane V2 enforces Kubernetes NetworkPolicies (set at creation only).
        datapathProvider: 'ADVANCED_DATAPATH',
        enableShieldedNodes: true,
        monitoringConfig: { enableComponents: ['SYSTEM_COMPONENTS'], managedPrometheus: { enabled: true } },
        loggingConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS'] },
        addonsConfig: {
          httpLoadBalancing: { disabled: false },
          horizontalPodAutoscaling: { disabled: false },
          gcePersistentDiskCsiDriverConfig: { enabled: true },
        },
        // Remove idle nodes sooner: accelerator nodes cost dollars an hour.
        clusterAutoscaling: { autoscalingProfile: 'OPTIMIZE_UTILIZATION' },
        ...(args.secretsEncryptionKey ? { databaseEncryption: { state: 'ENCRYPTED', keyName: args.secretsEncryptionKey } } : {}),
      },
      { ...child, dependsOn: [...natDeps, ...nodeDeps], ignoreChanges: ['nodeConfig', 'initialNodeCount'] },
    );
    this.clusterName = this.cluster.name;
    this.dnsEndpoint = this.cluster.controlPlaneEndpointsConfig.apply((c) => c?.dnsEndpointConfig?.endpoint ?? '');
    this.endpoint = useDns ? this.dnsEndpoint : this.cluster.endpoint;
    this.caCertificate = this.cluster.masterAuth.apply((m) => m.clusterCaCertificate ?? '');
    this.workloadPool = this.cluster.workloadIdentityConfig.apply((w) => w?.workloadPool ?? `${project}.svc.id.goog`);
    this.kubeconfig = useDns ? gkeKubeconfig(this.cluster.name, this.dnsEndpoint) : gkeKubeconfig(this.cluster.name, this.cluster.endpoint, this.caCertificate);
    this.getCredentialsCommand = pulumi.interpolate`gcloud container clusters get-credentials ${this.cluster.name} --location ${region} --project ${project}${useDns ? ' --dns-endpoint' : ''}`;

    const zones: pulumi.Input<readonly string[]> =
      args.nodeZones ?? catalog.zonesOf('gcp', region) ?? compute.getZonesOutput({ project, region, status: 'UP' }, child).apply((z) => [...(z.names ?? [])].sort());
    const pools: Record<string, container.NodePool> = {};
    for (const pool of cpuPools) {
      const placement = pulumi.output(zones).apply((z) => spreadOverZones(pool.nodes, z));
      pools[pool.name] = new container.NodePool(
        `${name}-pool-${pool.name}`,
        {
          name: pool.name,
          cluster: this.cluster.name,
          location: region,
          project,
          nodeLocations: placement.nodeLocations,
          nodeCount: placement.nodeCount,
          management: { autoRepair: true, autoUpgrade: true },
          upgradeSettings: { strategy: 'SURGE', maxSurge: 1, maxUnavailable: 0 },
          nodeConfig: {
            machineType: pool.machineType,
            ...nodeIdentity,
            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
            labels: { 'inferstack.dev/cpu-pool': pool.name },
          },
        },
        // A fixed name cannot exist twice: a replaced pool is deleted before its successor is created.
        { ...child, deleteBeforeReplace: true },
      );
    }
    this.cpuNodePools = pools;

    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      dnsEndpoint: this.dnsEndpoint,
      kubeconfig: this.kubeconfig,
      workloadPool: this.workloadPool,
      nodeServiceAccount: this.nodeServiceAccount,
    });
  }
}
