/** Cost-model timings: a one-year hourly simulation of a generated 100-pool spec, and each example's report. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUDS } from '../lib/catalog/types';
import { costReport, estimateCost, HOURS_PER_YEAR } from '../lib/cost';
import { checkSpec, loadSpecText } from '../lib/load';
import { resolvePlan } from '../lib/plan/resolve';
import { generateSpec } from './generate';
import { BenchResult, time } from './time';

/** Median milliseconds of: the 100-pool one-year simulation per cloud, and `costReport` of each example (with and without --compare). */
export function benchCost(): BenchResult[] {
  const out: BenchResult[] = [];
  const { spec: big } = checkSpec(generateSpec(100));
  if (!big) throw new Error('generated spec is invalid');
  for (const cloud of CLOUDS) {
    const plan = resolvePlan(big, cloud);
    out.push(time(`cost: ${HOURS_PER_YEAR}-hour simulation, generated 100-pool spec (${cloud})`, () => estimateCost(plan, undefined, { simulatedHours: HOURS_PER_YEAR })));
  }
  const dir = join(__dirname, '..', 'examples');
  for (const f of ['support-assistant.yaml', 'batch-embeddings.yaml', 'minimal-aws.yaml']) {
    const spec = loadSpecText(readFileSync(join(dir, f), 'utf8'), f);
    const plans = CLOUDS.filter((c) => spec.targets[c]).map((c) => resolvePlan(spec, c));
    out.push(time(`cost report ${f} (all targets)`, () => costReport(spec, plans)));
    out.push(time(`cost report ${f} --compare`, () => costReport(spec, plans, { compare: true }), { minRuns: 3 }));
  }
  return out;
}
