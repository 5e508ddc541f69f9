/** Human-readable plan: one block of tables per cloud. */
import { formatPath } from '../spec/errors';
import { renderTable } from '../util/table';
import { InferencePlan } from './types';

const usd = (n: number | null) => (n === null ? 'unknown' : `$${n.toFixed(4).replace(/0{1,2}$/, '')}`);

/** One cloud's plan as tables and notes, as `inferstack plan` prints it. */
export function formatPlan(p: InferencePlan): string {
  const head = `${p.capabilities.displayName} (${p.cloud}) ${p.region}${p.project ? ` project ${p.project}` : ''}: stack ${p.name}, environment ${p.environment}, namespace ${p.namespace}`;
  const pools = renderTable(
    ['pool', 'serve', 'accelerator', 'machine', 'replicas', 'nodes', 'capacity', 'on-demand/h', 'spot/h'],
    p.pools.map((x) => [
      x.name,
      x.serve,
      `${x.accelerator.count} x ${x.accelerator.type}${x.accelerator.tpu ? ` (${x.accelerator.tpu.topology}, ${x.accelerator.tpu.hosts} host${x.accelerator.tpu.hosts > 1 ? 's' : ''})` : ''}`,
      x.machine.instanceType,
      `${x.replicas.min}-${x.replicas.max}`,
      `${x.nodes.min}-${x.nodes.max}`,
      x.nodeGroups.map((g) => `${g.capacityType} ${g.minNodes}-${g.maxNodes}`).join(', '),
      usd(x.machine.onDemandHourlyUsd),
      usd(x.machine.spotHourlyUsd),
    ]),
  );
  const why = p.pools.map((x) => `  ${x.name}: ${x.machine.reason}; memory ${x.memoryFit.requiredGiB} of ${x.memoryFit.availableGiB} GiB`).join('\n');
  const groups = renderTable(
    ['node group', 'capacity', 'nodes', 'taints'],
    p.pools.flatMap((x) => x.nodeGroups.map((g) => [g.name, g.capacityType, `${g.minNodes}-${g.maxNodes}`, g.taints.map((t) => `${t.key}=${t.value}:${t.effect}`).join(', ')])),
  );
  const scaling = renderTable(
    ['pool', 'trigger', 'target per replica', 'scale-down delay'],
    p.pools.map((x) => [x.name, x.scaling.trigger === 'queue' ? `${p.queue?.kedaTrigger ?? 'queue'}` : 'prometheus: waiting requests', x.scaling.target, `${x.scaling.scaleDownDelaySeconds}s`]),
  );
  const lines = [head, '', pools, '', 'why these machines:', why, '', groups, '', scaling];
  if (p.queue) {
    const q = p.queue;
    lines.push('', `queue (${q.service}): ${q.name}, dead-letter ${q.deadLetterName} after ${q.maxDeliveryAttempts} attempts, visibility ${q.visibilityTimeoutSeconds}s, retention ${q.retentionSeconds / 3600}h, encrypted; consumers: ${q.consumers.join(', ')}`);
  }
  if (p.router) {
    const r = p.router;
    const rules = r.rules.map((x) => `${x.minPromptTokens !== undefined ? `prompt >= ${x.minPromptTokens} tokens` : ''}${x.header ? `header ${x.header.name}: ${x.header.value}` : ''} -> ${x.to}`);
    lines.push('', `router: default ${r.default}${rules.length ? `; ${rules.join('; ')}` : ''}${Object.keys(r.fallbacks).length ? `; fallbacks ${Object.entries(r.fallbacks).map(([k, v]) => `${k} -> ${v.join(', ')}`).join('; ')}` : ''}`);
  }
  if (p.budget) lines.push('', `budget: $${p.budget.monthlyUsd}/month, alerts at ${p.budget.alertThresholdsPercent.join('/')}%${p.budget.forecastAlert ? ' + forecast' : ''}, filtered by ${p.budget.filterTag.key}=${p.budget.filterTag.value}, on exceed: ${p.budget.onExceed}`);
  lines.push('', `tags: ${Object.entries(p.tags).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  for (const n of p.notes) lines.push(`note: ${n}`);
  for (const w of p.warnings) lines.push(`warning: ${formatPath(w.path)}: ${w.message}`);
  return lines.join('\n');
}
