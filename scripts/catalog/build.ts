/**
 * `npm run catalog:build`: regenerates lib/catalog/data/{prices,cpu-machines,zones,regions}.json
 * from the committed extracts and curated rows. No network. `--check` writes nothing and exits 1
 * when a committed file differs from what the extracts give (CI runs the same comparison as a test).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MachineType, RegionInfo } from '../../lib/catalog/types';
import { readExtract } from './extract';
import { type CatalogInputs, type CatalogOutputs, type CpuType, EXTRACT_FILES, type ExtractRole, generateCatalog } from './generate';

/** The repository root (this file lives in scripts/catalog/). */
export const ROOT = resolve(__dirname, '..', '..');
const DATA = join(ROOT, 'lib', 'catalog', 'data');

/** Generated file name -> the rows it holds. */
export const GENERATED_FILES: Readonly<Record<string, keyof CatalogOutputs>> = {
  'prices.json': 'prices',
  'cpu-machines.json': 'cpuMachines',
  'zones.json': 'zones',
  'regions.json': 'regions',
};

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Reads every input of the generator from the repository. */
export function readInputs(root = ROOT): CatalogInputs {
  const dir = join(root, 'scripts', 'catalog');
  const extracts = Object.fromEntries(
    (Object.entries(EXTRACT_FILES) as [ExtractRole, string][]).map(([role, file]) => [role, readExtract(join(dir, 'extracts', file))]),
  ) as CatalogInputs['extracts'];
  return {
    extracts,
    machines: readJson<MachineType[]>(join(root, 'lib', 'catalog', 'data', 'machines.json')),
    regions: readJson<RegionInfo[]>(join(dir, 'curated', 'regions.json')),
    cpuTypes: readJson<CpuType[]>(join(dir, 'curated', 'cpu-types.json')),
  };
}

/** The bytes of a generated file: two-space JSON, one trailing newline (the style of the curated files). */
export function render(rows: unknown): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Generated file name -> its bytes. */
export function buildFiles(inputs: CatalogInputs = readInputs()): Record<string, string> {
  const out = generateCatalog(inputs);
  return Object.fromEntries(Object.entries(GENERATED_FILES).map(([file, key]) => [file, render(out[key])]));
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const files = buildFiles();
  let stale = 0;
  for (const [file, text] of Object.entries(files)) {
    const path = join(DATA, file);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // a missing file is stale
    }
    if (current === text) {
      process.stdout.write(`unchanged  lib/catalog/data/${file}\n`);
      continue;
    }
    stale++;
    if (check) process.stdout.write(`stale      lib/catalog/data/${file}\n`);
    else {
      writeFileSync(path, text);
      process.stdout.write(`written    lib/catalog/data/${file}\n`);
    }
  }
  if (check && stale) process.stderr.write(`${stale} generated file(s) differ from the extracts: run npm run catalog:build\n`);
  return check && stale ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
