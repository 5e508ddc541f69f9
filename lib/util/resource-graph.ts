/**
 * The resource graph a Pulumi renderer produces (`inferstack synth --cloud gcp|azure` writes it as
 * `<out>/<cloud>/resources.json`, DESIGN §4) and lib/policy reads. Plain data: the Pulumi program
 * run offline, every resource with its type token, unique name, parent and inputs.
 */
import { CloudId } from '../catalog/types';

/** `apiVersion` of `resources.json`. */
export const RESOURCE_GRAPH_API_VERSION = 'inferstack.dev/graph/v1alpha1';

/** One resource of the graph. */
export interface GraphResource {
  /** Pulumi type token, e.g. `gcp:projects/iAMMember:IAMMember`, `azure-native:containerservice:ManagedCluster`. */
  readonly type: string;
  /** Unique name within the graph. */
  readonly name: string;
  /** Name of the parent resource (components: `parent: this`); absent at the root. */
  readonly parent?: string;
  /** Provider id after the (mocked) create, when known. */
  readonly id?: string;
  /** Inputs with Outputs resolved; secrets as `"[secret]"`. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Names of the resources it depends on. */
  readonly dependsOn: readonly string[];
}

/** The whole graph of one cloud. */
export interface ResourceGraph {
  readonly apiVersion: typeof RESOURCE_GRAPH_API_VERSION;
  readonly cloud: CloudId;
  readonly resources: readonly GraphResource[];
}
