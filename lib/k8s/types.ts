/**
 * Plain Kubernetes objects and Helm releases, rendered once from a plan and applied by each
 * cloud's renderer its own way (CDK addManifest/addHelmChart, Pulumi kubernetes Provider).
 */

/** Any Kubernetes object as plain data. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** A Helm release as data: each renderer installs it its own way. */
export interface HelmRelease {
  /** Release name. */
  readonly name: string;
  /** Chart repository URL. */
  readonly repository: string;
  readonly chart: string;
  /** Pinned chart version. */
  readonly version: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly values: Readonly<Record<string, unknown>>;
  /** What the release is for (docs, synth output). */
  readonly purpose: string;
}
