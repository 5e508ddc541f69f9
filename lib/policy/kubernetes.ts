/** Reading rendered Kubernetes objects for the rules: pods of workloads, selectors, labels. */
import { POOL_LABEL } from '../k8s/meta';
import { KubernetesObject } from '../k8s/types';

/** `Kind namespace/name`, how findings name an object. */
export const objectName = (o: KubernetesObject): string => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

/** A pod template as the rules read it. */
export interface PodTemplate {
  readonly metadata?: { readonly labels?: Readonly<Record<string, string>> };
  readonly spec: {
    readonly containers: readonly Container[];
    readonly tolerations?: readonly { key?: string; operator?: string; value?: string; effect?: string }[];
    readonly terminationGracePeriodSeconds?: number;
    readonly automountServiceAccountToken?: boolean;
    readonly serviceAccountName?: string;
    readonly securityContext?: { readonly runAsNonRoot?: boolean };
  };
}

/** A container as the rules read it. */
export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly env?: readonly { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readonly resources?: { readonly requests?: Readonly<Record<string, string>>; readonly limits?: Readonly<Record<string, string>> };
  readonly startupProbe?: unknown;
  readonly readinessProbe?: unknown;
  readonly livenessProbe?: unknown;
  readonly lifecycle?: { readonly preStop?: { readonly sleep?: { readonly seconds?: number } } };
  readonly securityContext?: {
    readonly allowPrivilegeEscalation?: boolean;
    readonly capabilities?: { readonly drop?: readonly string[] };
    readonly readOnlyRootFilesystem?: boolean;
    readonly runAsNonRoot?: boolean;
  };
}

/** Workloads whose pods the rules check. */
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** Every workload with its pod template. */
export function workloads(objects: readonly KubernetesObject[]): { readonly object: KubernetesObject; readonly template: PodTemplate }[] {
  return objects
    .filter((o) => WORKLOAD_KINDS.includes(o.kind))
    .map((o) => ({ object: o, template: (o.spec as { template: PodTemplate }).template }))
    .filter((w) => w.template?.spec?.containers);
}

/** The `app.kubernetes.io/component` of an object or template. */
export const componentOf = (labels: Readonly<Record<string, string>> | undefined): string | undefined => labels?.['app.kubernetes.io/component'];
/** The pool a pod template belongs to. */
export const poolOf = (labels: Readonly<Record<string, string>> | undefined): string | undefined => labels?.[POOL_LABEL];

/** Does a `matchLabels` selector select these labels? (`{}` selects everything.) */
export function selects(selector: { readonly matchLabels?: Readonly<Record<string, string>> } | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);
}

/** Objects of one kind. */
export const ofKind = (objects: readonly KubernetesObject[], kind: string): KubernetesObject[] => objects.filter((o) => o.kind === kind);
