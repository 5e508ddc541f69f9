/** Network isolation: default-deny ingress, model servers reachable from the router (and Prometheus) only, and a cluster that enforces it. */
import { KubernetesObject } from '../../k8s/types';
import { resourcesOfType } from '../cloudformation';
import { componentOf, objectName, ofKind, selects, workloads } from '../kubernetes';
import { PolicyInputs, PolicyRule, Violation } from '../types';

interface PolicySpec {
  readonly podSelector?: { readonly matchLabels?: Readonly<Record<string, string>> };
  readonly policyTypes?: readonly string[];
  readonly ingress?: readonly { readonly from?: readonly Record<string, unknown>[] }[];
}
const specOf = (p: KubernetesObject) => (p.spec ?? {}) as PolicySpec;
const isIngress = (p: KubernetesObject) => (specOf(p).policyTypes ?? ['Ingress']).includes('Ingress');
const selectsAll = (p: KubernetesObject) => Object.keys(specOf(p).podSelector?.matchLabels ?? {}).length === 0;

/** Clusters the templates or the graph describe that do not enforce NetworkPolicy. */
function enforcement({ cloudformation, graph, kubernetes }: PolicyInputs): Violation[] {
  const out: Violation[] = [];
  for (const cluster of resourcesOfType(cloudformation ?? [], 'AWS::EKS::Cluster')) {
    // EKS Auto Mode enforces NetworkPolicy once this ConfigMap turns its controller on (EKS user guide, auto-net-pol).
    const on = ofKind(kubernetes ?? [], 'ConfigMap').some(
      (c) => c.metadata.name === 'amazon-vpc-cni' && c.metadata.namespace === 'kube-system' && (c as { data?: Record<string, string> }).data?.['enable-network-policy-controller'] === 'true',
    );
    if (!on) out.push({ resource: `AWS::EKS::Cluster ${cluster.name}`, message: 'no kube-system/amazon-vpc-cni ConfigMap with enable-network-policy-controller: "true"; NetworkPolicies are accepted but not enforced' });
  }
  for (const r of graph?.resources ?? []) {
    if (r.type === 'gcp:container/cluster:Cluster') {
      const enabled = r.inputs.datapathProvider === 'ADVANCED_DATAPATH' || (r.inputs.networkPolicy as { enabled?: boolean } | undefined)?.enabled === true;
      if (!enabled) out.push({ resource: `${r.type} ${r.name}`, message: 'neither Dataplane V2 (datapathProvider: ADVANCED_DATAPATH) nor networkPolicy.enabled' });
    }
    if (r.type === 'azure-native:containerservice:ManagedCluster') {
      const policy = (r.inputs.networkProfile as { networkPolicy?: string } | undefined)?.networkPolicy;
      if (!policy || policy === 'none') out.push({ resource: `${r.type} ${r.name}`, message: 'networkProfile.networkPolicy is not set (azure, calico or cilium)' });
    }
  }
  return out;
}

export const NETWORK_RULES: readonly PolicyRule[] = [
  {
    id: 'network-default-deny',
    severity: 'error',
    title: "The stack's namespace denies all ingress by default",
    reason: 'Without it every pod of the cluster can reach every model server and consumer.',
    fix: 'Apply a NetworkPolicy with podSelector: {} and policyTypes: [Ingress] and no ingress rules, as lib/k8s renders.',
    sources: ['kubernetes'],
    check: ({ plan, kubernetes = [] }) => {
      const policies = ofKind(kubernetes, 'NetworkPolicy').filter((p) => p.metadata.namespace === plan.namespace);
      const deny = policies.some((p) => selectsAll(p) && isIngress(p) && (specOf(p).ingress ?? []).length === 0);
      return deny ? [] : [{ resource: `namespace ${plan.namespace}`, message: 'no default-deny ingress NetworkPolicy' }];
    },
  },
  {
    id: 'network-model-servers-router-only',
    severity: 'error',
    title: 'Model servers accept traffic from the router and Prometheus only',
    reason: 'Any other path to a model server bypasses the router, its master key, routing and metrics.',
    fix: 'Admit only the router pods and the Prometheus server in the model servers\' NetworkPolicy; give other clients network.routerClients instead.',
    sources: ['kubernetes'],
    check: ({ plan, kubernetes = [] }) => {
      const servers = workloads(kubernetes).filter((w) => componentOf(w.template.metadata?.labels) === 'model-server');
      if (!servers.length) return [];
      const routerPods = workloads(kubernetes)
        .filter((w) => componentOf(w.template.metadata?.labels) === 'router')
        .map((w) => w.template.metadata?.labels ?? {});
      const out: Violation[] = [];
      const policies = ofKind(kubernetes, 'NetworkPolicy').filter((p) => p.metadata.namespace === plan.namespace && isIngress(p));
      for (const { object, template } of servers) {
        const labels = template.metadata?.labels;
        const admitting = policies.filter((p) => selects(specOf(p).podSelector, labels) && (specOf(p).ingress ?? []).length > 0);
        for (const p of admitting) {
          for (const rule of specOf(p).ingress ?? []) {
            const peers = rule.from;
            if (!peers || peers.length === 0) {
              out.push({ resource: objectName(object), message: `${objectName(p)} admits every source` });
              continue;
            }
            for (const peer of peers) {
              const pods = peer.podSelector as { matchLabels?: Record<string, string> } | undefined;
              const ns = peer.namespaceSelector as { matchLabels?: Record<string, string> } | undefined;
              const isRouter = !ns && pods && Object.keys(pods.matchLabels ?? {}).length > 0 && routerPods.some((r) => selects(pods, r));
              const isPrometheus = ns?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring' && pods?.matchLabels?.['app.kubernetes.io/name'] === 'prometheus';
              if (!isRouter && !isPrometheus) out.push({ resource: objectName(object), message: `${objectName(p)} admits ${JSON.stringify(peer)}` });
            }
          }
        }
      }
      return out;
    },
  },
  {
    id: 'network-policy-enforced',
    severity: 'error',
    title: 'The cluster enforces NetworkPolicy',
    reason: 'Clusters accept NetworkPolicy objects whether or not anything enforces them; unenforced, the default deny is only paper.',
    fix: "EKS Auto Mode: the amazon-vpc-cni ConfigMap (InferenceCluster's enforceNetworkPolicies); GKE: Dataplane V2 or network policy enforcement; AKS: networkProfile.networkPolicy.",
    sources: ['cloudformation', 'pulumi'],
    check: (inputs) => (ofKind(inputs.kubernetes ?? [], 'NetworkPolicy').length ? enforcement(inputs) : []),
  },
];
