/**
 * GKE accelerator capacity: one `container.NodePool` per node group of the plan (the on-demand
 * floor, then spot), each autoscaled between the group's total node bounds with
 * `locationPolicy: ANY`, in the zones that offer its machine, tainted and labelled exactly as the
 * pool's pods (lib/k8s) tolerate and select.
 *
 * What replaces a node pool (GKE cannot change these in place; Pulumi deletes the pool, then
 * creates the new one, `deleteBeforeReplace`, because its name is fixed): the machine type and
 * accelerators, spot, taints (pulumi-gcp#1139, closed by design), the disk size, the TPU placement
 * policy, the name. Updated in place: autoscaling bounds, node locations, node labels and
 * resource labels. GKE owns the node count (the autoscaler), so `nodeCount` and
 * `initialNodeCount` are ignored after creation.
 */
import * as pulumi from '@pulumi/pulumi';
import * as container from '@pulumi/gcp/container';
import { Catalog } from '../catalog';
import { nodeDiskGiB, workloadIssues } from '../k8s';
import { InferencePlan, NodeGroupPlan, PoolPlan } from '../plan/types';
import { ArgProblem, assertValidArgs, planCloudProblem } from './errors';
import { CLOUD_PLATFORM_SCOPE, GKE_GPU_TYPES, GKE_SET_LABELS, GKE_TAINT_EFFECTS, machineSeries } from './gke';
import { withCostLabels } from './labels';

/** Label on an accelerator pool's VMs and disks naming its model (as AWS's `inferstack-pool` tag). */
export const POOL_COST_LABEL = 'inferstack-pool';

/** GKE's default boot disk (GiB): the floor of an accelerator node's disk. */
const GKE_DEFAULT_DISK_GIB = 100;

/** `gpuDriverInstallationConfig.gpuDriverVersion` values that install a driver. */
export type GpuDriverVersion = 'DEFAULT' | 'LATEST';

/** Arguments of {@link AcceleratorNodePools}. */
export interface AcceleratorNodePoolsArgs {
  /** The GCP plan (`resolvePlan(spec, 'gcp')`): its pools, node groups, region and project. */
  readonly plan: InferencePlan;
  /** The cluster: its name (with `location` and `project`) or its id `projects/<p>/locations/<l>/clusters/<n>`. */
  readonly cluster: pulumi.Input<string>;
  /**
   * Region of the cluster.
   * @default - the plan's region
   */
  readonly location?: string;
  /**
   * Project of the cluster.
   * @default - the plan's project
   */
  readonly project?: string;
  /**
   * Email of the service account the nodes run as (`InferenceCluster.nodeServiceAccount`).
   * @default - the Compute Engine default service account (GKE's default); pass a
   * least-privilege one instead
   */
  readonly nodeServiceAccount?: pulumi.Input<string>;
  /**
   * NVIDIA driver GKE installs on GPU nodes.
   * @default 'LATEST' - the newest driver of the node's GKE version; vLLM images built on recent
   * CUDA need recent drivers
   */
  readonly gpuDriverVersion?: GpuDriverVersion;
  /**
   * Zones per model (the spec's model name) where its pools may create nodes.
   * @default - the catalog's zones that offer the pool's machine type in the region; where the
   * catalog does not know, the cluster's zones (GKE refuses the pool if a zone lacks the
   * machine, so set them) and a note in `placementNotes`
   */
  readonly zones?: Readonly<Record<string, readonly string[]>>;
  /**
   * Cost labels for the node pools' VMs and disks (`nodeConfig.resourceLabels`, beside
   * `inferstack-pool: <model>`). A label edit there recreates the nodes on GKE: give the stable
   * ones (`nodeCostLabels(plan)`).
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Catalog for zone availability.
   * @default Catalog.DEFAULT
   */
  readonly catalog?: Catalog;
}

/** Node labels a node group sets itself (the plan's labels without those GKE sets on its own). */
export function nodeGroupLabels(group: NodeGroupPlan): Record<string, string> {
  return Object.fromEntries(Object.entries(group.labels).filter(([key]) => !GKE_SET_LABELS.has(key)));
}

/** One `nodeConfig.guestAccelerators` entry. */
export interface GuestAccelerator {
  /** GKE GPU type, e.g. `nvidia-l4` ({@link GKE_GPU_TYPES}). */
  readonly type: string;
  /** GPUs per node (the machine's). */
  readonly count: number;
  /** The driver GKE installs. */
  readonly gpuDriverInstallationConfig: { readonly gpuDriverVersion: GpuDriverVersion };
}

/** The `guestAccelerators` of a pool's nodes: GPUs with driver installation; none for TPUs (the machine type carries them). */
export function guestAccelerators(pool: PoolPlan, gpuDriverVersion: GpuDriverVersion): GuestAccelerator[] {
  if (pool.accelerator.kind !== 'gpu') return [];
  const gpu = GKE_GPU_TYPES[machineSeries(pool.machine.instanceType)];
  if (!gpu) throw new Error(`no GKE GPU type for machine ${pool.machine.instanceType}`);
  return [{ type: gpu.type, count: pool.machine.acceleratorsPerNode, gpuDriverInstallationConfig: { gpuDriverVersion } }];
}

/**
 * TPU slice placement: GKE needs the topology for multi-chip shapes (`COMPACT` with
 * `tpuTopology`) and refuses a placement policy for one-chip machines (`*-1t`, topology 1x1);
 * see tpu-provisioner's node pools, github:GoogleCloudPlatform/ai-on-gke/tpu-provisioner/internal/cloud/gke.go@ec7178cf91d101f6e1edf351055600944a5ff923.
 */
export function tpuPlacement(pool: PoolPlan): { type: string; tpuTopology: string } | undefined {
  const tpu = pool.accelerator.tpu;
  if (!tpu || pool.machine.acceleratorsPerNode === 1) return undefined;
  return { type: 'COMPACT', tpuTopology: tpu.topology };
}

/**
 * Node pools for every node group of a GCP plan, on a new or an existing GKE cluster.
 */
export class AcceleratorNodePools extends pulumi.ComponentResource {
  /** Node pools by node group name (the GKE node pool name), in plan order. */
  readonly nodePools: Readonly<Record<string, container.NodePool>>;
  /** Node pool names by model name, on-demand floor first. */
  readonly nodePoolNames: Readonly<Record<string, readonly string[]>>;
  /** Pools placed without catalog zone data, and what that means. */
  readonly placementNotes: readonly string[];

  constructor(name: string, args: AcceleratorNodePoolsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const labels = args.labels ?? {};
    super('inferstack:gcp:AcceleratorNodePools', name, {}, withCostLabels(opts, labels));
    const { plan } = args;
    const problems: ArgProblem[] = [...planCloudProblem(plan)];
    const catalog = args.catalog ?? Catalog.DEFAULT;
    const location = args.location ?? plan.region;
    const project = args.project ?? plan.project;
    if (!project) problems.push({ path: 'args.project', reason: 'is required when the plan has no project (targets.gcp.project)' });
    // Multi-host TPU slices: the same refusal as lib/k8s's, with the pool's spec path.
    for (const issue of workloadIssues(plan).filter((i) => i.rule === 'k8s-tpu-multi-host')) {
      problems.push({ path: `args.plan.pools[${issue.path[1]}]`, reason: `${issue.message} (spec path: ${issue.path.join('.')})` });
    }
    plan.pools.forEach((pool, i) => {
      if (pool.accelerator.kind === 'gpu' && !GKE_GPU_TYPES[machineSeries(pool.machine.instanceType)]) {
        problems.push({
          path: `args.plan.pools[${i}].machine.instanceType`,
          reason: `'${pool.machine.instanceType}' has no known GKE GPU type; known machine series: ${Object.keys(GKE_GPU_TYPES).join(', ')} (lib/gcp/gke.ts)`,
        });
      }
    });
    if (args.gpuDriverVersion !== undefined && !['DEFAULT', 'LATEST'].includes(args.gpuDriverVersion)) {
      problems.push({ path: 'args.gpuDriverVersion', reason: `'${args.gpuDriverVersion}' is not a driver version GKE installs; use LATEST or DEFAULT` });
    }
    for (const [model, zones] of Object.entries(args.zones ?? {})) {
      if (!plan.pools.some((p) => p.name === model)) problems.push({ path: `args.zones.${model}`, reason: `names no model of the plan; models: ${plan.pools.map((p) => p.name).join(', ')}` });
      if (!Array.isArray(zones) || !zones.length) {
        problems.push({ path: `args.zones.${model}`, reason: `must be a list of zones, got ${JSON.stringify(zones)}` });
        continue;
      }
      zones.forEach((z, j) => {
        if (!z.startsWith(`${location}-`)) problems.push({ path: `args.zones.${model}[${j}]`, reason: `'${z}' is not a zone of ${location}` });
      });
    }
    assertValidArgs('AcceleratorNodePools', name, problems);

    const driver = args.gpuDriverVersion ?? 'LATEST';
    const notes: string[] = [];
    const pools: Record<string, container.NodePool> = {};
    const names: Record<string, string[]> = {};
    for (const pool of plan.pools) {
      const given = args.zones?.[pool.name];
      const known = catalog.zonesOffering('gcp', location, pool.machine.instanceType);
      const zones = given ?? known?.zones;
      if (!zones) {
        notes.push(
          `${pool.name}: the catalog does not list the zones of ${location} that offer ${pool.machine.instanceType}; its node pools use the cluster's zones, and GKE refuses a pool whose zones lack the machine. Pass zones (config inferstack:acceleratorZones) if creation fails.`,
        );
      }
      names[pool.name] = pool.nodeGroups.map((g) => g.name);
      for (const group of pool.nodeGroups) {
        const spot = group.capacityType === 'spot';
        const accelerators = guestAccelerators(pool, driver);
        const placement = tpuPlacement(pool);
        pools[group.name] = new container.NodePool(
          `${name}-${group.name}`,
          {
            name: group.name,
            cluster: args.cluster,
            location,
            project,
            ...(zones ? { nodeLocations: [...zones] } : {}),
            // Total bounds across the pool's zones (not per zone), filled wherever capacity is.
            autoscaling: { totalMinNodeCount: group.minNodes, totalMaxNodeCount: group.maxNodes, locationPolicy: 'ANY' },
            // Scale from nothing; the autoscaler adds nodes for pending pods and keeps the floor.
            initialNodeCount: 0,
            management: { autoRepair: true, autoUpgrade: true },
            // One extra node during upgrades, never one less: accelerators are scarce.
            upgradeSettings: { strategy: 'SURGE', maxSurge: 1, maxUnavailable: 0 },
            ...(placement ? { placementPolicy: placement } : {}),
            nodeConfig: {
              machineType: pool.machine.instanceType,
              spot,
              ...(accelerators.length ? { guestAccelerators: accelerators } : {}),
              labels: nodeGroupLabels(group),
              taints: group.taints.map((t) => ({ key: t.key, value: t.value, effect: GKE_TAINT_EFFECTS[t.effect] })),
              diskSizeGb: nodeDiskGiB(pool, GKE_DEFAULT_DISK_GIB),
              ...(args.nodeServiceAccount ? { serviceAccount: args.nodeServiceAccount } : {}),
              oauthScopes: [CLOUD_PLATFORM_SCOPE],
              workloadMetadataConfig: { mode: 'GKE_METADATA' },
              shieldedInstanceConfig: { enableIntegrityMonitoring: true },
              // The pool's own cost label on its VMs and disks; cost labels join it (costLabels).
              resourceLabels: { [POOL_COST_LABEL]: pool.name },
              // Spot VMs do not consume reservations; spot pools say so (as cluster-toolkit's do, GoogleCloudPlatform/cluster-toolkit PR #4531).
              ...(spot ? { reservationAffinity: { consumeReservationType: 'NO_RESERVATION' } } : {}),
            },
          },
          { parent: this, deleteBeforeReplace: true, ignoreChanges: ['nodeCount', 'initialNodeCount'] },
        );
      }
    }
    this.nodePools = pools;
    this.nodePoolNames = names;
    this.placementNotes = notes;
    this.registerOutputs({ nodePoolNames: this.nodePoolNames, placementNotes: this.placementNotes });
  }
}
