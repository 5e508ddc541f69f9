/**
 * Stable, cloud-legal resource names, and which of them must be unique where. Changing a name
 * replaces infrastructure, so names never depend on order or on other models, and a name that
 * must be shortened keeps a hash of everything it was made from.
 *
 * Scopes, and what therefore goes into each name:
 * - inside the stack's namespace (Deployments, Services, ...): `<name>-<model>`, `<name>-router`;
 * - a cluster (the namespace, NodePools, NodeClasses, node pools, agent pools): `<name>-<environment>-...`,
 *   so dev and prod of one spec can share a cluster;
 * - an account or project (queues, budgets, the cluster itself): `<name>-<environment>-...`.
 */
import { createHash } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * `n` characters of the SHA-256 of `s`: hex, or base 36 where only `[a-z0-9]` is allowed. The
 * base-36 digits are the low-order ones of the first 64 bits, so each is uniform; the leading
 * digits of a 64-bit number are not (most start with 1, 2 or 3), which once made 300 AKS pool
 * names collide.
 */
function hashOf(s: string, n: number, base36: boolean): string {
  if (!base36) return digest(s).slice(0, n);
  return (BigInt(`0x${digest(s).slice(0, 16)}`) % 36n ** BigInt(n)).toString(36).padStart(n, '0');
}

/** Hash length of a shortened name: 6 hex digits (16.7 million values), or 5 base-36 characters (60 million). */
const HASH_LENGTH = { hex: 6, base36: 5 } as const;

/** Options of {@link stableName}. */
export interface StableNameOptions {
  /** Only lowercase letters and digits, starting with a letter (AKS agent pools). */
  readonly alnumOnly?: boolean;
  /**
   * Index of the first part a shortened name shows: the parts before it are only in the hash.
   * @default 0 - the shortened name starts with the first part
   */
  readonly keepFrom?: number;
}

/**
 * A name from parts, legal within `max` characters:
 * 1. `a-b-c` when it fits (and, with `alnumOnly`, when dropping separators loses nothing);
 * 2. otherwise `<head>-<hash>-<last>`: the last part whole (capacity type, `requests`, ...), a
 *    hash of all parts (6 hex digits; 5 base-36 characters with `alnumOnly`) that keeps names
 *    of different parts apart, and as much of the other parts (from `keepFrom`) as fits.
 */
export function stableName(parts: readonly string[], max: number, options: StableNameOptions | boolean = {}): string {
  const { alnumOnly = false, keepFrom = 0 } = typeof options === 'boolean' ? { alnumOnly: options } : options;
  const ps = parts.filter(Boolean);
  const norm = ps.map((s) => (alnumOnly ? s.toLowerCase().replace(/[^a-z0-9]/g, '') : s));
  const sep = alnumOnly ? '' : '-';
  const full = norm.join(sep);
  const lossless = !alnumOnly || (norm.every((p, i) => p === ps[i]) && /^[a-z]/.test(full));
  if (full.length <= max && lossless) return full;
  const last = norm[norm.length - 1];
  const h = hashOf(ps.join('/'), alnumOnly ? HASH_LENGTH.base36 : HASH_LENGTH.hex, alnumOnly);
  const room = Math.max(1, max - last.length - h.length - 2 * sep.length);
  let head = norm.slice(Math.min(keepFrom, Math.max(0, norm.length - 2)), -1).join(sep) || norm[0];
  if (alnumOnly && !/^[a-z]/.test(head)) head = `p${head}`;
  head = head.slice(0, room).replace(/-+$/, '');
  return `${head}${sep}${h}${sep}${last}`.slice(0, max);
}

/** Kubernetes object names (DNS-1123 labels) are at most 63 characters. */
const K8S_NAME_MAX = 63;

/** The stack's namespace, `<name>-<environment>` (at most 61 characters: always whole). */
export function stackNamespace(name: string, environment: string): string {
  return stableName([name, environment], K8S_NAME_MAX);
}

/** A pool's objects inside the namespace (Deployment, Service, PDB, ScaledObject): `<name>-<model>`. */
export function poolResourceName(name: string, model: string): string {
  return stableName([name, model], K8S_NAME_MAX);
}

/** A pool's cluster-scoped objects (AWS Auto Mode NodeClass): `<name>-<environment>-<model>`. */
export function poolClusterScopedName(name: string, environment: string, model: string): string {
  return stableName([name, environment, model], K8S_NAME_MAX);
}

/** How a cloud names node pools (see `CloudCapabilities`). */
export interface NodePoolNaming {
  readonly nodePoolNameMaxLength: number;
  readonly nodePoolNameAlnumOnly: boolean;
}

/**
 * A node group's pool name, unique in its cluster: `<name>-<environment>-<model>-<od|spot>`, or
 * shortened to `<model>-<hash>-<od|spot>` (AKS: `<model><hash><od|spot>`).
 */
export function nodeGroupName(naming: NodePoolNaming, name: string, environment: string, model: string, capacityType: 'spot' | 'on-demand'): string {
  return stableName([name, environment, model, capacityType === 'spot' ? 'spot' : 'od'], naming.nodePoolNameMaxLength, {
    alnumOnly: naming.nodePoolNameAlnumOnly,
    keepFrom: 2,
  });
}

/**
 * Suffixes of the names inferstack gives its own objects in the namespace (`<name>-<suffix>`).
 * A model named like one of them would render two objects of one name, so the validator
 * refuses those model names (`names-unique`). Add every new suffix here.
 */
export const WORKLOAD_NAME_SUFFIXES = {
  router: 'router',
  routerConfig: 'router-config',
  modelServerAccount: 'model-server',
  consumerAccount: 'queue-consumer',
  queueAuth: 'queue-scaler',
  modelHubSecret: 'model-hub',
} as const;

/** The router's Deployment, Service, PDB, ServiceAccount and ScaledObject: `<name>-router`. */
export function routerResourceName(name: string): string {
  return stableName([name, WORKLOAD_NAME_SUFFIXES.router], K8S_NAME_MAX);
}

/** Account- or project-wide queue names: `<name>-<environment>-requests` and `...-requests-dlq`. */
export function queueNames(name: string, environment: string): { readonly name: string; readonly deadLetterName: string } {
  return {
    name: stableName([name, environment, 'requests'], 63),
    deadLetterName: stableName([name, environment, 'requests', 'dlq'], 63),
  };
}

/** Account-wide budget name: `<name>-<environment>-budget` (at most 68 of the 100 characters allowed). */
export function budgetName(name: string, environment: string): string {
  return stableName([name, environment, 'budget'], 100);
}

/**
 * Namespaces the stack's namespace must never be: Kubernetes' own (`default`, `kube-*`,
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces),
 * those of the Helm releases inferstack installs (lib/k8s `KEDA_NAMESPACE`, `PROMETHEUS_RELEASE`;
 * a test keeps this list in step with them), and ones the clouds' managed add-ons own (GKE
 * managed Prometheus `gmp-system`/`gmp-public`, AKS add-ons in `kube-system`). Deleting the stack
 * deletes its namespace, so sharing one of these would delete or break the cluster's own pods.
 */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'keda', 'monitoring', 'gmp-system', 'gmp-public'];

/** Prefixes reserved for system namespaces ('kube-' by Kubernetes, 'gke-' by GKE, 'aks-' by AKS). */
export const SYSTEM_NAMESPACE_PREFIXES: readonly string[] = ['kube-', 'gke-', 'aks-'];

/** Whether `namespace` is or looks like a namespace the cluster or inferstack's add-ons own. */
export function isSystemNamespace(namespace: string): boolean {
  return SYSTEM_NAMESPACES.includes(namespace) || SYSTEM_NAMESPACE_PREFIXES.some((p) => namespace.startsWith(p));
}
