/** Accelerator pools: spot with a floor, tainted nodes, and only their own pods tolerating them. */
import { POOL_LABEL } from '../../k8s/meta';
import { objectName, ofKind, poolOf, workloads } from '../kubernetes';
import { PolicyRule, Violation } from '../types';

type Taint = { key?: string; value?: string; effect?: string };
const hasPoolTaint = (taints: readonly Taint[] | undefined, pool: string) => (taints ?? []).some((t) => t.key === POOL_LABEL && t.value === pool && t.effect === 'NoSchedule');
/** GKE node pool taints use the API's effect names. */
const hasGkePoolTaint = (taints: readonly Taint[] | undefined, pool: string) => (taints ?? []).some((t) => t.key === POOL_LABEL && t.value === pool && t.effect === 'NO_SCHEDULE');

export const POOL_RULES: readonly PolicyRule[] = [
  {
    id: 'spot-on-demand-floor',
    severity: 'warning',
    title: 'An online pool on spot keeps an on-demand floor',
    reason: 'A spot reclaim can take every replica of an online model at once; queue pools only delay work, online pools fail requests.',
    fix: 'Set capacity.onDemandBase to at least 1 for online models on spot, or serve the model from the queue.',
    sources: ['plan'],
    check: ({ plan }) =>
      plan.pools
        .filter((p) => p.serve === 'online' && p.capacity.spot && p.capacity.onDemandBase < 1)
        .map((p) => ({ resource: `pool ${p.name}`, message: `spot without an on-demand floor (onDemandBase ${p.capacity.onDemandBase})` })),
  },
  {
    id: 'accelerator-pool-tainted',
    severity: 'error',
    title: "Every accelerator node is tainted for its pool",
    reason: 'Untainted accelerator nodes attract any pod the scheduler likes, which then blocks the model it was bought for and keeps the node from scaling in.',
    fix: 'Taint the node group inferstack.dev/pool=<model>:NoSchedule (every renderer does; check node pools added by hand).',
    sources: ['plan', 'kubernetes', 'pulumi'],
    check: ({ plan, kubernetes, graph }) => {
      const out: Violation[] = [];
      for (const p of plan.pools) for (const g of p.nodeGroups) if (!hasPoolTaint(g.taints, p.name)) out.push({ resource: `node group ${g.name}`, message: `lacks the taint ${POOL_LABEL}=${p.name}:NoSchedule` });
      for (const np of ofKind(kubernetes ?? [], 'NodePool')) {
        const template = (np.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec?: { taints?: Taint[] } } }).template;
        const pool = poolOf(template?.metadata?.labels);
        if (pool === undefined) out.push({ resource: objectName(np), message: `its nodes carry no ${POOL_LABEL} label` });
        else if (!hasPoolTaint(template?.spec?.taints, pool)) out.push({ resource: objectName(np), message: `its nodes lack the taint ${POOL_LABEL}=${pool}:NoSchedule` });
      }
      for (const r of graph?.resources ?? []) {
        if (r.type === 'gcp:container/nodePool:NodePool') {
          const config = r.inputs.nodeConfig as { labels?: Record<string, string>; taints?: Taint[] } | undefined;
          const pool = poolOf(config?.labels);
          if (pool !== undefined && !hasGkePoolTaint(config?.taints, pool)) out.push({ resource: `${r.type} ${r.name}`, message: `nodeConfig.taints lacks ${POOL_LABEL}=${pool}:NO_SCHEDULE` });
        }
        if (r.type === 'azure-native:containerservice:AgentPool') {
          const pool = poolOf(r.inputs.nodeLabels as Record<string, string> | undefined);
          const taints = (r.inputs.nodeTaints as string[] | undefined) ?? [];
          if (pool !== undefined && !taints.includes(`${POOL_LABEL}=${pool}:NoSchedule`)) out.push({ resource: `${r.type} ${r.name}`, message: `nodeTaints lacks ${POOL_LABEL}=${pool}:NoSchedule` });
        }
      }
      return out;
    },
  },
  {
    id: 'accelerator-toleration-scoped',
    severity: 'error',
    title: "Only a pool's own pods tolerate its taint",
    reason: 'A toleration of another pool\'s taint (or of every pool, operator Exists) lets pods land on accelerators meant for another model.',
    fix: "Tolerate inferstack.dev/pool only with operator Equal and the pod's own pool as value.",
    sources: ['kubernetes'],
    check: ({ kubernetes }) =>
      workloads(kubernetes ?? []).flatMap(({ object, template }) => {
        const own = poolOf(template.metadata?.labels);
        return (template.spec.tolerations ?? [])
          .filter((t) => t.key === POOL_LABEL && (t.operator === 'Exists' || t.value !== own))
          .map((t) => ({ resource: objectName(object), message: `tolerates ${POOL_LABEL}${t.operator === 'Exists' ? ' for every pool' : `=${t.value}`} but belongs to ${own === undefined ? 'no pool' : `pool ${own}`}` }));
      }),
  },
];
