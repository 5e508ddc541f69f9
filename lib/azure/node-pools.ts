/**
 * Accelerator capacity on AKS: one `AgentPool` per node group of the plan (the on-demand floor
 * with Regular priority, the rest on Spot), with the plan's VM size, bounds, labels and taints.
 *
 * Facts (github:MicrosoftDocs/azure-aks-docs@fb060abe6a8fef960d4c487b543bf7b1e97808fe, articles/aks):
 * - spot-node-pool.md: `scaleSetPriority: Spot`, eviction `Delete`, `spotMaxPrice: -1` (up to the
 *   on-demand price); priority, eviction policy and max price cannot change after creation; AKS
 *   puts the label `kubernetes.azure.com/scalesetpriority: spot` and the taint
 *   `kubernetes.azure.com/scalesetpriority=spot:NoSchedule` on the pool itself.
 * - use-nvidia-gpu.md: taints and VM size are set at creation only; AKS installs the NVIDIA
 *   driver (`gpuProfile.driver: Install`) but not the device plugin (InferenceWorkload installs it).
 * - cluster-autoscaler.md: user pools may scale to `minCount: 0`.
 * Pitfalls (research azure.md §6): the autoscaler owns `count` (`ignoreChanges`, pulumi-azure#780)
 * yet the API wants one on create (pulumi-azure-native#2943); a spot pool whose `nodeTaints` omit
 * the taint AKS added fails every later update with PropertyChangeNotAllowed
 * (pulumi-azure-native#959), so spot pools declare that taint and label themselves, exactly as
 * the plan lists them.
 */
import * as pulumi from '@pulumi/pulumi';
import * as containerservice from '@pulumi/azure-native/containerservice';
import { Catalog } from '../catalog';
import { ACCELERATOR_DEVICES } from '../catalog/devices';
import { modelCacheGiB } from '../k8s';
import { InferencePlan, NodeGroupPlan, PoolPlan, Taint } from '../plan/types';
import { AGENT_POOL_NAME, CLUSTER_POOL_NAMES } from './cluster';
import { ArgChecks } from './private/args';
import { poolZones } from './zones';

/** AKS's default OS disk, the floor of a pool's disk. */
const MIN_OS_DISK_GB = 128;
/** OS and the unpacked server image (vLLM images are tens of GB). */
const DISK_OVERHEAD_GB = 50;
/** Share of the disk the kubelet lets pods use before disk-pressure eviction. */
const ALLOCATABLE_DISK_FRACTION = 0.9;

/**
 * Fields of an agent pool that AKS sets only at creation: changing one replaces the pool (deleted
 * first: the pool's name stays the same, so both cannot exist at once; the pool's replicas are
 * gone until the new pool is up).
 */
export const POOL_REPLACE_ON_CHANGES = [
  'vmSize',
  'nodeTaints',
  'scaleSetPriority',
  'scaleSetEvictionPolicy',
  'spotMaxPrice',
  'gpuProfile',
  'availabilityZones',
  'osSKU',
  'osDiskSizeGB',
] as const;

/** `key=value:Effect`, the form AKS takes taints in. */
export const taintString = (t: Taint): string => `${t.key}=${t.value}:${t.effect}`;

/** The taint of an accelerator kind's nodes (`nvidia.com/gpu=present:NoSchedule`), which the pool's pods tolerate. */
export function acceleratorTaint(pool: PoolPlan): Taint {
  return { key: ACCELERATOR_DEVICES[pool.accelerator.kind].taintKey, value: 'present', effect: 'NoSchedule' };
}

/** The taints of one node group's nodes: the plan's (pool taint, AKS's spot taint) and the accelerator's. */
export function nodeGroupTaints(pool: PoolPlan, group: NodeGroupPlan): Taint[] {
  return [...group.taints, acceleratorTaint(pool)];
}

/**
 * OS disk of a pool's nodes in GB: the model cache every replica on the node keeps in its
 * emptyDir (lib/k8s `modelCacheGiB`) plus OS and image, grossed up for the eviction reserve,
 * rounded up to 10, at least AKS's default 128.
 */
export function osDiskSizeGB(pool: PoolPlan): number {
  const needed = (modelCacheGiB(pool) * pool.machine.replicasPerNode + DISK_OVERHEAD_GB) / ALLOCATABLE_DISK_FRACTION;
  return Math.max(MIN_OS_DISK_GB, Math.ceil(needed / 10) * 10);
}

/**
 * The `priorities` of the cluster autoscaler's priority expander (ConfigMap
 * `cluster-autoscaler-priority-expander` in kube-system): on-demand groups first, spot second,
 * every other pool last. The autoscaler grows the highest-priority pool that fits a pending pod
 * and moves on when it is at its maximum, so the first `onDemandBase` replicas get the on-demand
 * floor and the rest go to spot, as the cost model assumes. Patterns match the scale set names
 * AKS gives pools (`aks-<pool>-<digits>-vmss`). Source: articles/aks/cluster-autoscaler-overview.md
 * (priority expanders for spot and on-demand pools).
 */
export function autoscalerPriorities(plan: InferencePlan): string {
  const groups = plan.pools.flatMap((p) => p.nodeGroups);
  const lines = (names: string[]) => names.map((n) => `  - .*-${n}-.*`).join('\n');
  const onDemand = groups.filter((g) => g.capacityType === 'on-demand').map((g) => g.name);
  const spot = groups.filter((g) => g.capacityType === 'spot').map((g) => g.name);
  return [
    ...(onDemand.length ? [`50:\n${lines(onDemand)}`] : []),
    ...(spot.length ? [`10:\n${lines(spot)}`] : []),
    '1:\n  - .*',
  ].join('\n');
}

/** Arguments of {@link AcceleratorNodePools}. */
export interface AcceleratorNodePoolsArgs {
  /** The Azure plan: its pools' node groups, machines, labels and taints. */
  readonly plan: InferencePlan;
  /** Resource group of the cluster. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Name of an AKS cluster (this deployment's `InferenceCluster` or an existing one). */
  readonly clusterName: pulumi.Input<string>;
  /** @default - `Catalog.DEFAULT` (zones offering each VM size) */
  readonly catalog?: Catalog;
  /**
   * Tags of every pool's scale set (AKS does not pass the cluster's tags to node pools).
   * @default - the plan's node tags (`plan.costAllocation.nodeTags`: on Azure every cost tag,
   * since AKS updates pool tags in place)
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Install the NVIDIA driver on GPU nodes (`gpuProfile.driver`). Turn off only to run the NVIDIA
   * GPU Operator, which brings its own.
   * @default true
   */
  readonly installGpuDriver?: boolean;
}

/**
 * One `AgentPool` per node group of an Azure plan, on this deployment's cluster or an existing
 * one. Every pool autoscales between the group's bounds (user pools may reach zero), carries the
 * plan's labels and taints plus the accelerator taint (exactly what lib/k8s's pods select and
 * tolerate), the cost tags, and spans the zones the catalog lists for its VM size.
 */
export class AcceleratorNodePools extends pulumi.ComponentResource {
  /** Agent pools by name (the plan's node group names). */
  readonly agentPools: Readonly<Record<string, containerservice.AgentPool>>;
  /** Pools the catalog has no zone data for, and what happens instead. */
  readonly notes: readonly string[];

  constructor(name: string, args: AcceleratorNodePoolsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:azure:AcceleratorNodePools', name, {}, opts);
    const { plan } = args;
    const catalog = args.catalog ?? Catalog.DEFAULT;
    // Another cloud's plan has other names and machines: nothing else is worth checking.
    new ArgChecks().check(plan.cloud === 'azure', 'plan', `is a plan for ${plan.cloud}; resolve the spec for azure`).throwIfAny(`AcceleratorNodePools '${name}'`);
    const checks = new ArgChecks();
    const reserved = new Set<string>(Object.values(CLUSTER_POOL_NAMES));
    plan.pools.forEach((p, i) =>
      p.nodeGroups.forEach((g, j) => {
        const path = `plan.pools[${i}].nodeGroups[${j}]`;
        checks
          .check(AGENT_POOL_NAME.test(g.name), `${path}.name`, `'${g.name}' is not an agent pool name (1-12 lowercase letters and digits, starting with a letter)`)
          .check(!reserved.has(g.name), `${path}.name`, `'${g.name}' is the name of a pool InferenceCluster creates`)
          .check(g.maxNodes >= 1 && g.maxNodes <= 1000 && g.minNodes >= 0 && g.minNodes <= g.maxNodes, path, `node bounds ${g.minNodes}..${g.maxNodes} are outside 0 <= minNodes <= maxNodes, 1 <= maxNodes <= 1000`);
      }),
    );
    checks.throwIfAny(`AcceleratorNodePools '${name}'`);

    const tags = { ...(args.tags ?? plan.costAllocation.nodeTags) };
    const notes: string[] = [];
    const pools: Record<string, containerservice.AgentPool> = {};
    for (const pool of plan.pools) {
      const zones = poolZones(catalog, plan.region, pool.machine.instanceType, pool.nodeGroups.map((g) => g.name));
      if (zones.note) notes.push(zones.note);
      for (const group of pool.nodeGroups) {
        const spot = group.capacityType === 'spot';
        pools[group.name] = new containerservice.AgentPool(
          `${name}-${group.name}`,
          {
            resourceGroupName: args.resourceGroupName,
            resourceName: args.clusterName,
            agentPoolName: group.name,
            mode: 'User',
            type: 'VirtualMachineScaleSets',
            osType: 'Linux',
            // Ubuntu: Azure Linux GPU pools get no automatic security patches (use-nvidia-gpu.md).
            osSKU: 'Ubuntu',
            vmSize: pool.machine.instanceType,
            osDiskSizeGB: osDiskSizeGB(pool),
            enableAutoScaling: true,
            minCount: group.minNodes,
            maxCount: group.maxNodes,
            // Required on create; the autoscaler owns it afterwards (ignoreChanges below).
            count: group.minNodes,
            ...(spot
              ? { scaleSetPriority: 'Spot', scaleSetEvictionPolicy: 'Delete', spotMaxPrice: -1 }
              : { scaleSetPriority: 'Regular' }),
            nodeLabels: { ...group.labels },
            nodeTaints: nodeGroupTaints(pool, group).map(taintString),
            ...(pool.accelerator.kind === 'gpu' ? { gpuProfile: { driver: args.installGpuDriver === false ? 'None' : 'Install' } } : {}),
            ...(zones.zones ? { availabilityZones: [...zones.zones] } : {}),
            tags,
          },
          { parent: this, ignoreChanges: ['count'], replaceOnChanges: [...POOL_REPLACE_ON_CHANGES], deleteBeforeReplace: true },
        );
      }
    }
    this.agentPools = pools;
    this.notes = notes;
    this.registerOutputs({ agentPools: Object.fromEntries(Object.entries(pools).map(([k, v]) => [k, v.id])), notes });
  }
}
