/**
 * EKS Auto Mode accelerator capacity: one `karpenter.sh/v1` NodePool per node group of the plan
 * (on-demand floor, then spot), each on an Auto Mode `NodeClass` (group `eks.amazonaws.com`)
 * sized for the model and tagged with the plan's stable node tags, applied through the
 * cluster's kubectl provider.
 *
 * NodePool template labels and NodeClass tags are drift fields: changing them replaces every node
 * of the pool (karpenter.sh concepts/disruption, Drift). So both carry only what never changes
 * for a deployment (`plan.costAllocation.nodeTags`, the pool label); the free-form cost tags
 * reach node costs through the `inferstack-deployment` tag (docs/cost.md). Limits, weight and
 * disruption settings are behavioural fields: replica and budget edits change them without drift.
 *
 * Field names follow the EKS user guide (automode/create-node-pool.adoc: NodePool sample,
 * "EKS Auto Mode Supported Labels", "Disruption"; automode/create-node-class.adoc: NodeClass
 * specification) and Karpenter v1's NodePool API (spec.template.spec.{nodeClassRef,
 * requirements, taints, expireAfter, terminationGracePeriod}, spec.disruption.{consolidationPolicy,
 * consolidateAfter, budgets}, spec.limits, spec.weight).
 */
import { Annotations, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ACCELERATOR_DEVICES } from '../catalog/devices';
import { nodeDiskGiB } from '../k8s';
import { InferencePlan, NodeGroupPlan, PoolPlan } from '../plan/types';

/** Karpenter rejects template labels in these domains; they are node requirements instead. */
const RESTRICTED_LABEL_DOMAINS = ['karpenter.sh', 'karpenter.k8s.aws', 'eks.amazonaws.com', 'kubernetes.io', 'k8s.io'];

/** Label key of a NodeGroupPlan that names its capacity type (set by the plan on spot groups). */
const CAPACITY_TYPE_LABEL = 'karpenter.sh/capacity-type';

/** NodeClass `spec.tags` may not use these prefixes (automode/create-node-class.adoc). */
const RESTRICTED_TAG_PREFIXES = ['kubernetes.io/cluster/', 'karpenter.sh/', 'eks.amazonaws.com/'];

/** The Auto Mode default NodeClass's ephemeral storage, used as the floor. */
const MIN_DISK_GIB = 80;

/** Options of `renderNodePool` that do not come from the plan. */
export interface NodePoolRenderOptions {
  /**
   * NodeClass the NodePools reference.
   * @default 'default' - the Auto Mode built-in NodeClass
   */
  readonly nodeClassName?: string;
  /**
   * Require exactly the plan's instance type (the one the cost model priced) rather than any
   * size of its family with the same accelerator count.
   * @default true - the instance the cost model priced; false allows any size of the family
   * with the same accelerator count (better spot availability, the accelerator limit still holds)
   */
  readonly pinInstanceType?: boolean;
}

function isRestricted(key: string): boolean {
  const domain = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
  return RESTRICTED_LABEL_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Node requirements of one node group: capacity type, instance family/type and accelerators. */
export function nodeRequirements(pool: PoolPlan, group: NodeGroupPlan, pinInstanceType = true): Record<string, unknown>[] {
  const req = (key: string, values: string[]) => ({ key, operator: 'In', values });
  return [
    req(CAPACITY_TYPE_LABEL, [group.capacityType]),
    req('eks.amazonaws.com/instance-family', [pool.machine.family]),
    ...(pinInstanceType ? [req('node.kubernetes.io/instance-type', [pool.machine.instanceType])] : []),
    // GPU manufacturer and count are Auto Mode labels; the GPU model is fixed by the family
    // (and the pinned instance type), so no instance-gpu-name value can drift out of sync.
    ...(pool.accelerator.kind === 'gpu'
      ? [req('eks.amazonaws.com/instance-gpu-manufacturer', ['nvidia']), req('eks.amazonaws.com/instance-gpu-count', [String(pool.machine.acceleratorsPerNode)])]
      : []),
  ];
}

/**
 * Limits that stop the group at `maxNodes` nodes of the planned machine: accelerators always
 * (whatever size is chosen), and vCPUs when the instance type is pinned (a larger size of the
 * family would otherwise use the CPU budget up early). Memory is left out: Karpenter counts an
 * instance's memory net of a VM overhead, so a memory limit would not map to whole nodes.
 */
export function nodeLimits(pool: PoolPlan, group: NodeGroupPlan, pinInstanceType = true): Record<string, string> {
  // Auto Mode ships the NVIDIA and Neuron device plugins; the plan admits no other kind on AWS.
  const { resource } = ACCELERATOR_DEVICES[pool.accelerator.kind];
  return {
    [resource]: String(group.maxNodes * pool.machine.acceleratorsPerNode),
    ...(pinInstanceType ? { cpu: String(group.maxNodes * pool.machine.vcpus) } : {}),
  };
}

/**
 * The NodePool of one node group. Nodes are tainted as the plan says (so only the pool's pods,
 * which tolerate it, land there), labelled with the pool label and the identity labels, weighted
 * so the on-demand floor fills before spot, and disrupted only when empty, one node at a time.
 * The NodePool object itself carries the cost labels (its metadata is no drift field).
 */
export function renderNodePool(plan: InferencePlan, pool: PoolPlan, group: NodeGroupPlan, options: NodePoolRenderOptions = {}): Record<string, unknown> {
  const pin = options.pinInstanceType ?? true;
  // Identity only: a cost-tag edit must not drift (and replace) the pool's nodes.
  const templateLabels = Object.fromEntries(
    Object.entries({ ...plan.costAllocation.nodeTags, ...group.labels }).filter(([key]) => !isRestricted(key)),
  );
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: group.name, labels: { ...plan.labels } },
    spec: {
      // Higher weight is tried first: the on-demand floor is used up before spot capacity.
      weight: group.capacityType === 'on-demand' ? 100 : 50,
      template: {
        metadata: { labels: templateLabels },
        spec: {
          nodeClassRef: { group: 'eks.amazonaws.com', kind: 'NodeClass', name: options.nodeClassName ?? 'default' },
          requirements: nodeRequirements(pool, group, pin),
          taints: group.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
          // Upper bound for draining a node; each pod still gets its own termination grace period
          // to finish in-flight requests (Auto Mode's default would be 24h of idle accelerators).
          terminationGracePeriod: '1h',
        },
      },
      limits: nodeLimits(pool, group, pin),
      disruption: {
        // WhenEmpty never moves a running model server to pack nodes tighter; a node goes only
        // after its last pool pod has left (KEDA scaled in), and only after the pool's own
        // scale-down delay, so a quick return of traffic reuses the warm node.
        consolidationPolicy: 'WhenEmpty',
        consolidateAfter: `${Math.max(30, pool.scaling.scaleDownDelaySeconds)}s`,
        // At most one node of the pool is disrupted at a time, for any reason (drift included).
        budgets: [{ nodes: '1' }],
      },
    },
  };
}

/**
 * Ephemeral storage for a pool's nodes: what each pod requests (lib/k8s `podEphemeralStorageGiB`:
 * model cache, /tmp, logs) per replica on the node, plus OS and image, grossed up for the
 * eviction reserve, rounded up to 10 GiB, at least Auto Mode's default 80 GiB.
 */
export function ephemeralStorageGiB(pool: PoolPlan): number {
  return nodeDiskGiB(pool, MIN_DISK_GIB);
}

/** Inputs of `renderNodeClass`. */
export interface NodeClassRenderProps {
  /** NodeClass name (cluster-scoped: `PoolPlan.clusterScopedName`). */
  readonly name: string;
  /** Name (not ARN) of the node IAM role. */
  readonly roleName: string;
  /** Subnets the nodes launch in (`subnetSelectorTerms` by id). */
  readonly subnetIds: readonly string[];
  /** Security groups of the nodes (`securityGroupSelectorTerms` by id). */
  readonly securityGroupIds: readonly string[];
  /** Ephemeral storage of each node in GiB (see `ephemeralStorageGiB`). */
  readonly ephemeralStorageGiB: number;
  /**
   * Tags for the instances and volumes Auto Mode launches. Keep them stable: a change replaces
   * every node of the NodeClass (`plan.costAllocation.nodeTags` plus the pool tag).
   */
  readonly tags: Readonly<Record<string, string>>;
}

/** An Auto Mode NodeClass (`eks.amazonaws.com/v1`). */
export function renderNodeClass(props: NodeClassRenderProps): Record<string, unknown> {
  return {
    apiVersion: 'eks.amazonaws.com/v1',
    kind: 'NodeClass',
    metadata: { name: props.name },
    spec: {
      role: props.roleName,
      subnetSelectorTerms: props.subnetIds.map((id) => ({ id })),
      securityGroupSelectorTerms: props.securityGroupIds.map((id) => ({ id })),
      ephemeralStorage: { size: `${props.ephemeralStorageGiB}Gi` },
      tags: Object.fromEntries(Object.entries(props.tags).filter(([key]) => !RESTRICTED_TAG_PREFIXES.some((p) => key.startsWith(p)))),
    },
  };
}

/** Props of {@link AcceleratorNodePools}: an Auto Mode cluster and the AWS plan whose pools it gets. */
export interface AcceleratorNodePoolsProps {
  /**
   * An aws-eks-v2 cluster with Auto Mode and a kubectl provider (`kubectlProviderOptions`). The
   * NodePools (`karpenter.sh/v1`) and NodeClasses (`eks.amazonaws.com/v1`) exist only on Auto
   * Mode clusters: a cluster without it fails at deploy time, when the manifests are applied.
   */
  readonly cluster: eks.ICluster;
  /**
   * That `cluster` runs EKS Auto Mode. A `Cluster` created in this app is checked at synth time
   * (its compute config must be enabled, `defaultCapacityType: AUTOMODE`) and refused without
   * Auto Mode. An imported cluster (`Cluster.fromClusterAttributes`) cannot be checked: set
   * `true` once `aws eks describe-cluster --name <name> --query cluster.computeConfig.enabled`
   * says so; `false` is refused, since these pools need Auto Mode.
   * @default - checked for a cluster created in this app; for an imported cluster, synth warns
   * that it cannot check
   */
  readonly autoMode?: boolean;
  /** The AWS plan: its pools, node groups, labels and tags. */
  readonly plan: InferencePlan;
  /**
   * Node role for the NodeClasses this construct creates (one per pool: disk sized for the
   * model, cost tags on every instance). Use the role of the cluster's Auto Mode compute config,
   * which already has its EC2 access entry; another role needs an access entry of type EC2 with
   * `AmazonEKSAutoNodePolicy`. The cluster role needs the tag-propagation permissions of
   * `grantAutoModeTagPropagation`.
   * @default - no NodeClass is created: the pools use Auto Mode's built-in `default` NodeClass,
   * whose instances carry no cost tags and get its default disk
   */
  readonly nodeRole?: iam.IRole;
  /**
   * Subnets for the nodes (with `nodeRole`).
   * @default - the cluster VPC's private subnets
   */
  readonly nodeSubnets?: ec2.ISubnet[];
  /**
   * Security groups for the nodes (with `nodeRole`).
   * @default - the EKS-created cluster security group
   */
  readonly nodeSecurityGroupIds?: string[];
  /**
   * Require exactly the plan's instance type.
   * @default true - the instance the cost model priced; false allows any size of the family
   * with the same accelerator count (better spot availability, the accelerator limit still holds)
   */
  readonly pinInstanceType?: boolean;
  /**
   * The scope of one pool's manifest (then named `NodePools`), for example one NestedStack per
   * pool. Return the same scope for a pool on every synthesis: moving a manifest deletes and
   * recreates its NodePools.
   * @default - this construct, the manifest named `Pool-<model>`
   */
  readonly poolScope?: (pool: PoolPlan) => Construct;
}

/** Tag on every accelerator node naming its pool (the model), next to the plan's node tags. */
export const POOL_TAG_KEY = 'inferstack-pool';

/**
 * Whether an aws-eks-v2 cluster runs Auto Mode, as far as synthesis can tell: true or false for a
 * `Cluster` created in the app (its `CfnCluster` compute config), undefined for an imported one.
 */
export function clusterAutoMode(cluster: eks.ICluster): boolean | undefined {
  if (!(cluster instanceof eks.Cluster)) return undefined;
  const cfn = cluster.node.defaultChild as eks.CfnCluster | undefined;
  const config = cfn?.computeConfig;
  if (config === undefined) return false;
  if (Token.isUnresolved(config)) return undefined;
  const enabled = (config as eks.CfnCluster.ComputeConfigProperty).enabled;
  return typeof enabled === 'boolean' ? enabled : undefined;
}

/** Refuse a cluster without Auto Mode; warn where it cannot be told and was not asserted. */
function checkAutoMode(scope: Construct, cluster: eks.ICluster, asserted: boolean | undefined): void {
  const where = `cluster '${cluster.node.path}'`;
  if (asserted === false) {
    throw new Error(`AcceleratorNodePools: autoMode is false, but these NodePools and NodeClasses exist only on EKS Auto Mode clusters; enable Auto Mode on ${where} or use your own node groups`);
  }
  const known = clusterAutoMode(cluster);
  if (known === false) {
    throw new Error(
      `AcceleratorNodePools: ${where} does not run EKS Auto Mode (its compute config is off), so its karpenter.sh/v1 NodePools and eks.amazonaws.com/v1 NodeClasses would fail at deploy time; create it with defaultCapacityType: eks.DefaultCapacityType.AUTOMODE`,
    );
  }
  if (known === undefined && asserted !== true) {
    Annotations.of(scope).addWarningV2(
      'inferstack:autoModeUnchecked',
      `AcceleratorNodePools cannot check that ${where} (imported) runs EKS Auto Mode; without it the NodePools fail at deploy time. Check with 'aws eks describe-cluster --query cluster.computeConfig.enabled' and set autoMode: true.`,
    );
  }
}

/**
 * Accelerator NodePools for every pool of an AWS plan, on a new or an existing Auto Mode cluster.
 * Each pool's NodeClass and NodePools are applied as one manifest (`Pool-<model>`, or
 * `NodePools` in `poolScope`).
 */
export class AcceleratorNodePools extends Construct {
  /** Manifests by model name. */
  readonly manifests: Readonly<Record<string, eks.KubernetesManifest>>;
  /** NodePool names by model name, in plan order (on-demand first). */
  readonly nodePoolNames: Readonly<Record<string, readonly string[]>>;

  constructor(scope: Construct, id: string, props: AcceleratorNodePoolsProps) {
    super(scope, id);
    const { cluster, plan } = props;
    if (plan.cloud !== 'aws') throw new Error(`AcceleratorNodePools renders AWS plans; this plan is for ${plan.cloud}`);
    checkAutoMode(this, cluster, props.autoMode);
    const manifests: Record<string, eks.KubernetesManifest> = {};
    const names: Record<string, string[]> = {};
    for (const pool of plan.pools) {
      const objects: Record<string, unknown>[] = [];
      let nodeClassName: string | undefined;
      if (props.nodeRole) {
        // Cluster-scoped: the name carries the environment, so dev and prod can share a cluster.
        nodeClassName = pool.clusterScopedName;
        objects.push(
          renderNodeClass({
            name: nodeClassName,
            roleName: props.nodeRole.roleName,
            subnetIds: (props.nodeSubnets ?? cluster.vpc.privateSubnets).map((s) => s.subnetId),
            securityGroupIds: props.nodeSecurityGroupIds ?? [cluster.clusterSecurityGroupId],
            ephemeralStorageGiB: ephemeralStorageGiB(pool),
            tags: { ...plan.costAllocation.nodeTags, [POOL_TAG_KEY]: pool.name },
          }),
        );
      }
      for (const group of pool.nodeGroups) {
        objects.push(renderNodePool(plan, pool, group, { nodeClassName, pinInstanceType: props.pinInstanceType }));
      }
      names[pool.name] = pool.nodeGroups.map((g) => g.name);
      const where = props.poolScope?.(pool);
      manifests[pool.name] = new eks.KubernetesManifest(where ?? this, where ? 'NodePools' : `Pool-${pool.name}`, { cluster, manifest: objects, overwrite: true });
    }
    this.manifests = manifests;
    this.nodePoolNames = names;
  }
}
