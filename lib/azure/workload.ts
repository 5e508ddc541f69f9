/**
 * The Kubernetes side on AKS: a `@pulumi/kubernetes` provider from the cluster's Entra ID
 * credentials (kubelogin, no local accounts), the lib/k8s workload applied through it with every
 * binding filled from real Azure outputs, the KEDA add-on's operator bound to the scaler
 * identity, the NVIDIA device plugin (AKS installs GPU drivers, not the plugin) and the cluster
 * autoscaler's priorities (on-demand floors before spot).
 */
import * as pulumi from '@pulumi/pulumi';
import * as containerservice from '@pulumi/azure-native/containerservice';
import * as k8s from '@pulumi/kubernetes';
import { ACCELERATOR_DEVICES } from '../catalog/devices';
import { POOL_LABEL } from '../k8s/meta';
import { WorkloadBindings } from '../k8s/types';
import { CAPABILITIES } from '../plan/capabilities';
import { InferencePlan } from '../plan/types';
import { AppliedWorkload, applyWorkload, PulumiBinding, renderPulumiWorkload } from '../pulumi/kubernetes';
import { KEDA_ADDON_NAMESPACE } from './identities';
import { convertKubeconfig, KUBELOGIN_MODES, KubeloginMode } from './kubeconfig';
import { autoscalerPriorities } from './node-pools';
import { ArgChecks } from './private/args';

/**
 * The NVIDIA device plugin chart, at the version AKS's GPU guide deploys (image v0.18.0,
 * github:MicrosoftDocs/azure-aks-docs/articles/aks/use-nvidia-gpu.md@fb060abe6a8fef960d4c487b543bf7b1e97808fe;
 * chart github:NVIDIA/k8s-device-plugin/deployments/helm/nvidia-device-plugin@v0.18.0).
 */
export const NVIDIA_DEVICE_PLUGIN_CHART = {
  repository: 'https://nvidia.github.io/k8s-device-plugin',
  chart: 'nvidia-device-plugin',
  version: '0.18.0',
  namespace: 'nvidia-device-plugin',
} as const;

/** The ConfigMap the cluster autoscaler's priority expander reads (name and namespace are fixed). */
export const AUTOSCALER_PRIORITY_CONFIGMAP = { name: 'cluster-autoscaler-priority-expander', namespace: 'kube-system' } as const;

/**
 * What the provider gets when AKS returns no credentials: a kubeconfig whose server is in the
 * reserved `.invalid` domain (RFC 2606), so every apply fails loudly; an empty kubeconfig would
 * make the provider fall back to the ambient one and deploy to whatever cluster that names.
 */
const NO_CREDENTIALS_KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters: [{name: none, cluster: {server: "https://aks-returned-no-credentials.invalid"}}]',
  'users: [{name: none, user: {}}]',
  'contexts: [{name: none, context: {cluster: none, user: none}}]',
  'current-context: none',
  '',
].join('\n');

/** The AKS KEDA add-on's operator Deployment and service account. */
const KEDA_ADDON_OPERATOR = 'keda-operator';

/** Arguments of {@link InferenceWorkload}. */
export interface InferenceWorkloadArgs {
  /** The Azure plan whose workload runs on the cluster. */
  readonly plan: InferencePlan;
  /** Resource group and name of the AKS cluster (Entra ID integrated). */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Name of the AKS cluster. */
  readonly clusterName: pulumi.Input<string>;
  /**
   * How kubelogin gets tokens: `azurecli` uses the Azure CLI's login (`az login`, or `azure/login`
   * in GitHub Actions); `workloadidentity` reads `AZURE_CLIENT_ID`, `AZURE_TENANT_ID` and
   * `AZURE_FEDERATED_TOKEN_FILE`.
   * @default 'azurecli'
   */
  readonly kubeloginMode?: KubeloginMode;
  /**
   * A kubeconfig to use instead.
   * @default - the cluster's user credentials in exec format (`listManagedClusterUserCredentials`), converted for `kubeloginMode`
   */
  readonly kubeconfig?: pulumi.Input<string>;
  /** Client id of the KEDA operator's identity (`QueueIdentities.scaler.clientId`); required with queue pools. */
  readonly scalerClientId?: pulumi.Input<string>;
  /** Client id of the consumers' identity (`QueueIdentities.consumer.clientId`); required with queue pools. */
  readonly consumerClientId?: pulumi.Input<string>;
  /** The Service Bus namespace (name without domain) and queue; required with queue pools. */
  readonly queue?: { readonly namespaceName: pulumi.Input<string>; readonly queueName: pulumi.Input<string> };
  /**
   * Install the NVIDIA device plugin (it advertises `nvidia.com/gpu`; AKS installs only the driver).
   * Turn off when the cluster runs the NVIDIA GPU Operator or the plugin already.
   * @default - installed when the plan has GPU pools
   */
  readonly installGpuDevicePlugin?: boolean;
  /**
   * Write the priority expander's ConfigMap (on-demand floors before spot). Needs the cluster's
   * autoscaler `expander: priority` (`InferenceCluster.argsFromPlan` sets it for such plans).
   * @default - written when a pool has both an on-demand floor and spot capacity
   */
  readonly autoscalerPriorities?: boolean;
  /**
   * Applied before anything in the cluster: node pools, identities, the deployer's role assignment.
   * @default - nothing
   */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** @default 600 */
  readonly helmTimeoutSeconds?: number;
}

/** The plan's workload on an AKS cluster, bound to real identities and queue coordinates. */
export class InferenceWorkload extends pulumi.ComponentResource {
  /** The Kubernetes provider every object is applied through. */
  readonly provider: k8s.Provider;
  /** The kubeconfig the provider uses (secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** The lib/k8s objects and Helm releases, by resource name. */
  readonly applied: AppliedWorkload;
  /** The KEDA add-on operator's service account and Deployment patches, with queue pools. */
  readonly kedaOperatorPatches: readonly pulumi.CustomResource[];
  /** The NVIDIA device plugin release, when installed. */
  readonly devicePlugin?: k8s.helm.v3.Release;
  /** The priority expander's ConfigMap, when written. */
  readonly autoscalerPriorityConfigMap?: k8s.core.v1.ConfigMap;

  constructor(name: string, args: InferenceWorkloadArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('inferstack:azure:InferenceWorkload', name, {}, opts);
    const { plan } = args;
    const mode = args.kubeloginMode ?? 'azurecli';
    const queuePools = plan.pools.some((p) => p.serve === 'queue');
    new ArgChecks()
      .check(plan.cloud === 'azure', 'plan', `is a plan for ${plan.cloud}; resolve the spec for azure`)
      .check(KUBELOGIN_MODES.includes(mode), 'kubeloginMode', `'${mode}' is not one of ${KUBELOGIN_MODES.join(', ')} (pulumi up cannot answer an interactive login)`)
      .check(!queuePools || args.scalerClientId !== undefined, 'scalerClientId', 'is required: the plan has queue pools, which KEDA scales with this identity')
      .check(!queuePools || args.consumerClientId !== undefined, 'consumerClientId', 'is required: the plan has queue pools, whose consumers receive with this identity')
      .check(!queuePools || args.queue !== undefined, 'queue', 'is required: the plan has queue pools')
      .throwIfAny(`InferenceWorkload '${name}'`);

    const kubeconfig = args.kubeconfig
      ? pulumi.output(args.kubeconfig)
      : containerservice
          .listManagedClusterUserCredentialsOutput({ resourceGroupName: args.resourceGroupName, resourceName: args.clusterName, format: 'exec' }, { parent: this })
          .apply((c) => {
            const first = c.kubeconfigs?.[0];
            if (!first) {
              pulumi.log.error('AKS returned no user credentials for the cluster; the Kubernetes provider gets a kubeconfig that reaches no cluster', this);
              return NO_CREDENTIALS_KUBECONFIG;
            }
            return convertKubeconfig(Buffer.from(first.value, 'base64').toString('utf8'), mode);
          });
    this.kubeconfig = pulumi.secret(kubeconfig);
    this.provider = new k8s.Provider(`${name}-provider`, { kubeconfig: this.kubeconfig }, { parent: this });
    const provider = this.provider;

    const bindings: WorkloadBindings<PulumiBinding> = queuePools
      ? {
          identities: { scaler: args.scalerClientId!, consumer: args.consumerClientId! },
          queue: { namespace: args.queue!.namespaceName, queueName: args.queue!.queueName },
        }
      : {};
    const workload = renderPulumiWorkload(plan, bindings);
    if (workload.unbound.length) {
      throw new pulumi.ResourceError(`InferenceWorkload '${name}': the workload still has placeholders for ${workload.unbound.join(', ')}; pass the matching args`, this);
    }

    const before: pulumi.Resource[] = [...(args.dependsOn ?? [])];
    const patches: pulumi.CustomResource[] = [];
    const operator = workload.kedaOperatorIdentity;
    if (operator) {
      // AKS keda-workload-identity.md: annotate the add-on's keda-operator service account with the
      // identity's client id, then restart the operator so the webhook injects the token.
      const namespace = operator.namespace ?? KEDA_ADDON_NAMESPACE;
      const force = { 'pulumi.com/patchForce': 'true' };
      patches.push(
        new k8s.core.v1.ServiceAccountPatch(
          `${name}-keda-operator-identity`,
          { metadata: { name: operator.serviceAccountName, namespace, annotations: { ...force, ...operator.annotations } } },
          { parent: this, provider, dependsOn: before },
        ),
      );
      patches.push(
        new k8s.apps.v1.DeploymentPatch(
          `${name}-keda-operator-restart`,
          {
            metadata: { name: KEDA_ADDON_OPERATOR, namespace, annotations: force },
            spec: { template: { metadata: { labels: { ...operator.podLabels }, annotations: { 'inferstack.dev/scaler-client-id': args.scalerClientId! } } } },
          },
          { parent: this, provider, dependsOn: [...before, patches[0]] },
        ),
      );
    }
    this.kedaOperatorPatches = patches;

    const gpu = plan.pools.some((p) => p.accelerator.kind === 'gpu');
    if (args.installGpuDevicePlugin ?? gpu) {
      const spot = CAPABILITIES.azure.spotTaint;
      this.devicePlugin = new k8s.helm.v3.Release(
        `${name}-nvidia-device-plugin`,
        {
          name: 'nvidia-device-plugin',
          chart: NVIDIA_DEVICE_PLUGIN_CHART.chart,
          version: NVIDIA_DEVICE_PLUGIN_CHART.version,
          repositoryOpts: { repo: NVIDIA_DEVICE_PLUGIN_CHART.repository },
          namespace: NVIDIA_DEVICE_PLUGIN_CHART.namespace,
          createNamespace: true,
          values: {
            // On every AKS GPU node (AKS labels them kubernetes.azure.com/accelerator: nvidia, use-labels.md),
            // whatever pool and spot taints they carry.
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.azure.com/accelerator', operator: 'In', values: ['nvidia'] }] }] } } },
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: ACCELERATOR_DEVICES.gpu.taintKey, operator: 'Exists', effect: 'NoSchedule' },
              { key: POOL_LABEL, operator: 'Exists', effect: 'NoSchedule' },
              ...(spot ? [{ key: spot.key, operator: 'Equal', value: spot.value, effect: spot.effect }] : []),
            ],
          },
          timeout: args.helmTimeoutSeconds ?? 600,
          atomic: true,
          cleanupOnFail: true,
        },
        { parent: this, provider, dependsOn: before },
      );
    }

    const mixed = plan.pools.some((p) => new Set(p.nodeGroups.map((g) => g.capacityType)).size > 1);
    if (args.autoscalerPriorities ?? mixed) {
      this.autoscalerPriorityConfigMap = new k8s.core.v1.ConfigMap(
        `${name}-autoscaler-priorities`,
        {
          metadata: { ...AUTOSCALER_PRIORITY_CONFIGMAP, labels: { ...plan.labels, 'app.kubernetes.io/managed-by': 'inferstack' } },
          data: { priorities: autoscalerPriorities(plan) },
        },
        { parent: this, provider, dependsOn: before },
      );
    }

    this.applied = applyWorkload(workload, {
      parent: this,
      provider,
      prefix: name,
      dependsOn: [...before, ...patches, ...(this.devicePlugin ? [this.devicePlugin] : [])],
      helmTimeoutSeconds: args.helmTimeoutSeconds,
    });
    this.registerOutputs({ kubeconfig: this.kubeconfig });
  }
}
