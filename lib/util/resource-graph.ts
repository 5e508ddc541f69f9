/**
 * The resource graph a Pulumi renderer produces (`inferstack synth --cloud gcp|azure` writes it as
 * `<out>/<cloud>/resources.json`, DESIGN §4), lib/pulumi records and lib/policy reads. Plain data:
 * the Pulumi program run offline, every resource with its type token, unique name, parent and
 * inputs. External checks read it: fields are only ever added, never renamed.
 */
import { CloudId } from '../catalog/types';

/** `apiVersion` of `resources.json`. */
export const RESOURCE_GRAPH_API_VERSION = 'inferstack.dev/graph/v1alpha1';
/** The same, under the name lib/pulumi uses. */
export const GRAPH_API_VERSION = RESOURCE_GRAPH_API_VERSION;

/** Placeholder for a value Pulumi marks secret (kubeconfigs, keys): never written in clear. */
export const SECRET_PLACEHOLDER = '[secret]';

/** One Pulumi resource as the program registers it. */
export interface GraphResource {
  /** Pulumi type token, e.g. `gcp:projects/iAMMember:IAMMember`, `azure-native:containerservice:ManagedCluster`. */
  readonly type: string;
  /** Resource name, unique in the graph. */
  readonly name: string;
  /** Name of the parent resource (components: `parent: this`); null (or absent) for a top-level resource; the Pulumi stack itself is not listed. */
  readonly parent?: string | null;
  /** Id the (mocked) provider assigned, shaped like the real one; null for components. */
  readonly id?: string | null;
  /** Inputs as sent to the provider, every Output resolved, secrets replaced by `"[secret]"`. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Names of the resources this one explicitly depends on (`dependsOn`), sorted. */
  readonly dependsOn: readonly string[];
  /** Name of the explicit provider resource it uses (e.g. a Kubernetes provider); absent for the default provider. */
  readonly provider?: string;
}

/** The whole graph of one cloud. */
export interface ResourceGraph {
  readonly apiVersion: typeof RESOURCE_GRAPH_API_VERSION;
  readonly cloud: CloudId;
  /** Parents before their children; siblings by type, then name. */
  readonly resources: readonly GraphResource[];
  /** Stack outputs, resolved, secrets replaced by `"[secret]"`. */
  readonly outputs?: Readonly<Record<string, unknown>>;
}
