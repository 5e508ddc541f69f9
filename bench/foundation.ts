/** Validate and plan timings: each example and a generated 100-model spec, every target. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUDS } from '../lib/catalog/types';
import { checkSpec, loadSpecText } from '../lib/load';
import { resolvePlan } from '../lib/plan/resolve';
import { generateSpec } from './generate';
import { BenchResult, time } from './time';

export function benchFoundation(): BenchResult[] {
  const dir = join(__dirname, '..', 'examples');
  const out: BenchResult[] = [];
  for (const f of ['support-assistant.yaml', 'batch-embeddings.yaml', 'minimal-aws.yaml']) {
    const text = readFileSync(join(dir, f), 'utf8');
    const spec = loadSpecText(text, f);
    out.push(time(`validate ${f}`, () => loadSpecText(text, f)));
    out.push(time(`plan ${f} (all targets)`, () => CLOUDS.filter((c) => spec.targets[c]).forEach((c) => resolvePlan(spec, c))));
  }
  const big = generateSpec(100);
  const { spec } = checkSpec(big);
  if (!spec) throw new Error('generated spec is invalid');
  out.push(time('validate generated 100-model spec', () => checkSpec(big)));
  out.push(time('plan generated 100-model spec (3 clouds)', () => CLOUDS.forEach((c) => resolvePlan(spec, c))));
  return out;
}
