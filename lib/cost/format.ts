/** Human-readable cost report: tables per cloud, on-prem, comparison, sources and assumptions. */
import { CAPABILITIES } from '../plan/capabilities';
import { renderTable } from '../util/table';
import { CloudCost, CompareResult, CostReport, OnPremCost, PerScenario, SCENARIOS } from './types';

/** `$1,234.56`, `-$8,409.07`, or `unknown`. */
export function formatUsd(n: number | null, digits = 2): string {
  if (n === null) return 'unknown';
  const abs = Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${n < 0 && Number(abs.replace(/,/g, '')) !== 0 ? '-' : ''}$${abs}`;
}

/** A price per million units: four decimals below $1 (cheap tokens differ in the third decimal), cents above. */
const perMillionUsd = (n: number | null) => formatUsd(n, n !== null && Math.abs(n) < 1 ? 4 : 2);

const pct = (n: number | null) => (n === null ? 'unknown' : `${Number((n * 100).toFixed(n > 0 && n < 0.001 ? 3 : 1))}%`);
const num = (n: number | null, d = 2) => (n === null ? '-' : String(Number(n.toFixed(d))));
const hourly = (n: number | null) => (n === null ? 'unknown' : `$${Number(n.toPrecision(6))}`);

/** Numbers sources in order of first use, so tables can cite `[n]`. */
class Sources {
  private readonly index = new Map<string, number>();
  ref(source: string, asOf: string): string {
    const key = `${source}${asOf ? ` (as of ${asOf})` : ''}`;
    if (!this.index.has(key)) this.index.set(key, this.index.size + 1);
    return `[${this.index.get(key)}]`;
  }
  render(): string {
    return [...this.index.entries()].map(([k, i]) => `[${i}] ${k}`).join('\n');
  }
}

function total(c: CloudCost, s: keyof PerScenario<unknown>): string {
  const t = c.monthlyUsd[s];
  return t === null ? `>= ${formatUsd(c.monthlyUsdAtLeast[s])} (incomplete)` : formatUsd(t);
}

function cloudSection(c: CloudCost, src: Sources, name: string, environment: string): string {
  const cap = CAPABILITIES[c.cloud];
  const lines: string[] = [`${cap.displayName} (${c.cloud}) ${c.region}: ${name}/${environment}, monthly cost (month = ${c.hoursPerMonth} h)`, ''];
  const rows: (string | number)[][] = [['total', ...SCENARIOS.map((s) => total(c, s))]];
  if (c.budget) {
    const b = c.budget;
    rows.push([`budget ${formatUsd(b.monthlyUsd)}`, ...SCENARIOS.map((s) => `${b.verdict[s]} (${b.percentOfBudget[s]}%)`)]);
  }
  lines.push(renderTable(['', 'floor', 'expected', 'ceiling'], rows, ['left', 'right', 'right', 'right']), '');
  lines.push(
    renderTable(
      ['pool', 'item', 'instance', 'capacity', '$/h', 'hours (expected)', 'floor/mo', 'expected/mo', 'ceiling/mo', 'source'],
      c.lineItems.map((i) => [
        i.pool ?? '(stack)',
        i.item,
        i.instanceType ?? '-',
        i.capacity ?? '-',
        i.usage ? `${i.usage.unitPriceUsd === null ? 'unknown' : `$${i.usage.unitPriceUsd}`}/${i.usage.unit.replace(/^million /, 'M ')}` : hourly(i.hourlyUsd),
        i.usage ? `${num(i.usage.quantity, 3)} ${i.usage.unit}` : num(i.hours),
        formatUsd(i.floor.monthlyUsd),
        formatUsd(i.monthlyUsd),
        formatUsd(i.ceiling.monthlyUsd),
        `${src.ref(i.source, i.asOf)}${i.uncertain ? ' (uncertain)' : ''}`,
      ]),
      ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
  );
  lines.push(
    renderTable(
      ['pool', 'accelerator', 'traffic', 'requests/s per replica', 'throughput', 'mean replicas', 'peak-hour replicas', 'unserved', 'at peak: rps / replicas needed (max)', '$/1M output tokens', 'roofline floor $/1M'],
      c.pools.map((p) => [
        p.pool,
        `${p.accelerator} (${p.instanceType})`,
        p.trafficShare === null ? '-' : pct(p.trafficShare),
        num(p.throughput.requestsPerSecondPerReplica, 3),
        p.throughput.source,
        num(p.meanReplicas),
        p.peakHourReplicas === null ? '-' : String(p.peakHourReplicas),
        pct(p.unservedShare),
        p.atPeak ? `${num(p.atPeak.requestsPerSecond)} / ${p.atPeak.replicasNeeded ?? '?'} (${p.replicas.max})` : '-',
        perMillionUsd(p.perMillionOutputTokensUsd),
        p.rooflineFloorPerMillionOutputTokensUsd ? `${perMillionUsd(p.rooflineFloorPerMillionOutputTokensUsd.usd)} (${p.rooflineFloorPerMillionOutputTokensUsd.capacity})` : '-',
      ]),
      ['left', 'left', 'right', 'right', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
  );
  for (const p of c.pools) lines.push(`throughput ${p.pool}: ${p.throughput.note}`);
  const perTokens = c.demand?.outputTokensPerRequest === 0 ? 'n/a (traffic.outputTokens is 0)' : perMillionUsd(c.perMillionOutputTokensUsd);
  lines.push(
    `per million output tokens: ${perTokens}; per million requests: ${perMillionUsd(c.perMillionRequestsUsd)}; unserved demand: ${c.unservedShare === null ? 'unknown' : `${pct(c.unservedShare)} of requests`}`,
  );
  for (const p of c.pools) {
    if (p.unservedShare !== null && p.unservedShare > 0) lines.push(`unserved: ${p.pool} cannot serve ${pct(p.unservedShare)} of its requests at replicas.max ${p.replicas.max}; raise replicas.max or use a faster accelerator`);
  }
  for (const p of c.pools) for (const w of p.warnings) lines.push(`warning: ${w}`);
  for (const u of c.unknown) lines.push(`unknown: ${u.reason}`);
  if (c.budget?.fix) lines.push(`budget: the ceiling is over ${formatUsd(c.budget.monthlyUsd)} (onExceed: ${c.budget.onExceed}); fix: ${c.budget.fix}`);
  return lines.join('\n');
}

function onPremSection(o: OnPremCost, src: Sources): string {
  const lines = [`on-prem: ${o.servers === null ? 'cannot be sized' : `${o.servers} server(s)`} of ${o.acceleratorsPerServer} x ${o.accelerator}, sized for the peak`, ''];
  if (o.pools.length) {
    lines.push(
      renderTable(
        ['pool', 'accelerators per replica', 'replicas at peak', 'requests/s per replica', 'throughput'],
        o.pools.map((p) => [p.pool, p.acceleratorsPerReplica, p.replicasAtPeak ?? '-', num(p.throughput.requestsPerSecondPerReplica, 3), p.throughput.source]),
        ['left', 'right', 'right', 'right', 'left'],
      ),
      '',
    );
  }
  if (o.monthlyUsd) {
    lines.push(
      renderTable(
        ['capex/mo', 'power/mo', 'operations/mo', 'total/mo', 'upfront'],
        [[formatUsd(o.monthlyUsd.capex), formatUsd(o.monthlyUsd.power), formatUsd(o.monthlyUsd.operations), formatUsd(o.monthlyUsd.total), formatUsd(o.upfrontUsd)]],
        ['right', 'right', 'right', 'right', 'right'],
      ),
      '',
    );
  }
  const vs = Object.entries(o.versusCloud);
  if (vs.length) {
    lines.push(
      renderTable(
        ['versus', 'cloud expected/mo', 'on-prem/mo', 'saving/mo', 'break-even'],
        vs.map(([cloud, v]) => [
          cloud,
          formatUsd(v.cloudExpectedMonthlyUsd),
          formatUsd(v.onPremMonthlyUsd),
          formatUsd(v.monthlySavingUsd),
          v.breakEvenMonths === null
            ? v.cloudExpectedMonthlyUsd === null || v.onPremMonthlyUsd === null
              ? 'unknown'
              : 'never'
            : `${v.breakEvenMonths} months${v.breakEvenMonths > o.amortizationMonths ? ` (after the ${o.amortizationMonths}-month amortisation)` : ''}`,
        ]),
        ['left', 'right', 'right', 'right', 'right'],
      ),
      '',
    );
  }
  if (o.acceleratorStreetPriceUsd) {
    const s = o.acceleratorStreetPriceUsd;
    lines.push(`street price of ${o.acceleratorsPerServer} x ${o.accelerator}: ${formatUsd(s.low, 0)}-${formatUsd(s.high, 0)}${s.estimate ? ' (estimate)' : ''} ${src.ref(s.source, s.asOf)}, against serverCapexUsd (spec)`);
  }
  for (const n of o.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

/** Options per model the human comparison shows (the JSON has them all). */
const COMPARE_ROWS_PER_MODEL = 10;

function compareSection(c: CompareResult, src: Sources): string {
  const lines = ['compare: the spec on every cloud, region and eligible accelerator in the catalog', ''];
  const seen = new Map<string, number>();
  const shown = c.options.filter((o) => {
    const n = (seen.get(o.model) ?? 0) + 1;
    seen.set(o.model, n);
    return n <= COMPARE_ROWS_PER_MODEL || o.current;
  });
  lines.push(
    renderTable(
      ['rank', 'cloud', 'region', 'choices', 'fixed/mo', 'expected/mo', '$/1M output tokens', 'rank by $/1M', 'unserved'],
      c.combinations.map((x) => [
        x.rankByMonthly,
        x.cloud,
        x.region,
        Object.entries(x.choices).map(([m, a]) => `${m}: ${a}`).join('; '),
        formatUsd(x.fixedMonthlyUsd),
        x.expectedMonthlyUsd === null ? `>= ${formatUsd(x.expectedMonthlyUsdAtLeast)}` : formatUsd(x.expectedMonthlyUsd),
        perMillionUsd(x.perMillionOutputTokensUsd),
        x.rankByPerMillionTokens ?? '-',
        pct(x.unservedShare),
      ]),
      ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
  );
  lines.push(
    renderTable(
      ['model', 'cloud', 'region', 'accelerator', 'instance', 'throughput', 'pool expected/mo', 'pool ceiling/mo', '$/1M output tokens', 'unserved', 'source'],
      shown.map((o) => [
        `${o.model}${o.current ? ' *' : ''}`,
        o.cloud,
        o.region,
        o.accelerator,
        o.instanceType,
        `${num(o.throughput.requestsPerSecondPerReplica, 3)} rps (${o.throughput.source})`,
        formatUsd(o.expectedMonthlyUsd),
        formatUsd(o.ceilingMonthlyUsd),
        perMillionUsd(o.perMillionOutputTokensUsd),
        pct(o.unservedShare),
        src.ref(o.source, o.asOf),
      ]),
      ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    `* = what the spec deploys; the ${COMPARE_ROWS_PER_MODEL} best options per model shown${shown.length < c.options.length ? ` (${c.options.length - shown.length} more with --json)` : ''}`,
  );
  for (const n of c.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

/** The report as tables: per cloud, then on-prem, the comparison, the sources cited and every assumption. */
export function formatCostReport(report: CostReport): string {
  const src = new Sources();
  const parts = Object.values(report.clouds).map((c) => cloudSection(c, src, report.name, report.environment));
  if (report.onPrem) parts.push(onPremSection(report.onPrem, src));
  if (report.compare) parts.push(compareSection(report.compare, src));
  parts.push(`sources:\n${src.render()}`);
  parts.push(`assumptions:\n${report.assumptions.map((a) => `- ${a}`).join('\n')}`);
  return parts.join('\n\n');
}
