/**
 * The spec-driven composition: everything one GCP plan describes, built from the components of
 * this folder. It reads the plan only; nothing here decides what the plan already decided.
 */
import * as pulumi from '@pulumi/pulumi';
import * as organizations from '@pulumi/gcp/organizations';
import { Catalog } from '../catalog';
import { KEDA_NAMESPACE, KEDA_OPERATOR_ACCOUNT, workloadNames } from '../k8s';
import { resolvePlan } from '../plan/resolve';
import { InferencePlan } from '../plan/types';
import type { InferenceSpec } from '../spec/types';
import { InferenceBudget } from './budget';
import { CpuNodePoolArgs, ExistingNetwork, InferenceCluster, NetworkRanges } from './cluster';
import { ArgProblem, assertValidArgs, planCloudProblem } from './errors';
import { QueueIdentities } from './identities';
import { nodeCostLabels, withCostLabels } from './labels';
import { gcpNames } from './names';
import { AcceleratorNodePools, GpuDriverVersion } from './node-pools';
import { InferenceQueue } from './queue';
import { InferenceWorkload } from './workload';

/** Arguments of {@link InferenceDeployment}. */
export interface InferenceDeploymentArgs {
  /**
   * The inference spec; resolved for GCP with `resolvePlan(spec, 'gcp')`. Give `spec` or `plan`.
   * @default - use `plan`
   */
  readonly spec?: InferenceSpec;
  /**
   * An already resolved GCP plan. Give `spec` or `plan`.
   * @default - resolved from `spec`
   */
  readonly plan?: InferencePlan;
  /**
   * Cloud Billing account of the budget (`XXXXXX-XXXXXX-XXXXXX`); required when the spec has a budget.
   * @default - none
   */
  readonly billingAccount?: pulumi.Input<string>;
  /**
   * An existing VPC (`InferenceClusterArgs.network`).
   * @default - a new VPC with Cloud NAT
   */
  readonly network?: ExistingNetwork;
  /**
   * Ranges of the new VPC (`InferenceClusterArgs.ipRanges`).
   * @default - nodes 10.0.0.0/20, pods 10.16.0.0/14, Services 10.20.0.0/20
   */
  readonly ipRanges?: NetworkRanges;
  /**
   * CIDR blocks that may reach a public IP endpoint of the control plane (`InferenceClusterArgs.authorizedNetworks`).
   * @default - none: the IP endpoint is private; clients outside the VPC use the DNS-based endpoint
   */
  readonly authorizedNetworks?: readonly string[];
  /**
   * Accept external traffic on the DNS-based endpoint (`InferenceClusterArgs.dnsEndpoint`).
   * @default true
   */
  readonly dnsEndpoint?: boolean;
  /**
   * Refuse to delete the cluster (`InferenceClusterArgs.deletionProtection`).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * GKE release channel (`InferenceClusterArgs.releaseChannel`).
   * @default 'REGULAR'
   */
  readonly releaseChannel?: 'RAPID' | 'REGULAR' | 'STABLE' | 'EXTENDED';
  /**
   * Zones of the CPU pools (`InferenceClusterArgs.nodeZones`).
   * @default - the catalog's zones of the region, else those Compute Engine reports as UP
   */
  readonly nodeZones?: readonly string[];
  /**
   * Zones per model for the accelerator pools (`AcceleratorNodePoolsArgs.zones`).
   * @default - the catalog's zones that offer each pool's machine, else the cluster's zones
   */
  readonly acceleratorZones?: Readonly<Record<string, readonly string[]>>;
  /**
   * NVIDIA driver GKE installs on GPU nodes (`AcceleratorNodePoolsArgs.gpuDriverVersion`).
   * @default 'LATEST'
   */
  readonly gpuDriverVersion?: GpuDriverVersion;
  /**
   * Cloud KMS key of the Pub/Sub topics (`InferenceQueueArgs.kmsKeyName`).
   * @default - Google-managed encryption at rest
   */
  readonly queueEncryptionKey?: pulumi.Input<string>;
  /**
   * Cloud KMS key for Kubernetes Secrets (`InferenceClusterArgs.secretsEncryptionKey`).
   * @default - Google-managed encryption at rest
   */
  readonly secretsEncryptionKey?: pulumi.Input<string>;
  /**
   * Put the plan's cost labels on every labellable resource in this component; node pools' VMs
   * and disks get `nodeCostLabels(plan)` (`plan.costAllocation`).
   * @default true
   */
  readonly applyCostLabels?: boolean;
  /**
   * Catalog for CPU machines and zones.
   * @default Catalog.DEFAULT
   */
  readonly catalog?: Catalog;
}

/**
 * A GCP inference deployment from one plan: GKE cluster with its CPU pools, accelerator node
 * pools, the Pub/Sub queue with its dead-letter topic, Workload Identity for KEDA and consumers,
 * the in-cluster workload, the budget, and cost labels on everything.
 */
export class InferenceDeployment extends pulumi.ComponentResource {
  /** The GCP plan this deployment renders. */
  readonly plan: InferencePlan;
  /** The GKE cluster with its network and CPU pools. */
  readonly cluster: InferenceCluster;
  /** One node pool per node group of the plan. */
  readonly nodePools: AcceleratorNodePools;
  /** The Pub/Sub queue, when a model has `serve: queue`. */
  readonly queue?: InferenceQueue;
  /** KEDA's and the consumers' Workload Identity, with the queue. */
  readonly identities?: QueueIdentities;
  /** Everything that runs in the cluster. */
  readonly workload: InferenceWorkload;
  /** The budget, when the spec has one. */
  readonly budget?: InferenceBudget;
  /** In-cluster URL of the router, when the plan has online models. */
  readonly routerServiceAddress?: string;

  constructor(name: string, args: InferenceDeploymentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const problems: ArgProblem[] = [];
    if ((args.spec === undefined) === (args.plan === undefined)) problems.push({ path: 'args.spec', reason: 'give exactly one of spec or plan' });
    const plan = args.plan ?? (args.spec ? resolvePlan(args.spec, 'gcp', args.catalog) : undefined);
    if (plan) {
      problems.push(...planCloudProblem(plan));
      if (!plan.project) problems.push({ path: 'args.plan.project', reason: 'the plan has no project; set targets.gcp.project' });
      if (plan.budget && (args.billingAccount === undefined || args.billingAccount === '')) {
        problems.push({ path: 'args.billingAccount', reason: 'is required because the spec has a budget (config inferstack:billingAccount: gcloud billing accounts list)' });
      }
    }
    let cpuPools: CpuNodePoolArgs[] = [];
    if (plan) {
      try {
        cpuPools = InferenceCluster.cpuPoolsFor(plan, args.catalog);
      } catch (e) {
        problems.push({ path: 'args.catalog', reason: (e as Error).message });
      }
    }
    const labels = plan && (args.applyCostLabels ?? true) ? plan.tags : {};
    super('inferstack:gcp:InferenceDeployment', name, {}, withCostLabels(opts, labels, plan ? { nodes: nodeCostLabels(plan) } : {}));
    assertValidArgs('InferenceDeployment', name, problems);
    this.plan = plan!;
    const project = this.plan.project!;
    const region = this.plan.region;
    const catalog = args.catalog ?? Catalog.DEFAULT;
    const names = gcpNames(this.plan);
    const child = { parent: this };

    this.cluster = new InferenceCluster(
      `${name}-cluster`,
      {
        project,
        region,
        clusterName: names.cluster,
        network: args.network,
        ipRanges: args.ipRanges,
        authorizedNetworks: args.authorizedNetworks,
        dnsEndpoint: args.dnsEndpoint,
        deletionProtection: args.deletionProtection,
        releaseChannel: args.releaseChannel,
        cpuPools,
        nodeZones: args.nodeZones,
        secretsEncryptionKey: args.secretsEncryptionKey,
        catalog,
      },
      child,
    );
    this.nodePools = new AcceleratorNodePools(
      `${name}-accelerators`,
      {
        plan: this.plan,
        cluster: this.cluster.clusterName,
        location: region,
        project,
        nodeServiceAccount: this.cluster.nodeServiceAccount,
        gpuDriverVersion: args.gpuDriverVersion,
        zones: args.acceleratorZones,
        catalog,
      },
      child,
    );

    // One project lookup for the Pub/Sub service agent and the budget filter.
    const projectNumber = this.plan.queue || this.plan.budget ? organizations.getProjectOutput({ projectId: project }, child).apply((p) => p.number) : undefined;

    if (this.plan.queue) {
      this.queue = new InferenceQueue(`${name}-queue`, { ...InferenceQueue.argsFromPlan(this.plan), projectNumber, kmsKeyName: args.queueEncryptionKey }, child);
      this.identities = new QueueIdentities(
        `${name}-identities`,
        {
          project,
          subscription: this.queue.subscription.name,
          // From the cluster, so the bindings wait for the pool GKE creates with it.
          workloadPool: this.cluster.workloadPool,
          scalerAccountId: names.scalerServiceAccount,
          scalerServiceAccount: { namespace: KEDA_NAMESPACE, name: KEDA_OPERATOR_ACCOUNT },
          consumerAccountId: names.consumerServiceAccount,
          consumerServiceAccount: { namespace: this.plan.namespace, name: workloadNames(this.plan).consumerAccount },
        },
        child,
      );
    }

    this.workload = new InferenceWorkload(
      `${name}-workload`,
      {
        plan: this.plan,
        kubeconfig: this.cluster.kubeconfig,
        bindings: {
          ...(this.identities ? { identities: { scaler: this.identities.scalerEmail, consumer: this.identities.consumerEmail } } : {}),
          ...(this.queue ? { queue: { subscriptionName: this.queue.subscription.name, projectId: project } } : {}),
        },
        // CPU nodes for KEDA and Prometheus, accelerator pools for the models, identities bound
        // before KEDA starts reading metrics.
        dependsOn: [...Object.values(this.cluster.cpuNodePools), this.nodePools, ...(this.identities ? [this.identities] : [])],
      },
      child,
    );
    this.routerServiceAddress = this.workload.routerServiceAddress;

    if (this.plan.budget) {
      this.budget = new InferenceBudget(`${name}-budget`, { ...InferenceBudget.argsFromPlan(this.plan), billingAccount: args.billingAccount!, projectNumber }, child);
    }

    this.registerOutputs({
      clusterName: this.cluster.clusterName,
      endpoint: this.cluster.endpoint,
      kubeconfig: this.cluster.kubeconfig,
      routerServiceAddress: this.routerServiceAddress,
    });
  }
}
