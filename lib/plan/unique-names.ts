/**
 * Node pool names must be unique in their cluster. `stableName` shortens each name on its own,
 * so two models can still land on one name (AKS keeps only lowercase letters and digits:
 * `chat-small` and `chatsmall` both give `chatsmallod`). This pass runs over all node groups of a
 * plan and gives every member of such a collision a hash of its own identity (model and capacity
 * type), so no name depends on the order of the models, and a name that collides with nothing is
 * left exactly as it was.
 */
import { createHash } from 'node:crypto';
import { NodeGroupPlan, PoolPlan } from './types';

/** How a cloud names node pools (the fields of `CloudCapabilities` this pass reads). */
export interface NodePoolNameRules {
  readonly nodePoolNameMaxLength: number;
  /** Only lowercase letters and digits (AKS agent pools); otherwise DNS labels. */
  readonly nodePoolNameAlnumOnly: boolean;
}

/** The capacity suffix every node group name ends with (see `resolvePool`). */
const SUFFIX: Readonly<Record<NodeGroupPlan['capacityType'], string>> = { 'on-demand': 'od', spot: 'spot' };

/** `n` characters of a SHA-256: base 36 where only `[a-z0-9]` is allowed, hex otherwise. */
function hashOf(s: string, n: number, base36: boolean): string {
  const hex = createHash('sha256').update(s).digest('hex');
  return base36 ? BigInt(`0x${hex.slice(0, 16)}`).toString(36).padStart(n, '0').slice(0, n) : hex.slice(0, n);
}

/**
 * The name of a colliding group: as much of its planned name as fits, a hash of
 * `<model>/<capacity type>` (salted on the unlikely second collision), and the capacity suffix.
 */
function disambiguated(planned: string, pool: string, group: NodeGroupPlan, rules: NodePoolNameRules, salt: number): string {
  const alnum = rules.nodePoolNameAlnumOnly;
  const suffix = SUFFIX[group.capacityType];
  const sep = alnum ? '' : '-';
  const h = hashOf(`${pool}/${group.capacityType}${salt ? `#${salt}` : ''}`, alnum ? 4 : 6, alnum);
  const stem = planned.endsWith(suffix) ? planned.slice(0, planned.length - suffix.length).replace(/-+$/, '') : planned;
  const room = Math.max(1, rules.nodePoolNameMaxLength - suffix.length - h.length - 2 * sep.length);
  const head = (stem || 'p').slice(0, room).replace(/-+$/, '') || 'p';
  return `${head}${sep}${h}${sep}${suffix}`;
}

/** A name collision the pass resolved, for the plan's notes. */
export interface NodeGroupRename {
  readonly name: string;
  readonly renamed: readonly { readonly pool: string; readonly capacityType: NodeGroupPlan['capacityType']; readonly name: string }[];
}

/**
 * The pools with node group names unique in the cluster (compared case-insensitively), and the
 * collisions that were resolved. Groups whose name collides with no other keep it.
 */
export function uniqueNodeGroupNames(pools: readonly PoolPlan[], rules: NodePoolNameRules): { pools: PoolPlan[]; renames: NodeGroupRename[] } {
  const names = new Map<NodeGroupPlan, string>();
  for (const p of pools) for (const g of p.nodeGroups) names.set(g, g.name);
  const poolOf = new Map<NodeGroupPlan, string>(pools.flatMap((p) => p.nodeGroups.map((g): [NodeGroupPlan, string] => [g, p.name])));
  const renames: NodeGroupRename[] = [];
  for (let salt = 0; ; salt++) {
    const byName = new Map<string, NodeGroupPlan[]>();
    for (const [g, n] of names) byName.set(n.toLowerCase(), [...(byName.get(n.toLowerCase()) ?? []), g]);
    const collisions = [...byName.entries()].filter(([, gs]) => gs.length > 1).sort(([a], [b]) => a.localeCompare(b));
    if (collisions.length === 0) break;
    if (salt > 16) throw new Error(`node pool names stay ambiguous after ${salt} attempts: ${collisions.map(([n]) => n).join(', ')}`);
    for (const [name, groups] of collisions) {
      const renamed = groups.map((g) => {
        const next = disambiguated(g.name, poolOf.get(g)!, g, rules, salt);
        names.set(g, next);
        return { pool: poolOf.get(g)!, capacityType: g.capacityType, name: next };
      });
      renames.push({ name, renamed: renamed.sort((a, b) => a.pool.localeCompare(b.pool) || a.capacityType.localeCompare(b.capacityType)) });
    }
  }
  return {
    pools: pools.map((p) => ({ ...p, nodeGroups: p.nodeGroups.map((g) => (names.get(g) === g.name ? g : { ...g, name: names.get(g)! })) })),
    renames,
  };
}
