/**
 * Human-readable cost report: tables per cloud, on-prem, comparison, sources and assumptions.
 * By default every line fits a CI log (120 columns: compact tables, prose wrapped); `wide` prints
 * the full tables on one line each.
 */
import { CAPABILITIES } from '../plan/capabilities';
import { renderTable, wrapText } from '../util/table';
import { STALE_PRICE_DAYS } from './model';
import { CloudCost, CompareResult, CostLineItem, CostReport, OnPremCost, PerScenario, PoolCost, SCENARIOS } from './types';

/** Options of `formatCostReport`. */
export interface FormatOptions {
  /**
   * Full tables, one line per row however long, and prose unwrapped (`inferstack cost --wide`).
   * @default false: compact tables and prose wrapped to `width`
   */
  readonly wide?: boolean;
  /**
   * Columns a line may take when not `wide`.
   * @default 120
   */
  readonly width?: number;
}

/** What the section renderers share: the sources index and how to lay out lines. */
interface Layout {
  readonly wide: boolean;
  readonly width: number;
  /** A prose line: wrapped unless wide. */
  text(line: string, indent?: string): string;
  /** A table: shortened to the width unless wide. */
  table(header: readonly string[], rows: readonly (readonly (string | number)[])[], align?: Parameters<typeof renderTable>[2]): string;
}

function layout(options: FormatOptions): Layout {
  const wide = options.wide ?? false;
  const width = options.width ?? 120;
  return {
    wide,
    width,
    text: (line, indent = '  ') => (wide ? line : wrapText(line, width, indent)),
    table: (header, rows, align) => renderTable(header, rows, align, wide ? {} : { maxWidth: width }),
  };
}

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

/** Numbers sources in order of first use, so tables can cite `[n]`; stale rows say how old they are. */
class Sources {
  private readonly index = new Map<string, number>();
  private readonly stale = new Map<string, number>();
  private key(source: string, asOf: string) {
    return `${source}${asOf ? ` (as of ${asOf})` : ''}`;
  }
  ref(source: string, asOf: string): string {
    const key = this.key(source, asOf);
    if (!this.index.has(key)) this.index.set(key, this.index.size + 1);
    return `[${this.index.get(key)}]`;
  }
  /** Mark a source as older than the stale threshold. */
  markStale(source: string, asOf: string, ageDays: number): string {
    this.stale.set(this.key(source, asOf), ageDays);
    return this.ref(source, asOf);
  }
  render(l: Layout): string {
    return [...this.index.entries()]
      .map(([k, i]) => l.text(`[${i}] ${k}${this.stale.has(k) ? ` STALE: ${this.stale.get(k)} days old` : ''}`, '    '))
      .join('\n');
  }
}

function total(c: CloudCost, s: keyof PerScenario<unknown>): string {
  const t = c.monthlyUsd[s];
  return t === null ? `>= ${formatUsd(c.monthlyUsdAtLeast[s])} (incomplete)` : formatUsd(t);
}

const shortSource = (source: string) => (source === 'estimate' ? 'est' : source === 'measured' ? 'meas' : source === 'unknown' ? '?' : source);
const itemLabel = (i: CostLineItem) => (i.item === 'accelerator-nodes' ? `nodes ${i.capacity ?? ''}`.trim() : i.item);
const unitPrice = (i: CostLineItem) =>
  i.usage ? `${i.usage.unitPriceUsd === null ? 'unknown' : `$${i.usage.unitPriceUsd}`}/${i.usage.unit.replace(/^million /, 'M ')}` : hourly(i.hourlyUsd);
const atPeak = (p: PoolCost) => (p.atPeak ? `${num(p.atPeak.requestsPerSecond)} / ${p.atPeak.replicasNeeded ?? '?'} (${p.replicas.max})` : '-');
const floorPerMillion = (p: PoolCost) =>
  p.rooflineFloorPerMillionOutputTokensUsd ? `${perMillionUsd(p.rooflineFloorPerMillionOutputTokensUsd.usd)} (${p.rooflineFloorPerMillionOutputTokensUsd.capacity})` : '-';

function cloudSection(c: CloudCost, src: Sources, name: string, environment: string, l: Layout): string {
  const cap = CAPABILITIES[c.cloud];
  const lines: string[] = [l.text(`${cap.displayName} (${c.cloud}) ${c.region}: ${name}/${environment}, monthly cost (month = ${c.hoursPerMonth} h)`), ''];
  const rows: (string | number)[][] = [['total', ...SCENARIOS.map((s) => total(c, s))]];
  if (c.budget) {
    const b = c.budget;
    rows.push([`budget ${formatUsd(b.monthlyUsd)}`, ...SCENARIOS.map((s) => `${b.verdict[s]} (${b.percentOfBudget[s]}%)`)]);
  }
  lines.push(l.table(['', 'floor', 'expected', 'ceiling'], rows, ['left', 'right', 'right', 'right']), '');
  const staleRefs = new Map(c.stalePrices.map((p) => [`${p.source}\u0000${p.asOf}`, p.ageDays]));
  const ref = (i: CostLineItem) => {
    const age = staleRefs.get(`${i.source}\u0000${i.asOf}`);
    return age === undefined ? src.ref(i.source, i.asOf) : src.markStale(i.source, i.asOf, age);
  };
  if (l.wide) {
    lines.push(
      l.table(
        ['pool', 'item', 'instance', 'capacity', '$/h', 'hours (expected)', 'floor/mo', 'expected/mo', 'ceiling/mo', 'source'],
        c.lineItems.map((i) => [
          i.pool ?? '(stack)',
          i.item,
          i.instanceType ?? '-',
          i.capacity ?? '-',
          unitPrice(i),
          i.usage ? `${num(i.usage.quantity, 3)} ${i.usage.unit}` : num(i.hours),
          formatUsd(i.floor.monthlyUsd),
          formatUsd(i.monthlyUsd),
          formatUsd(i.ceiling.monthlyUsd),
          `${ref(i)}${i.uncertain ? ' (uncertain)' : ''}`,
        ]),
        ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
      '',
    );
    lines.push(
      l.table(
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
          atPeak(p),
          perMillionUsd(p.perMillionOutputTokensUsd),
          floorPerMillion(p),
        ]),
        ['left', 'left', 'right', 'right', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
      '',
    );
  } else {
    // Compact: capacity folds into the item, hours and the source flag shorten; --wide has them all.
    lines.push(
      l.table(
        ['pool', 'item', 'instance', 'unit price', 'floor/mo', 'expected/mo', 'ceiling/mo', 'src'],
        c.lineItems.map((i) => [i.pool ?? '(stack)', itemLabel(i), i.instanceType ?? '-', unitPrice(i), formatUsd(i.floor.monthlyUsd), formatUsd(i.monthlyUsd), formatUsd(i.ceiling.monthlyUsd), `${ref(i)}${i.uncertain ? '*' : ''}`]),
        ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
      ),
    );
    if (c.lineItems.some((i) => i.uncertain)) lines.push('* the catalog marks the figure as not confirmed by a primary source');
    lines.push('');
    lines.push(
      l.table(
        ['pool', 'accelerator', 'traffic', 'rps/replica', 'mean/peak', 'unserved', 'peak rps/need(max)', '$/1M out', 'floor $/1M'],
        c.pools.map((p) => [
          p.pool,
          p.accelerator,
          p.trafficShare === null ? '-' : pct(p.trafficShare),
          `${num(p.throughput.requestsPerSecondPerReplica, 3)} ${shortSource(p.throughput.source)}`,
          `${num(p.meanReplicas)} / ${p.peakHourReplicas ?? '-'}`,
          pct(p.unservedShare),
          atPeak(p),
          perMillionUsd(p.perMillionOutputTokensUsd),
          p.rooflineFloorPerMillionOutputTokensUsd ? perMillionUsd(p.rooflineFloorPerMillionOutputTokensUsd.usd) : '-',
        ]),
        ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
      '',
    );
  }
  for (const p of c.pools) lines.push(l.text(`throughput ${p.pool}: ${p.throughput.note}`));
  const perTokens = c.demand?.outputTokensPerRequest === 0 ? 'n/a (traffic.outputTokens is 0)' : perMillionUsd(c.perMillionOutputTokensUsd);
  lines.push(
    l.text(`per million output tokens: ${perTokens}; per million requests: ${perMillionUsd(c.perMillionRequestsUsd)}; unserved demand: ${c.unservedShare === null ? 'unknown' : `${pct(c.unservedShare)} of requests`}`),
  );
  for (const p of c.pools) {
    if (p.unservedShare !== null && p.unservedShare > 0) lines.push(l.text(`unserved: ${p.pool} cannot serve ${pct(p.unservedShare)} of its requests at replicas.max ${p.replicas.max}; raise replicas.max or use a faster accelerator`));
  }
  for (const p of c.pools) for (const w of p.warnings) lines.push(l.text(`warning: ${w}`));
  for (const w of c.warnings) lines.push(l.text(`warning: ${w}`));
  if (c.stalePrices.length) {
    const rows = c.stalePrices.map((st) => `${src.markStale(st.source, st.asOf, st.ageDays)} ${st.ageDays} days`).join(', ');
    lines.push(l.text(`stale prices: ${c.stalePrices.length} catalog row(s) used here are more than ${STALE_PRICE_DAYS} days old (${rows}); check them against the cloud's price list`));
  }
  for (const u of c.unknown) lines.push(l.text(`unknown: ${u.reason}`));
  if (c.budget?.fix) lines.push(l.text(`budget: the ceiling is over ${formatUsd(c.budget.monthlyUsd)} (onExceed: ${c.budget.onExceed}); fix: ${c.budget.fix}`));
  return lines.join('\n');
}

function onPremSection(o: OnPremCost, src: Sources, l: Layout): string {
  const lines = [`on-prem: ${o.servers === null ? 'cannot be sized' : `${o.servers} server(s)`} of ${o.acceleratorsPerServer} x ${o.accelerator}, sized for the peak`, ''];
  if (o.pools.length) {
    lines.push(
      l.table(
        ['pool', 'accelerators per replica', 'replicas at peak', 'requests/s per replica', 'throughput'],
        o.pools.map((p) => [p.pool, p.acceleratorsPerReplica, p.replicasAtPeak ?? '-', num(p.throughput.requestsPerSecondPerReplica, 3), p.throughput.source]),
        ['left', 'right', 'right', 'right', 'left'],
      ),
      '',
    );
  }
  if (o.monthlyUsd) {
    lines.push(
      l.table(
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
      l.table(
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
    lines.push(l.text(`street price of ${o.acceleratorsPerServer} x ${o.accelerator}: ${formatUsd(s.low, 0)}-${formatUsd(s.high, 0)}${s.estimate ? ' (estimate)' : ''} ${src.ref(s.source, s.asOf)}, against serverCapexUsd (spec)`));
  }
  for (const n of o.notes) lines.push(l.text(`note: ${n}`));
  return lines.join('\n');
}

/** Options per model the human comparison shows (the JSON has them all). */
const COMPARE_ROWS_PER_MODEL = 10;

function compareSection(c: CompareResult, src: Sources, l: Layout): string {
  const lines = ['compare: the spec on every cloud, region and eligible accelerator in the catalog', ''];
  const seen = new Map<string, number>();
  const shown = c.options.filter((o) => {
    const n = (seen.get(o.model) ?? 0) + 1;
    seen.set(o.model, n);
    return n <= COMPARE_ROWS_PER_MODEL || o.current;
  });
  const expected = (x: CompareResult['combinations'][number]) => (x.expectedMonthlyUsd === null ? `>= ${formatUsd(x.expectedMonthlyUsdAtLeast)}` : formatUsd(x.expectedMonthlyUsd));
  const choices = (x: CompareResult['combinations'][number]) => Object.entries(x.choices).map(([m, a]) => `${m}: ${a}`).join('; ');
  if (l.wide) {
    lines.push(
      l.table(
        ['rank', 'cloud', 'region', 'choices', 'fixed/mo', 'expected/mo', '$/1M output tokens', 'rank by $/1M', 'unserved'],
        c.combinations.map((x) => [x.rankByMonthly, x.cloud, x.region, choices(x), formatUsd(x.fixedMonthlyUsd), expected(x), perMillionUsd(x.perMillionOutputTokensUsd), x.rankByPerMillionTokens ?? '-', pct(x.unservedShare)]),
        ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
      ),
      '',
    );
    lines.push(
      l.table(
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
    );
  } else {
    // Compact: cloud and region in one column, no instance column (--wide has it).
    lines.push(
      l.table(
        ['rank', 'where', 'choices', 'fixed/mo', 'expected/mo', '$/1M out', '#$/1M', 'unserved'],
        c.combinations.map((x) => [x.rankByMonthly, `${x.cloud} ${x.region}`, choices(x), formatUsd(x.fixedMonthlyUsd), expected(x), perMillionUsd(x.perMillionOutputTokensUsd), x.rankByPerMillionTokens ?? '-', pct(x.unservedShare)]),
        ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
      ),
      '',
    );
    lines.push(
      l.table(
        ['model', 'where', 'accelerator', 'rps/replica', 'pool exp/mo', 'pool ceil/mo', '$/1M out', 'unserved', 'src'],
        shown.map((o) => [
          `${o.model}${o.current ? ' *' : ''}`,
          `${o.cloud} ${o.region}`,
          o.accelerator,
          `${num(o.throughput.requestsPerSecondPerReplica, 3)} ${shortSource(o.throughput.source)}`,
          formatUsd(o.expectedMonthlyUsd),
          formatUsd(o.ceilingMonthlyUsd),
          perMillionUsd(o.perMillionOutputTokensUsd),
          pct(o.unservedShare),
          src.ref(o.source, o.asOf),
        ]),
        ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
    );
  }
  lines.push(l.text(`* = what the spec deploys; the ${COMPARE_ROWS_PER_MODEL} best options per model shown${shown.length < c.options.length ? ` (${c.options.length - shown.length} more with --json)` : ''}`));
  for (const n of c.notes) lines.push(l.text(`note: ${n}`));
  return lines.join('\n');
}

/**
 * The report as tables: per cloud, then on-prem, the comparison, the sources cited and every
 * assumption. Lines fit 120 columns unless `options.wide`.
 */
export function formatCostReport(report: CostReport, options: FormatOptions = {}): string {
  const l = layout(options);
  const src = new Sources();
  const parts = Object.values(report.clouds).map((c) => cloudSection(c, src, report.name, report.environment, l));
  if (report.onPrem) parts.push(onPremSection(report.onPrem, src, l));
  if (report.compare) parts.push(compareSection(report.compare, src, l));
  parts.push(`sources:\n${src.render(l)}`);
  parts.push(`assumptions:\n${report.assumptions.map((a) => l.text(`- ${a}`)).join('\n')}`);
  return parts.join('\n\n');
}
