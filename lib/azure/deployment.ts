/**
 * The spec-driven composition: everything one Azure plan describes, built from the components of
 * this folder. It reads the plan only; nothing here decides what the plan already decided.
 */
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import { Catalog } from '../catalog';
import { ROUTER_PORT, serviceHost, workloadNames } from '../k8s/meta';
import { resolvePlan } from '../plan/resolve';
import { InferencePlan } from '../plan/types';
import type { InferenceSpec } from '../spec/types';
import { InferenceBudget } from './budget';
import { ApiServerAccess, InferenceCluster } from './cluster';
import { QueueIdentities } from './identities';
import { KubeloginMode } from './kubeconfig';
import { azureNames, serviceBusNamespaceName } from './names';
import { AcceleratorNodePools } from './node-pools';
import { InferenceQueue, ServiceBusSku } from './queue';
import { InferenceResourceGroup } from './resource-group';
import { InferenceWorkload } from './workload';

/** Arguments of {@link InferenceDeployment}. Give `spec` or `plan`. */
export interface InferenceDeploymentArgs {
  /**
   * The inference spec; resolved with `resolvePlan(spec, 'azure')`.
   * @default - use `plan`
   */
  readonly spec?: InferenceSpec;
  /**
   * An already resolved Azure plan.
   * @default - resolved from `spec`
   */
  readonly plan?: InferencePlan;
  /**
   * Deploy into the resource group the spec names (`targets.azure.resourceGroupName`), which
   * exists already, instead of creating one.
   * @default false - a new, tagged resource group `rg-<name>-<environment>` (or the spec's name)
   */
  readonly existingResourceGroup?: boolean;
  /** @default - a private API server (see ApiServerAccess) */
  readonly apiServer?: ApiServerAccess;
  /** Entra ID groups of cluster admins. @default - none */
  readonly adminGroupObjectIds?: readonly pulumi.Input<string>[];
  /** @default - the AKS default version */
  readonly kubernetesVersion?: string;
  /** @default - the tier the cost model prices (Standard) */
  readonly serviceBusSku?: ServiceBusSku;
  /**
   * Where the budget counts costs (always only those tagged with the deployment tag).
   * @default 'resourceGroup'
   */
  readonly budgetScope?: 'resourceGroup' | 'subscription';
  /** First day of the budget, `YYYY-MM-01`. @default - the first of the current UTC month at the first `pulumi up` */
  readonly budgetStartDate?: string;
  /** @default 'azurecli' (see InferenceWorkload) */
  readonly kubeloginMode?: KubeloginMode;
  /** @default true (see InferenceCluster) */
  readonly grantDeployerClusterAdmin?: boolean;
  /** @default 'User' (see InferenceCluster; CI with OIDC login: 'ServicePrincipal') */
  readonly deployerPrincipalType?: 'User' | 'ServicePrincipal';
  /** @default - `Catalog.DEFAULT` */
  readonly catalog?: Catalog;
}

/**
 * An Azure inference deployment from one plan: resource group, AKS cluster (system, router and
 * metrics pools), one agent pool per node group, the Service Bus queue with its dead-letter
 * queue, workload identities for KEDA and consumers scoped to the queue, the in-cluster workload
 * and the budget; cost tags on every resource that takes tags.
 */
export class InferenceDeployment extends pulumi.ComponentResource {
  /** The Azure plan rendered. */
  readonly plan: InferencePlan;
  /** The resource group everything is in (new or existing). */
  readonly resourceGroup: InferenceResourceGroup;
  /** The AKS cluster with its system, router and metrics pools. */
  readonly cluster: InferenceCluster;
  /** One agent pool per node group of the plan. */
  readonly acceleratorPools: AcceleratorNodePools;
  /** The Service Bus queue, when the plan has one. */
  readonly queue?: InferenceQueue;
  /** The KEDA and consumer identities, when the plan has a queue. */
  readonly identities?: QueueIdentities;
  /** The Kubernetes workload on the cluster. */
  readonly workload: InferenceWorkload;
  /** The budget, when the spec has one. */
  readonly budget?: InferenceBudget;
  /** In-cluster URL of the OpenAI-compatible router, when the plan has online models. */
  readonly routerEndpoint?: string;
  /** The plan's notes plus what the renderer could not do as planned (pools without zone data). */
  readonly notes: readonly string[];

  constructor(name: string, args: InferenceDeploymentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:azure:InferenceDeployment', name, {}, opts);
    if ((args.spec === undefined) === (args.plan === undefined)) {
      throw new pulumi.InputPropertyError({ propertyPath: 'spec', reason: `InferenceDeployment '${name}': give exactly one of spec or plan` });
    }
    const plan = args.plan ?? resolvePlan(args.spec!, 'azure', args.catalog);
    if (plan.cloud !== 'azure') throw new pulumi.InputPropertyError({ propertyPath: 'plan', reason: `InferenceDeployment '${name}': plan: is a plan for ${plan.cloud}; resolve the spec for azure` });
    if (args.budgetScope !== undefined && args.budgetScope !== 'resourceGroup' && args.budgetScope !== 'subscription') {
      throw new pulumi.InputPropertyError({ propertyPath: 'budgetScope', reason: `InferenceDeployment '${name}': budgetScope: '${args.budgetScope}' is not resourceGroup or subscription` });
    }
    this.plan = plan;
    const names = azureNames(plan);
    const child = { parent: this };

    this.resourceGroup = new InferenceResourceGroup(
      `${name}-resource-group`,
      { resourceGroupName: names.resourceGroup, location: plan.region, existing: args.existingResourceGroup, tags: plan.tags },
      child,
    );
    const resourceGroupName = this.resourceGroup.name;
    const { notes: clusterPlanNotes, ...clusterArgs } = InferenceCluster.argsFromPlan(plan, { catalog: args.catalog });
    this.cluster = new InferenceCluster(
      `${name}-cluster`,
      {
        ...clusterArgs,
        resourceGroupName,
        apiServer: args.apiServer,
        adminGroupObjectIds: args.adminGroupObjectIds,
        kubernetesVersion: args.kubernetesVersion,
        grantDeployerClusterAdmin: args.grantDeployerClusterAdmin,
        deployerPrincipalType: args.deployerPrincipalType,
      },
      child,
    );
    this.acceleratorPools = new AcceleratorNodePools(
      `${name}-accelerators`,
      { plan, resourceGroupName, clusterName: this.cluster.clusterName, catalog: args.catalog },
      child,
    );

    if (plan.queue) {
      this.queue = new InferenceQueue(
        `${name}-queue`,
        {
          ...InferenceQueue.argsFromPlan(plan.queue),
          resourceGroupName,
          location: plan.region,
          namespaceName: this.resourceGroup.id.apply((id) => serviceBusNamespaceName(names.serviceBusNamespaceStem, id)),
          sku: args.serviceBusSku,
          tags: plan.tags,
        },
        child,
      );
      const consumers = plan.pools.some((p) => p.serve === 'queue');
      this.identities = new QueueIdentities(
        `${name}-identities`,
        {
          resourceGroupName,
          location: plan.region,
          oidcIssuerUrl: this.cluster.oidcIssuerUrl,
          queueId: this.queue.queueId,
          consumerServiceAccount: consumers ? { namespace: plan.namespace, name: workloadNames(plan).consumerAccount } : undefined,
          scalerIdentityName: names.scalerIdentity,
          consumerIdentityName: names.consumerIdentity,
          tags: plan.tags,
        },
        child,
      );
    }

    const identityResources = this.identities ? [this.identities.scaler, ...(this.identities.consumer ? [this.identities.consumer] : [])] : [];
    this.workload = new InferenceWorkload(
      `${name}-workload`,
      {
        plan,
        resourceGroupName,
        clusterName: this.cluster.clusterName,
        kubeloginMode: args.kubeloginMode,
        ...(this.identities ? { scalerClientId: this.identities.scaler.clientId, consumerClientId: this.identities.consumer?.clientId } : {}),
        ...(this.queue ? { queue: { namespaceName: this.queue.namespaceName, queueName: this.queue.queueName } } : {}),
        dependsOn: [
          ...Object.values(this.acceleratorPools.agentPools),
          ...Object.values(this.cluster.cpuPools),
          ...(this.cluster.deployerAdmin ? [this.cluster.deployerAdmin] : []),
          ...identityResources.flatMap((i) => [i.federatedCredential, i.roleAssignment]),
        ],
      },
      child,
    );

    if (plan.budget) {
      const scope =
        (args.budgetScope ?? 'resourceGroup') === 'subscription'
          ? authorization.getClientConfigOutput(child).subscriptionId.apply((s) => `/subscriptions/${s}`)
          : this.resourceGroup.id;
      this.budget = new InferenceBudget(`${name}-budget`, InferenceBudget.argsFromPlan(plan.budget, scope, args.budgetStartDate), child);
    }
    if (plan.router) this.routerEndpoint = `http://${serviceHost(plan.router.resourceName, plan.namespace)}:${ROUTER_PORT}`;
    this.notes = [...plan.notes, ...clusterPlanNotes, ...this.cluster.notes, ...this.acceleratorPools.notes];
    this.registerOutputs({
      resourceGroupName,
      clusterName: this.cluster.clusterName,
      oidcIssuerUrl: this.cluster.oidcIssuerUrl,
      routerEndpoint: this.routerEndpoint,
      notes: this.notes,
    });
  }
}
