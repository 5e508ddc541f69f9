/**
 * NetworkPolicies of the stack's namespace: all ingress denied, then the model servers open to
 * the router and Prometheus only, and the router open to its clients (`plan.network`) and
 * Prometheus. Egress stays open (models download from their hub; consumers reach their queue).
 *
 * Kubelet probes need no rule: a pod cannot block traffic from its own node
 * (kubernetes.io/docs/concepts/services-networking/network-policies, "What you can't do").
 * KEDA needs none either: it queries Prometheus and the cloud's queue API, never the pods, and the
 * router's CPU trigger reads metrics-server, which reads the kubelet.
 */
import { InferencePlan, NetworkPeerPlan } from '../plan/types';
import { KubernetesObject } from './types';
import { labelsFor, MODEL_SERVER_PORT, ROUTER_PORT, selectorFor, WorkloadNames } from './meta';
import { PROMETHEUS_RELEASE } from './metrics';

/** Namespace label the API server sets on every namespace (Kubernetes 1.22+). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The in-cluster Prometheus server pods: the chart's server match labels
 * (prometheus-community/helm-charts charts/prometheus/templates/_helpers.tpl, prometheus.server.matchLabels).
 */
export const PROMETHEUS_PEER = {
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: PROMETHEUS_RELEASE.namespace } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/component': 'server', 'app.kubernetes.io/instance': PROMETHEUS_RELEASE.name } },
} as const;

/** A `network.routerClients` entry as a NetworkPolicyPeer. */
export function networkPeer(peer: NetworkPeerPlan): Record<string, unknown> {
  if (peer.cidr !== undefined) return { ipBlock: { cidr: peer.cidr } };
  return {
    ...(peer.namespaceLabels !== undefined ? { namespaceSelector: { matchLabels: { ...peer.namespaceLabels } } } : {}),
    ...(peer.podLabels !== undefined ? { podSelector: { matchLabels: { ...peer.podLabels } } } : {}),
  };
}

function policy(plan: InferencePlan, name: string, spec: Record<string, unknown>): KubernetesObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: plan.namespace, labels: labelsFor(plan, 'network-policy', name) },
    spec,
  };
}

const tcp = (port: number) => [{ protocol: 'TCP', port }];

/** The namespace's NetworkPolicies: default deny, then exactly the paths the workload uses. */
export function renderNetworkPolicies(plan: InferencePlan, names: WorkloadNames): KubernetesObject[] {
  const out: KubernetesObject[] = [
    // Selects every pod, allows nothing: ingress not allowed by a policy below is dropped.
    policy(plan, names.defaultDenyPolicy, { podSelector: {}, policyTypes: ['Ingress'] }),
  ];
  const router = plan.router;
  if (plan.pools.some((p) => p.serve === 'online')) {
    out.push(
      policy(plan, names.modelServerPolicy, {
        podSelector: { matchLabels: { 'app.kubernetes.io/component': 'model-server', 'app.kubernetes.io/part-of': plan.name } },
        policyTypes: ['Ingress'],
        ingress: [
          ...(router ? [{ from: [{ podSelector: { matchLabels: selectorFor(router.resourceName) } }], ports: tcp(MODEL_SERVER_PORT) }] : []),
          { from: [PROMETHEUS_PEER], ports: tcp(MODEL_SERVER_PORT) },
        ],
      }),
    );
  }
  if (router) {
    out.push(
      policy(plan, names.routerPolicy, {
        podSelector: { matchLabels: selectorFor(router.resourceName) },
        policyTypes: ['Ingress'],
        ingress: [
          { from: plan.network.routerClients.map(networkPeer), ports: tcp(ROUTER_PORT) },
          { from: [PROMETHEUS_PEER], ports: tcp(ROUTER_PORT) },
        ],
      }),
    );
  }
  return out;
}
