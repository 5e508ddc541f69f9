/**
 * The subset of the Kubernetes API that lib/k8s writes, typed so construction mistakes fail at
 * compile time. Tests validate the output against the full schemas (kubernetes-models).
 */

/** A Kubernetes resource quantity, e.g. `3000m`, `12Gi`. */
export type Quantity = string;

/** core/v1 ResourceRequirements. */
export interface ResourceRequirements {
  readonly requests: Readonly<Record<string, Quantity>>;
  readonly limits: Readonly<Record<string, Quantity>>;
}

/** core/v1 Probe with an HTTP GET handler. */
export interface HttpProbe {
  readonly httpGet: { readonly path: string; readonly port: string | number };
  readonly initialDelaySeconds?: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold?: number;
}

/** core/v1 EnvVar: a literal or a reference, never a secret literal. */
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string; readonly optional?: boolean };
    readonly fieldRef?: { readonly fieldPath: string };
  };
}

/** core/v1 SecurityContext of a container. */
export interface SecurityContext {
  readonly allowPrivilegeEscalation: false;
  readonly capabilities: { readonly drop: readonly string[] };
  readonly seccompProfile: { readonly type: 'RuntimeDefault' };
  readonly runAsNonRoot?: true;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly readOnlyRootFilesystem?: boolean;
}

/** core/v1 Container as lib/k8s writes it: every container has requests, limits, three probes and a preStop. */
export interface Container {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: 'IfNotPresent';
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly { readonly name: string; readonly containerPort: number; readonly protocol: 'TCP' }[];
  readonly env?: readonly EnvVar[];
  readonly resources: ResourceRequirements;
  readonly startupProbe: HttpProbe;
  readonly readinessProbe: HttpProbe;
  readonly livenessProbe: HttpProbe;
  readonly lifecycle: { readonly preStop: { readonly sleep: { readonly seconds: number } } };
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string; readonly readOnly?: boolean }[];
  readonly securityContext: SecurityContext;
  readonly terminationMessagePolicy: 'FallbackToLogsOnError';
}

/** core/v1 Toleration. */
export interface Toleration {
  readonly key: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect: string;
}

/** core/v1 Volume (emptyDir or ConfigMap). */
export interface Volume {
  readonly name: string;
  readonly emptyDir?: { readonly medium?: 'Memory'; readonly sizeLimit?: Quantity };
  readonly configMap?: { readonly name: string };
}

/** core/v1 PodSpec. */
export interface PodSpec {
  readonly serviceAccountName: string;
  readonly automountServiceAccountToken?: boolean;
  readonly enableServiceLinks: false;
  readonly terminationGracePeriodSeconds: number;
  readonly securityContext: { readonly seccompProfile: { readonly type: 'RuntimeDefault' }; readonly runAsNonRoot?: true; readonly fsGroup?: number };
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  readonly affinity?: Record<string, unknown>;
  readonly topologySpreadConstraints?: readonly Record<string, unknown>[];
  readonly containers: readonly Container[];
  readonly volumes?: readonly Volume[];
}
