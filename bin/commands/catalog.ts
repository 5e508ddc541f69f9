/**
 * `inferstack catalog [--cloud aws|gcp|azure] [--json]`: what the catalog holds per cloud
 * (accelerators, machine types, regions, zones, price rows, spot coverage) with its sources and
 * dates. `--json` prints `{ apiVersion: CATALOG_API_VERSION, clouds: { <cloud>: CatalogCloudSummary } }`
 * (lib/catalog/summary.ts) with sorted keys; it holds dates, never ages, so it does not change with
 * the clock. The text says how old the prices are and when they are older than 90 days.
 */
import { Catalog, CLOUDS, CloudId, isPriceStale, PRICE_STALE_AFTER_DAYS, priceAgeDays } from '../../lib/catalog';
import { CATALOG_API_VERSION, type CatalogCloudSummary, summarizeCatalog } from '../../lib/catalog/summary';
import { stableJson } from '../../lib/util/stable-json';
import { parseArgs, UsageError } from '../args';
import type { Command } from './core';

const WIDTH = 120;

/** `head` then `items` joined with ', ', wrapped to WIDTH columns; continuation lines start with `indent`. */
function wrap(head: string, indent: string, items: readonly string[]): string {
  const lines: string[] = [];
  let line = head;
  let fresh = true;
  for (const item of items) {
    const next = fresh ? `${line}${item}` : `${line}, ${item}`;
    if (!fresh && next.length + 1 > WIDTH) {
      lines.push(`${line},`);
      line = `${indent}${item}`;
    } else line = next;
    fresh = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * A cited source as one line of at most WIDTH - 4 columns: the commit shortened to 12
 * characters, and a longer path elided in the middle (`--json` has every source in full).
 */
function shortSource(s: string): string {
  const short = s.replace(/@([0-9a-f]{12})[0-9a-f]{28}$/, '@$1');
  const max = WIDTH - 4;
  return short.length <= max ? short : `${short.slice(0, 55)}...${short.slice(short.length - (max - 58))}`;
}

const pct = (n: number, of: number): string => (of === 0 ? '0%' : `${Math.round((100 * n) / of)}%`);

function formatCloud(s: CatalogCloudSummary, now: Date): string {
  const label = (name: string) => `  ${name.padEnd(15)}`;
  const indent = ' '.repeat(17);
  const p = s.prices;
  const lines = [
    s.cloud.toUpperCase(),
    wrap(`${label('accelerators')}${s.accelerators.length}: `, indent, s.accelerators),
    wrap(`${label('machine types')}${s.machineTypes.length}: `, indent, s.machineTypes),
    `${label('regions')}${s.regions.withAccelerators} with accelerators, ${s.regions.withCpuMachines} with CPU machines for system nodes, ` +
      `${s.regions.known} known (${s.regions.withCoordinates} with coordinates)`,
    `${label('zones')}${s.zones.regions} regions; ${s.zones.machineTypeRegions} (machine type, region) pairs`,
    `${label('price rows')}${p.rows}: ${p.onDemand} on-demand, ${p.spot} spot (${pct(p.spot, p.rows)}; ${p.spotPerZone} as a mean over zones), ` +
      `${p.unpriced} with no citable price`,
    `${label('CPU machines')}${s.cpuMachines.rows} rows: ${s.cpuMachines.types.join(', ')}`,
  ];
  if (p.oldestAsOf && p.newestAsOf) {
    const age = priceAgeDays({ asOf: p.oldestAsOf }, now);
    const range = p.oldestAsOf === p.newestAsOf ? p.oldestAsOf : `${p.oldestAsOf} to ${p.newestAsOf}`;
    lines.push(`${label('prices as of')}${range} (the oldest is ${age} day${age === 1 ? '' : 's'} old)`);
    if (isPriceStale({ asOf: p.oldestAsOf }, now))
      lines.push(`${indent}older than ${PRICE_STALE_AFTER_DAYS} days: refresh the extracts and run npm run catalog:build (docs/catalog.md)`);
  }
  lines.push('  sources');
  for (const src of s.sources) {
    const rows = Object.entries(src.rows).map(([file, n]) => `${file} ${n}`);
    lines.push(`    ${shortSource(src.source)}`, wrap(`      as of ${src.asOf.join(', ')}; rows: `, '        ', rows));
  }
  return lines.join('\n');
}

export const catalogCommand: Command = {
  name: 'catalog',
  usage: 'catalog [--cloud aws|gcp|azure] [--json]',
  summary: 'what the price catalog holds per cloud, with its sources and dates',
  run(argv, out) {
    const a = parseArgs(argv, { positionals: 0, flags: ['json'], options: ['cloud'] });
    const cloud = a.options.get('cloud');
    if (cloud !== undefined && !CLOUDS.includes(cloud as CloudId)) throw new UsageError(`--cloud must be one of ${CLOUDS.join(', ')}, got '${cloud}'`);
    const summaries = summarizeCatalog(Catalog.DEFAULT, cloud ? [cloud as CloudId] : CLOUDS);
    if (a.flags.has('json')) out(stableJson({ apiVersion: CATALOG_API_VERSION, clouds: Object.fromEntries(summaries.map((s) => [s.cloud, s])) }));
    else {
      const now = new Date();
      out(`${summaries.map((s) => formatCloud(s, now)).join('\n\n')}\n\nGenerated from cited extracts of public price files: see docs/catalog.md.\n`);
    }
    return 0;
  },
};
