/**
 * The AKS cluster: Entra ID with Azure RBAC and no local accounts, OIDC issuer and workload
 * identity, the KEDA add-on, Azure CNI overlay with Cilium (so NetworkPolicies are enforced),
 * automatic upgrades, a cluster autoscaler profile that follows the spec's scale-down delays, the
 * SKU tier the cost model prices, the system pool inline and the CPU pools the cost model prices
 * as separate agent pools.
 *
 * Argument names: @pulumi/azure-native 3.28.0 `containerservice.ManagedCluster` (API 2025-09-01).
 * Behaviour: github:MicrosoftDocs/azure-aks-docs@fb060abe6a8fef960d4c487b543bf7b1e97808fe
 * (articles/aks: use-system-pools.md, cluster-autoscaler.md, azure-cni-powered-by-cilium.md,
 * manage-local-accounts-managed-azure-ad.md, auto-upgrade-cluster.md, use-tags.md).
 */
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as containerservice from '@pulumi/azure-native/containerservice';
import { Catalog } from '../catalog';
import { cpuNodeGroups } from '../cost/cpu-nodes';
import { renderWorkload } from '../k8s';
import { CAPABILITIES } from '../plan/capabilities';
import { InferencePlan } from '../plan/types';
import { azureNames } from './names';
import { ArgChecks, isIpv4Range } from './private/args';
import { BUILT_IN_ROLES, roleDefinitionId } from './roles';
import { poolZones } from './zones';

/** AKS pricing tiers (https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers). */
export type AksTier = 'Free' | 'Standard' | 'Premium';

/** The AKS tier each control-plane fee row of the catalog (fees.json) prices. */
export const AKS_TIER_OF_FEE: Readonly<Record<string, AksTier>> = {
  'aks-free-tier': 'Free',
  'aks-standard-tier': 'Standard',
  'aks-premium-tier': 'Premium',
};

/** The tier the cost model prices for Azure (`CAPABILITIES.azure.controlPlaneFeeId`): one source for both. */
export function pricedAksTier(): AksTier {
  const fee = CAPABILITIES.azure.controlPlaneFeeId;
  const tier = AKS_TIER_OF_FEE[fee];
  if (!tier) throw new Error(`no AKS tier for the control-plane fee '${fee}'; add it to AKS_TIER_OF_FEE`);
  return tier;
}

/** Agent pool names: 1-12 lowercase letters and digits, starting with a letter (Linux pools). */
export const AGENT_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;

/** Names of the pools the cluster creates itself; plan node group names end in `od` or `spot`, so they never collide. */
export const CLUSTER_POOL_NAMES = { system: 'system', router: 'router', metrics: 'metrics' } as const;

/** Taint that keeps everything but critical add-ons off the system pool (articles/aks/use-system-pools.md). */
export const SYSTEM_POOL_TAINT = 'CriticalAddonsOnly=true:NoSchedule';

/** A pool of CPU nodes with a fixed node count. */
export interface CpuPoolArgs {
  /** Agent pool name, 1-12 lowercase letters and digits starting with a letter. */
  readonly name: string;
  /** VM size, e.g. `Standard_D4s_v5`. */
  readonly vmSize: string;
  /** Nodes, fixed (no autoscaler): the count the cost model prices all month. */
  readonly count: number;
  /**
   * Availability zones (`1`, `2`, `3`) the nodes spread over.
   * @default - the zones the catalog lists for the VM size in the location; without a row, none (Azure places the nodes)
   */
  readonly availabilityZones?: readonly string[];
  /** @default - `inferstack.dev/cpu-pool: <name>` */
  readonly nodeLabels?: Readonly<Record<string, string>>;
}

/**
 * Who reaches the Kubernetes API server. Entra ID authenticates every caller either way; the
 * endpoint is private unless a public one restricted to your networks is asked for (inferstack's
 * policy rule `cluster-api-private` refuses one open to the internet).
 */
export interface ApiServerAccess {
  /**
   * A public API server that only these CIDR ranges reach (the machines that run `pulumi up`,
   * your operators). Giving them makes the endpoint public.
   * @default - none: the API server is private
   */
  readonly authorizedIpRanges?: readonly string[];
  /**
   * A private cluster: the API server has no public endpoint, and `pulumi up` must run inside the
   * cluster's network (a peered network, a self-hosted runner) to apply the workload.
   * @default - true, unless `authorizedIpRanges` are given
   */
  readonly private?: boolean;
}

/** The cluster-wide autoscaler profile (AKS has one per cluster, not per pool). */
export interface ClusterAutoscalerArgs {
  /**
   * How long a node stays after its last pool pod left before it is removed, and how long after a
   * scale-up scale-down resumes. Rounded up to whole minutes (AKS takes only minutes).
   * @default 600
   */
  readonly scaleDownDelaySeconds?: number;
  /**
   * How the autoscaler picks the pool to grow. `priority` reads the
   * `cluster-autoscaler-priority-expander` ConfigMap in kube-system (InferenceWorkload writes it:
   * on-demand floors before spot).
   * @default 'least-waste'
   */
  readonly expander?: 'least-waste' | 'priority' | 'random' | 'most-pods';
  /**
   * How long the autoscaler lets pods terminate when it drains a node.
   * @default 600
   */
  readonly maxGracefulTerminationSeconds?: number;
}

/** Arguments of {@link InferenceCluster}. */
export interface InferenceClusterArgs {
  /** Resource group of the cluster. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location, e.g. `eastus`. */
  readonly location: string;
  /** Cluster name (1-63 letters, digits, `-`, `_`). */
  readonly clusterName: string;
  /** @default - the cluster name (truncated to 54 characters) */
  readonly dnsPrefix?: string;
  /**
   * The resource group AKS creates for nodes, disks and load balancers; it gets the cluster's tags.
   * @default - `<clusterName>-nodes`
   */
  readonly nodeResourceGroupName?: string;
  /** @default - the AKS default version of the location */
  readonly kubernetesVersion?: string;
  /**
   * AKS pricing tier. `inferstack cost` prices the tier of `pricedAksTier()`; another tier here is
   * not what the cost report says.
   * @default - `pricedAksTier()` (Standard: uptime SLA)
   */
  readonly skuTier?: AksTier;
  /**
   * The inline system pool (tainted `CriticalAddonsOnly`): at least two nodes, spread over zones.
   * @default - the cost model's system nodes (`cpuNodeGroups`: 2 x the cheapest catalog CPU machine of the location with 2 vCPU and 8 GiB)
   */
  readonly systemPool?: Omit<CpuPoolArgs, 'name' | 'nodeLabels'>;
  /**
   * CPU user pools besides the system pool (the router and Prometheus run there).
   * @default - none; `argsFromPlan` adds the router and metrics pools the cost model prices
   */
  readonly cpuPools?: readonly CpuPoolArgs[];
  /** @default - see ClusterAutoscalerArgs */
  readonly autoscaler?: ClusterAutoscalerArgs;
  /** @default - a private API server (see ApiServerAccess) */
  readonly apiServer?: ApiServerAccess;
  /**
   * Entra ID groups whose members are cluster admins.
   * @default - none
   */
  readonly adminGroupObjectIds?: readonly pulumi.Input<string>[];
  /**
   * Give the identity running `pulumi up` the `Azure Kubernetes Service RBAC Cluster Admin` role on
   * this cluster, so it can apply the workload (local accounts are disabled). Needs permission to
   * create role assignments (Owner, User Access Administrator or RBAC Administrator).
   * @default true
   */
  readonly grantDeployerClusterAdmin?: boolean;
  /**
   * What kind of principal runs `pulumi up`: Azure refuses a role assignment whose principal type
   * does not match (UnmatchedPrincipalType). CI with OIDC login runs as a `ServicePrincipal`.
   * @default 'User'
   */
  readonly deployerPrincipalType?: 'User' | 'ServicePrincipal';
  /** @default 'patch' - newest patch of the minor version in use */
  readonly upgradeChannel?: 'patch' | 'stable' | 'rapid' | 'node-image' | 'none';
  /** @default 'NodeImage' - weekly node images with the OS patches */
  readonly nodeOsUpgradeChannel?: 'NodeImage' | 'SecurityPatch' | 'Unmanaged' | 'None';
  /** @default - `Catalog.DEFAULT` (VM sizes and zones) */
  readonly catalog?: Catalog;
  /**
   * Tags of the cluster (AKS passes them to the node resource group and its resources) and of
   * every pool's scale set.
   * @default - no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Tags of the system and CPU pools' scale sets.
   * @default - `tags`
   */
  readonly nodeTags?: Readonly<Record<string, string>>;
}

const UPGRADE_CHANNELS = ['patch', 'stable', 'rapid', 'node-image', 'none'];
const NODE_OS_CHANNELS = ['NodeImage', 'SecurityPatch', 'Unmanaged', 'None'];
const EXPANDERS = ['least-waste', 'priority', 'random', 'most-pods'];

/** `n` seconds as the whole minutes AKS's autoscaler profile takes (`10m`), at least one. */
const minutes = (seconds: number) => `${Math.max(1, Math.ceil(seconds / 60))}m`;

/** A CPU machine for a cost-model component: the priced one, else the smallest fitting size the catalog knows anywhere. */
function cpuMachine(catalog: Catalog, location: string, hasRouter: boolean, item: string): { vmSize: string; count: number; note?: string } {
  const group = cpuNodeGroups(catalog, 'azure', location, { hasRouter }).find((g) => g.item === item);
  if (!group) throw new Error(`the cost model has no CPU component '${item}'`);
  const c = group;
  if (group.machine) return { vmSize: group.machine.instanceType, count: c.nodes };
  const any = catalog.cpuMachines
    .filter((m) => m.cloud === 'azure' && m.vcpus >= c.minVcpus && m.memoryGiB >= c.minMemoryGiB)
    .sort((a, b) => a.vcpus - b.vcpus || a.memoryGiB - b.memoryGiB || a.instanceType.localeCompare(b.instanceType))[0];
  if (!any) throw new Error(`the catalog has no Azure CPU machine with ${c.minVcpus} vCPU and ${c.minMemoryGiB} GiB for the ${c.description}; give its vmSize`);
  return {
    vmSize: any.instanceType,
    count: c.nodes,
    note: `${c.description}: the catalog has no CPU price in ${location}, so ${any.instanceType} (${any.vcpus} vCPU, ${any.memoryGiB} GiB) is used and the cost report prices these nodes as unknown`,
  };
}

/**
 * An AKS cluster for inference. The system pool is the only inline pool (AKS cannot update inline
 * pools one by one); CPU pools and accelerator pools are separate `AgentPool` resources. Changing
 * the system pool's VM size or zones replaces the cluster.
 */
export class InferenceCluster extends pulumi.ComponentResource {
  /**
   * Args that render a plan: names, location, tags, the cost model's system, router and metrics
   * nodes, and an autoscaler profile from the pools' scale-down delays and drain times.
   */
  static argsFromPlan(plan: InferencePlan, options: { readonly catalog?: Catalog } = {}): Omit<InferenceClusterArgs, 'resourceGroupName'> & { readonly notes: readonly string[] } {
    const catalog = options.catalog ?? Catalog.DEFAULT;
    const names = azureNames(plan);
    const hasRouter = !!plan.router;
    const system = cpuMachine(catalog, plan.region, hasRouter, 'system-nodes');
    const router = hasRouter ? cpuMachine(catalog, plan.region, hasRouter, 'router') : undefined;
    const metrics = cpuMachine(catalog, plan.region, hasRouter, 'prometheus');
    const grace = renderWorkload(plan)
      .objects.filter((o) => o.kind === 'Deployment')
      .map((o) => Number((o.spec as { template: { spec: { terminationGracePeriodSeconds?: number } } }).template.spec.terminationGracePeriodSeconds ?? 30));
    const delays = plan.pools.map((p) => p.scaling.scaleDownDelaySeconds);
    const spotWithFloor = plan.pools.some((p) => new Set(p.nodeGroups.map((g) => g.capacityType)).size > 1);
    return {
      location: plan.region,
      clusterName: names.cluster,
      dnsPrefix: names.dnsPrefix,
      nodeResourceGroupName: names.nodeResourceGroup,
      systemPool: { vmSize: system.vmSize, count: system.count },
      cpuPools: [
        ...(router ? [{ name: CLUSTER_POOL_NAMES.router, vmSize: router.vmSize, count: router.count }] : []),
        { name: CLUSTER_POOL_NAMES.metrics, vmSize: metrics.vmSize, count: metrics.count },
      ],
      autoscaler: {
        // One profile per cluster: the longest delay of any pool, so no pool loses a warm node earlier than its spec says.
        scaleDownDelaySeconds: delays.length ? Math.max(...delays) : 600,
        // Pools with an on-demand floor under spot: grow the floor first (InferenceWorkload writes the priorities).
        expander: spotWithFloor ? 'priority' : 'least-waste',
        // Never cut a pod's drain short: the longest termination grace period of the workload.
        maxGracefulTerminationSeconds: Math.max(600, ...grace),
      },
      tags: plan.tags,
      nodeTags: plan.costAllocation.nodeTags,
      catalog,
      notes: [system, router, metrics].flatMap((m) => (m?.note ? [m.note] : [])),
    };
  }

  /** The AKS managed cluster (with the inline system pool). */
  readonly cluster: containerservice.ManagedCluster;
  /** The cluster's name. */
  readonly clusterName: pulumi.Output<string>;
  /** ARM id of the cluster. */
  readonly id: pulumi.Output<string>;
  /** The OIDC issuer URL federated credentials trust. */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** The API server's FQDN. */
  readonly fqdn: pulumi.Output<string>;
  /** The SKU tier set (the one the cost model prices unless overridden). */
  readonly skuTier: AksTier;
  /** CPU user pools by name. */
  readonly cpuPools: Readonly<Record<string, containerservice.AgentPool>>;
  /** The deployer's cluster-admin role assignment, when granted. */
  readonly deployerAdmin?: authorization.RoleAssignment;
  /** What the cluster could not do as asked (pools without zone data), for the stack outputs. */
  readonly notes: readonly string[];

  constructor(name: string, args: InferenceClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:azure:InferenceCluster', name, {}, opts);
    const catalog = args.catalog ?? Catalog.DEFAULT;
    const tier = args.skuTier ?? pricedAksTier();
    const system: Omit<CpuPoolArgs, 'name' | 'nodeLabels'> = args.systemPool ?? cpuMachine(catalog, args.location, false, 'system-nodes');
    const cpuPools = args.cpuPools ?? [];
    const scaler = args.autoscaler ?? {};
    const api = args.apiServer ?? {};
    const privateApi = api.private ?? !api.authorizedIpRanges?.length;
    const upgrade = args.upgradeChannel ?? 'patch';
    const nodeOs = args.nodeOsUpgradeChannel ?? 'NodeImage';
    const checks = new ArgChecks()
      .check(/^[a-zA-Z0-9](?:[-_a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/.test(args.clusterName), 'clusterName', `'${args.clusterName}' is not an AKS cluster name (1-63 letters, digits, '-', '_', starting and ending with a letter or digit)`)
      .check(args.dnsPrefix === undefined || /^[a-zA-Z0-9](?:[-a-zA-Z0-9]{0,52}[a-zA-Z0-9])?$/.test(args.dnsPrefix), 'dnsPrefix', `'${args.dnsPrefix}' is not a DNS prefix (1-54 letters, digits and '-', starting and ending with a letter or digit)`)
      .check(args.kubernetesVersion === undefined || /^\d+\.\d+(\.\d+)?$/.test(args.kubernetesVersion), 'kubernetesVersion', `'${args.kubernetesVersion}' is not a Kubernetes version such as '1.33' or '1.33.2'`)
      .check(Object.values(AKS_TIER_OF_FEE).includes(tier), 'skuTier', `'${tier}' is not an AKS tier; use Free, Standard or Premium`)
      .check(Number.isInteger(system.count) && system.count >= 2, 'systemPool.count', `is ${system.count}; the system pool needs at least 2 nodes so CoreDNS and the add-ons survive a node failure`)
      .check(UPGRADE_CHANNELS.includes(upgrade), 'upgradeChannel', `'${upgrade}' is not one of ${UPGRADE_CHANNELS.join(', ')}`)
      .check(NODE_OS_CHANNELS.includes(nodeOs), 'nodeOsUpgradeChannel', `'${nodeOs}' is not one of ${NODE_OS_CHANNELS.join(', ')}`)
      .check(args.deployerPrincipalType === undefined || ['User', 'ServicePrincipal'].includes(args.deployerPrincipalType), 'deployerPrincipalType', `'${args.deployerPrincipalType}' is not User or ServicePrincipal`)
      .check(!(api.private === true && api.authorizedIpRanges?.length), 'apiServer', 'give authorizedIpRanges or private, not both: a private API server has no public endpoint to restrict')
      .check(scaler.scaleDownDelaySeconds === undefined || (Number.isInteger(scaler.scaleDownDelaySeconds) && scaler.scaleDownDelaySeconds >= 0), 'autoscaler.scaleDownDelaySeconds', `${scaler.scaleDownDelaySeconds} is not a whole number of seconds >= 0`)
      .check(scaler.expander === undefined || EXPANDERS.includes(scaler.expander), 'autoscaler.expander', `'${scaler.expander}' is not one of ${EXPANDERS.join(', ')}`)
      .check(scaler.maxGracefulTerminationSeconds === undefined || (Number.isInteger(scaler.maxGracefulTerminationSeconds) && scaler.maxGracefulTerminationSeconds > 0), 'autoscaler.maxGracefulTerminationSeconds', `${scaler.maxGracefulTerminationSeconds} is not a whole number of seconds > 0`);
    (api.authorizedIpRanges ?? []).forEach((r, i) => checks.check(isIpv4Range(r), `apiServer.authorizedIpRanges[${i}]`, `'${r}' is not an IPv4 address or CIDR range such as 203.0.113.0/24`));
    const seen = new Set<string>([CLUSTER_POOL_NAMES.system]);
    cpuPools.forEach((p, i) => {
      checks
        .check(AGENT_POOL_NAME.test(p.name), `cpuPools[${i}].name`, `'${p.name}' is not an agent pool name (1-12 lowercase letters and digits, starting with a letter)`)
        .check(!seen.has(p.name), `cpuPools[${i}].name`, `'${p.name}' is used by another pool of this cluster`)
        .check(Number.isInteger(p.count) && p.count >= 1 && p.count <= 1000, `cpuPools[${i}].count`, `${p.count} is not a node count from 1 to 1000`);
      seen.add(p.name);
    });
    checks.throwIfAny(`InferenceCluster '${name}'`);

    const notes: string[] = [];
    const zonesOf = (vmSize: string, pool: string, given?: readonly string[]) => {
      if (given) return given.length ? [...given] : undefined;
      const z = poolZones(catalog, args.location, vmSize, [pool], { generalPurpose: true });
      if (z.note) notes.push(z.note);
      return z.zones ? [...z.zones] : undefined;
    };
    const tags = { ...args.tags };
    const nodeTags = { ...(args.nodeTags ?? args.tags) };
    const delay = minutes(scaler.scaleDownDelaySeconds ?? 600);
    const systemZones = zonesOf(system.vmSize, CLUSTER_POOL_NAMES.system, system.availabilityZones);

    this.cluster = new containerservice.ManagedCluster(
      `${name}-aks`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        resourceName: args.clusterName,
        dnsPrefix: args.dnsPrefix ?? args.clusterName.slice(0, 54).replace(/[^a-zA-Z0-9]+$/, ''),
        ...(args.kubernetesVersion ? { kubernetesVersion: args.kubernetesVersion } : {}),
        identity: { type: 'SystemAssigned' },
        sku: { name: 'Base', tier },
        // Premium is Standard plus long-term support, which needs the LTS support plan.
        ...(tier === 'Premium' ? { supportPlan: 'AKSLongTermSupport' } : {}),
        enableRBAC: true,
        // Entra ID sign-in, Kubernetes authorization by Azure RBAC, no static admin credentials.
        aadProfile: { managed: true, enableAzureRBAC: true, ...(args.adminGroupObjectIds?.length ? { adminGroupObjectIDs: [...args.adminGroupObjectIds] } : {}) },
        disableLocalAccounts: true,
        // Workload identity needs the OIDC issuer; both are on from creation, before KEDA starts (keda-workload-identity.md).
        oidcIssuerProfile: { enabled: true },
        securityProfile: { workloadIdentity: { enabled: true } },
        workloadAutoScalerProfile: { keda: { enabled: true } },
        autoUpgradeProfile: { upgradeChannel: upgrade, nodeOSUpgradeChannel: nodeOs },
        autoScalerProfile: {
          expander: scaler.expander ?? 'least-waste',
          scaleDownUnneededTime: delay,
          scaleDownDelayAfterAdd: delay,
          maxGracefulTerminationSec: String(scaler.maxGracefulTerminationSeconds ?? 600),
          // Model caches are emptyDir volumes: they must not pin idle GPU nodes.
          skipNodesWithLocalStorage: 'false',
        },
        // Azure CNI overlay with the Cilium dataplane, which enforces Kubernetes NetworkPolicies.
        networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataplane: 'cilium', networkPolicy: 'cilium', loadBalancerSku: 'standard' },
        apiServerAccessProfile: privateApi ? { enablePrivateCluster: true } : { authorizedIPRanges: [...(api.authorizedIpRanges ?? [])] },
        nodeResourceGroup: args.nodeResourceGroupName ?? `${args.clusterName}-nodes`,
        agentPoolProfiles: [
          {
            name: CLUSTER_POOL_NAMES.system,
            mode: 'System',
            type: 'VirtualMachineScaleSets',
            osType: 'Linux',
            osSKU: 'AzureLinux',
            vmSize: system.vmSize,
            count: system.count,
            enableAutoScaling: false,
            ...(systemZones ? { availabilityZones: systemZones } : {}),
            nodeTaints: [SYSTEM_POOL_TAINT],
            tags: nodeTags,
          },
        ],
        tags,
      },
      { parent: this },
    );
    this.clusterName = this.cluster.name;
    this.id = this.cluster.id;
    this.fqdn = this.cluster.fqdn;
    this.oidcIssuerUrl = this.cluster.oidcIssuerProfile.apply((p) => {
      if (!p?.issuerURL) throw new pulumi.ResourceError('the cluster reports no OIDC issuer URL; workload identity needs oidcIssuerProfile.enabled', this);
      return p.issuerURL;
    });
    this.skuTier = tier;

    const pools: Record<string, containerservice.AgentPool> = {};
    for (const p of cpuPools) {
      const zones = zonesOf(p.vmSize, p.name, p.availabilityZones);
      pools[p.name] = new containerservice.AgentPool(
        `${name}-${p.name}`,
        {
          resourceGroupName: args.resourceGroupName,
          resourceName: this.cluster.name,
          agentPoolName: p.name,
          mode: 'User',
          type: 'VirtualMachineScaleSets',
          osType: 'Linux',
          osSKU: 'AzureLinux',
          vmSize: p.vmSize,
          count: p.count,
          enableAutoScaling: false,
          ...(zones ? { availabilityZones: zones } : {}),
          nodeLabels: { ...(p.nodeLabels ?? { 'inferstack.dev/cpu-pool': p.name }) },
          tags: nodeTags,
        },
        // VM size, zones and OS can only be set when a pool is created; the name stays, so the old pool goes first.
        { parent: this, replaceOnChanges: ['vmSize', 'availabilityZones', 'osSKU'], deleteBeforeReplace: true },
      );
    }
    this.cpuPools = pools;

    if (args.grantDeployerClusterAdmin ?? true) {
      const deployer = authorization.getClientConfigOutput({ parent: this });
      const role = BUILT_IN_ROLES.aksRbacClusterAdmin;
      this.deployerAdmin = new authorization.RoleAssignment(
        `${name}-deployer-admin`,
        {
          principalId: deployer.objectId,
          principalType: args.deployerPrincipalType ?? 'User',
          roleDefinitionId: this.cluster.id.apply((id) => roleDefinitionId(id, role)),
          scope: this.cluster.id,
          description: `inferstack: ${role.why}`,
        },
        { parent: this },
      );
    }
    this.notes = notes;
    this.registerOutputs({ clusterName: this.clusterName, id: this.id, oidcIssuerUrl: this.oidcIssuerUrl, fqdn: this.fqdn, notes });
  }
}
