/**
 * What inferstack's pods need to survive scale-in, node drains and bad neighbours: a disruption
 * budget, a graceful drain, probes, bounded resources, hardened containers, and the model
 * servers' API key held by the router alone.
 */
import { VLLM_API_KEY_ENV, CUSTOM_API_KEY_ENV } from '../../k8s/pools';
import { ROUTER_UPSTREAM_KEY_ENV } from '../../k8s/router';
import { KubernetesObject } from '../../k8s/types';
import { componentOf, objectName, ofKind, selects, workloads } from '../kubernetes';
import { PolicyRule, Violation } from '../types';

/** Components that serve traffic or work the queue (not helpers such as jobs). */
const SERVING = ['model-server', 'router', 'queue-consumer'];
const serving = (objects: readonly KubernetesObject[]) => workloads(objects).filter((w) => SERVING.includes(componentOf(w.template.metadata?.labels) ?? ''));

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;

export const SERVER_RULES: readonly PolicyRule[] = [
  {
    id: 'server-disruption-budget',
    severity: 'error',
    title: 'Every server has a PodDisruptionBudget',
    reason: 'Without one, a node drain or consolidation may evict every replica of a model at once.',
    fix: 'Add a PodDisruptionBudget selecting the pods (maxUnavailable: 1), as lib/k8s renders for every pool and the router.',
    sources: ['kubernetes'],
    check: ({ kubernetes = [] }) => {
      const pdbs = ofKind(kubernetes, 'PodDisruptionBudget');
      return serving(kubernetes)
        .filter(({ object, template }) => !pdbs.some((p) => p.metadata.namespace === object.metadata.namespace && selects((p.spec as { selector?: { matchLabels?: Record<string, string> } }).selector, template.metadata?.labels)))
        .map(({ object }) => ({ resource: objectName(object), message: 'no PodDisruptionBudget selects its pods' }));
    },
  },
  {
    id: 'server-graceful-drain',
    severity: 'error',
    title: 'Every server drains before it stops',
    reason: 'On scale-in a pod that stops at once drops the requests it is serving (long generations run for minutes).',
    fix: 'Give the container a preStop sleep (the pod leaves the Service first) and a terminationGracePeriodSeconds longer than preStop plus the longest request.',
    sources: ['kubernetes'],
    check: ({ kubernetes = [] }) =>
      serving(kubernetes).flatMap(({ object, template }) =>
        template.spec.containers.flatMap((c) => {
          const preStop = c.lifecycle?.preStop?.sleep?.seconds;
          const grace = template.spec.terminationGracePeriodSeconds ?? 30;
          if (preStop === undefined) return [{ resource: objectName(object), message: `container ${c.name} has no preStop sleep` }];
          return grace <= preStop ? [{ resource: objectName(object), message: `terminationGracePeriodSeconds ${grace} does not exceed the ${preStop}s preStop, so nothing drains` }] : [];
        }),
      ),
  },
  {
    id: 'server-probes',
    severity: 'error',
    title: 'Every server has readiness and liveness probes (model servers also a startup probe)',
    reason: 'Without readiness, traffic reaches a server still loading its model; without liveness a hung server keeps its accelerator; without a startup budget a large model is killed mid-load.',
    fix: 'Probe the health endpoint: startupProbe (model servers), readinessProbe and livenessProbe.',
    sources: ['kubernetes'],
    check: ({ kubernetes = [] }) =>
      serving(kubernetes).flatMap(({ object, template }) =>
        template.spec.containers.flatMap((c) => {
          const needed: ('readinessProbe' | 'livenessProbe' | 'startupProbe')[] = ['readinessProbe', 'livenessProbe', ...(componentOf(template.metadata?.labels) === 'model-server' ? (['startupProbe'] as const) : [])];
          const missing = needed.filter((p) => !c[p]);
          return missing.length ? [{ resource: objectName(object), message: `container ${c.name} has no ${missing.join(', ')}` }] : [];
        }),
      ),
  },
  {
    id: 'container-resources',
    severity: 'error',
    title: 'Every container requests and limits CPU, memory and ephemeral storage',
    reason: 'Unbounded pods are the first evicted under pressure and can starve their neighbours; without a disk request a pod lands on a node without room for its model.',
    fix: 'Set resources.requests and resources.limits for cpu, memory and ephemeral-storage.',
    sources: ['kubernetes'],
    check: ({ kubernetes = [] }) =>
      workloads(kubernetes).flatMap(({ object, template }) =>
        template.spec.containers.flatMap((c) => {
          const missing = RESOURCES.flatMap((r) => [...(c.resources?.requests?.[r] ? [] : [`requests.${r}`]), ...(c.resources?.limits?.[r] ? [] : [`limits.${r}`])]);
          return missing.length ? [{ resource: objectName(object), message: `container ${c.name} has no ${missing.join(', ')}` }] : [];
        }),
      ),
  },
  {
    id: 'container-hardened',
    severity: 'error',
    title: 'No container can escalate privileges or keep Linux capabilities',
    reason: 'An inference server parses untrusted prompts and files; a compromised process must not gain root or kernel capabilities.',
    fix: 'Set securityContext.allowPrivilegeEscalation: false and capabilities.drop: [ALL].',
    sources: ['kubernetes'],
    check: ({ kubernetes = [] }) =>
      workloads(kubernetes).flatMap(({ object, template }) =>
        template.spec.containers
          .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false || !(c.securityContext?.capabilities?.drop ?? []).includes('ALL'))
          .map((c) => ({ resource: objectName(object), message: `container ${c.name} may escalate privileges or keeps capabilities` })),
      ),
  },
  {
    id: 'container-read-only-root',
    severity: 'warning',
    title: 'Containers run on a read-only root filesystem',
    reason: 'A writable image filesystem lets a compromised process persist tools and change the server it runs.',
    fix: 'Set readOnlyRootFilesystem: true and mount emptyDirs where the server writes (inferstack: the model cache, /tmp). Images not confirmed to allow it keep a writable root (docs/k8s.md).',
    sources: ['kubernetes'],
    check: ({ kubernetes = [] }) =>
      workloads(kubernetes).flatMap(({ object, template }) =>
        template.spec.containers.filter((c) => c.securityContext?.readOnlyRootFilesystem !== true).map((c) => ({ resource: objectName(object), message: `container ${c.name} can write to its root filesystem` })),
      ),
  },
  {
    id: 'container-non-root',
    severity: 'info',
    title: 'Containers run as a non-root user where the image allows it',
    reason: 'Root in a container is one kernel bug away from root on a node that holds accelerators for other models.',
    fix: 'Set runAsNonRoot with a UID for images that allow it; inferstack keeps the image user only where non-root device access is not confirmed (TPU and Neuron vLLM, custom images).',
    sources: ['kubernetes'],
    check: ({ kubernetes = [] }) =>
      workloads(kubernetes).flatMap(({ object, template }) =>
        template.spec.containers
          .filter((c) => c.securityContext?.runAsNonRoot !== true && template.spec.securityContext?.runAsNonRoot !== true)
          .map((c) => ({ resource: objectName(object), message: `container ${c.name} runs as its image's user` })),
      ),
  },
  {
    id: 'model-server-api-key',
    severity: 'error',
    title: "Model servers require an API key only the router holds",
    reason: 'Without a key any pod that reaches a model server skips the router: its master key, routing, fallbacks and metrics.',
    fix: 'Give each server the key from a Secret (VLLM_API_KEY for vLLM, INFERSTACK_API_KEY for custom images) and the router the same Secret as its upstream key; no other pod references it.',
    sources: ['kubernetes'],
    check: ({ kubernetes = [] }) => {
      const out: Violation[] = [];
      const secretOf = (c: { env?: readonly { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }[] }, name: string) => c.env?.find((e) => e.name === name);
      const keys = new Set<string>();
      for (const { object, template } of workloads(kubernetes).filter((w) => componentOf(w.template.metadata?.labels) === 'model-server')) {
        for (const c of template.spec.containers) {
          const env = secretOf(c, VLLM_API_KEY_ENV) ?? secretOf(c, CUSTOM_API_KEY_ENV);
          if (!env) out.push({ resource: objectName(object), message: `container ${c.name} requires no API key (${VLLM_API_KEY_ENV} or ${CUSTOM_API_KEY_ENV})` });
          else if (env.value !== undefined || !env.valueFrom?.secretKeyRef) out.push({ resource: objectName(object), message: `container ${c.name} has its API key as a literal, not a Secret reference` });
          else keys.add(env.valueFrom.secretKeyRef.name);
        }
      }
      for (const { object, template } of workloads(kubernetes)) {
        const component = componentOf(template.metadata?.labels);
        if (component === 'model-server') continue;
        for (const c of template.spec.containers) {
          const holds = (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef && keys.has(e.valueFrom.secretKeyRef.name));
          if (holds && component !== 'router') out.push({ resource: objectName(object), message: `container ${c.name} holds the model servers' API key but is not the router` });
          if (component === 'router' && keys.size && !secretOf(c, ROUTER_UPSTREAM_KEY_ENV)?.valueFrom?.secretKeyRef) out.push({ resource: objectName(object), message: `the router does not send the model servers' key (${ROUTER_UPSTREAM_KEY_ENV})` });
        }
      }
      return out;
    },
  },
  {
    id: 'service-account-token',
    severity: 'warning',
    title: 'No service-account token in pods that do not call the Kubernetes API',
    reason: 'A mounted token is a credential for the Kubernetes API that a compromised server could use.',
    fix: 'Set automountServiceAccountToken: false, except where a cloud identity rides on the service account.',
    sources: ['kubernetes'],
    check: ({ plan, kubernetes = [] }) => {
      const annotation = plan.capabilities.workloadIdentity.serviceAccountAnnotation;
      const withIdentity = new Set(ofKind(kubernetes, 'ServiceAccount').filter((sa) => sa.metadata.annotations?.[annotation]).map((sa) => `${sa.metadata.namespace}/${sa.metadata.name}`));
      return serving(kubernetes)
        .filter(({ object, template }) => template.spec.automountServiceAccountToken !== false && !withIdentity.has(`${object.metadata.namespace}/${template.spec.serviceAccountName ?? 'default'}`))
        .map(({ object }) => ({ resource: objectName(object), message: 'mounts a service-account token it has no use for' }));
    },
  },
];
