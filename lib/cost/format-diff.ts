/** A cost diff as text for a CI log, or as Markdown for a pull-request comment. */
import { CloudId } from '../catalog/types';
import { CAPABILITIES } from '../plan/capabilities';
import { renderTable, wrapText } from '../util/table';
import { CloudCostDiff, CostDelta, CostDiff, PoolCostDiff } from './diff';
import { formatUsd } from './format';
import { SCENARIOS } from './types';

/** `+$1,234.56 (+8.2%)`, `-$10.00 (-0.1%)`, `$0.00`, `unknown`. */
export function formatDelta(d: CostDelta): string {
  if (d.delta === null) return 'unknown';
  if (d.delta === 0) return '$0.00';
  const sign = d.delta > 0 ? '+' : '-';
  const rel = d.base ? ` (${sign}${Math.abs((d.delta / d.base) * 100).toFixed(1)}%)` : '';
  return `${sign}${formatUsd(Math.abs(d.delta))}${rel}`;
}

/** A total that may be unknown: the figure, else the labelled lower bound. */
const money = (v: number | null, atLeast: number) => (v === null ? `>= ${formatUsd(atLeast)}` : formatUsd(v));

const regionOf = (c: CloudCostDiff) => (c.region.base === c.region.head || !c.region.base ? c.region.head : !c.region.head ? c.region.base : `${c.region.base} -> ${c.region.head}`);
const targetChange = (c: CloudCostDiff) => (c.change === 'added' ? ' (new target)' : c.change === 'removed' ? ' (target removed)' : '');
const cloudTitle = (cloud: CloudId, c: CloudCostDiff) => `${cloud} ${regionOf(c)}${targetChange(c)}`;

const budgetLine = (cloud: CloudId, c: CloudCostDiff): string | null => {
  const b = c.budget;
  if (!b) return null;
  const verdict = SCENARIOS.map((s) => `${s} ${b.verdict[s]} (${b.percentOfBudget[s]}%)`).join(', ');
  return `${cloud}: budget ${formatUsd(b.monthlyUsd)} (onExceed: ${b.onExceed}): ${verdict}${b.fix ? `; fix: ${b.fix}` : ''}`;
};

const changedPools = (c: CloudCostDiff) => c.pools.filter((p) => p.change !== 'unchanged');

/** The diff as plain text: tables per cloud, every line within `width` columns. */
export function formatCostDiff(diff: CostDiff, width = 120): string {
  const text = (s: string) => wrapText(s, width);
  const head = `cost diff: ${diff.head.name}/${diff.head.environment}${diff.base.file && diff.head.file ? ` (${diff.base.file} -> ${diff.head.file})` : ''}, month = ${diff.hoursPerMonth} h`;
  const parts = [text(head)];
  for (const [cloud, c] of Object.entries(diff.clouds) as [CloudId, CloudCostDiff][]) {
    const lines = [text(`${CAPABILITIES[cloud].displayName} (${cloud}) ${regionOf(c)}${targetChange(c)}`), ''];
    lines.push(
      renderTable(
        ['month', 'base', 'head', 'change'],
        SCENARIOS.map((s) => [s, money(c.monthlyUsd[s].base, c.monthlyUsdAtLeast[s].base), money(c.monthlyUsd[s].head, c.monthlyUsdAtLeast[s].head), formatDelta(c.monthlyUsd[s])]),
        ['left', 'right', 'right', 'right'],
        { maxWidth: width },
      ),
      '',
    );
    lines.push(
      renderTable(
        ['pool', 'change', 'expected base', 'expected head', 'change', 'ceiling change'],
        [
          ...c.pools.map((p) => [p.pool, p.change, formatUsd(p.monthlyUsd.expected.base), formatUsd(p.monthlyUsd.expected.head), formatDelta(p.monthlyUsd.expected), formatDelta(p.monthlyUsd.ceiling)]),
          ['(stack)', c.fixedMonthlyUsd.expected.delta === 0 && c.fixedMonthlyUsd.ceiling.delta === 0 ? 'unchanged' : 'changed', formatUsd(c.fixedMonthlyUsd.expected.base), formatUsd(c.fixedMonthlyUsd.expected.head), formatDelta(c.fixedMonthlyUsd.expected), formatDelta(c.fixedMonthlyUsd.ceiling)],
        ],
        ['left', 'left', 'right', 'right', 'right', 'right'],
        { maxWidth: width },
      ),
    );
    for (const p of changedPools(c)) lines.push(text(`${p.pool}: ${p.changes.join('; ')}`));
    const b = budgetLine(cloud, c);
    if (b) lines.push(text(b));
    for (const u of c.unknown.head) lines.push(text(`unknown (head): ${u}`));
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}

const md = (s: string) => s.replace(/\|/g, '\\|');

/** One pool row of the Markdown table. */
const poolRow = (cloud: CloudId, p: PoolCostDiff) =>
  `| ${cloud} | ${md(p.pool)} | ${p.change} | ${formatUsd(p.monthlyUsd.expected.base)} | ${formatUsd(p.monthlyUsd.expected.head)} | ${formatDelta(p.monthlyUsd.expected)} | ${formatDelta(p.monthlyUsd.ceiling)} | ${md(p.changes.join('; '))} |`;

/**
 * The diff as a compact Markdown comment: one table of the three months per cloud, one of the
 * pools that changed, the head's budget verdict, and what is unknown.
 */
export function formatCostDiffMarkdown(diff: CostDiff): string {
  const out = [`### inferstack cost: ${md(diff.head.name)}/${md(diff.head.environment)}`, ''];
  out.push('| cloud | month | base | head | change |', '|---|---|--:|--:|--:|');
  for (const [cloud, c] of Object.entries(diff.clouds) as [CloudId, CloudCostDiff][]) {
    SCENARIOS.forEach((s, i) => {
      const d = c.monthlyUsd[s];
      const change = formatDelta(d);
      out.push(
        `| ${i === 0 ? `**${md(cloudTitle(cloud, c))}**` : ''} | ${s} | ${money(d.base, c.monthlyUsdAtLeast[s].base)} | ${money(d.head, c.monthlyUsdAtLeast[s].head)} | ${d.delta !== null && d.delta !== 0 ? `**${change}**` : change} |`,
      );
    });
  }
  const changed = (Object.entries(diff.clouds) as [CloudId, CloudCostDiff][]).flatMap(([cloud, c]) => changedPools(c).map((p) => poolRow(cloud, p)));
  const unchanged = (Object.values(diff.clouds) as CloudCostDiff[]).reduce((n, c) => n + c.pools.filter((p) => p.change === 'unchanged').length, 0);
  out.push('');
  if (changed.length) {
    out.push('| cloud | pool | change | expected base | expected head | expected change | ceiling change | what changed |', '|---|---|---|--:|--:|--:|--:|---|', ...changed);
    if (unchanged) out.push('', `${unchanged} pool(s) unchanged.`);
  } else out.push('No pool changed.');
  const budgets = (Object.entries(diff.clouds) as [CloudId, CloudCostDiff][]).map(([cloud, c]) => budgetLine(cloud, c)).filter((b): b is string => b !== null);
  if (budgets.length) out.push('', '**Budget (head)**', '', ...budgets.map((b) => `- ${md(b)}`));
  const unknown = (Object.entries(diff.clouds) as [CloudId, CloudCostDiff][]).flatMap(([cloud, c]) => c.unknown.head.map((u) => `- ${cloud}: ${md(u)}`));
  if (unknown.length) out.push('', '<details><summary>Unknown figures (head)</summary>', '', ...unknown, '', '</details>');
  out.push(
    '',
    `<sub>Month = ${diff.hoursPerMonth} h at list prices; floor = every pool at replicas.min, ceiling = every pool at replicas.max, expected = the traffic profile simulated hour by hour. Unknown prices are shown as lower bounds (>=), never as $0. Prices aged against ${diff.pricesAgedAgainst}. Generated by \`inferstack cost --diff\`.</sub>`,
  );
  return out.join('\n');
}
