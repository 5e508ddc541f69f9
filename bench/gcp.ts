/**
 * GCP synthesis timings per example with a GCP target, and the generated 100-model spec: the
 * Pulumi program run offline under mocks and recorded as the resource graph, the work
 * `inferstack synth --cloud gcp` does to write `resources.json`. Plans are resolved outside the
 * timing. bench/bench.ts collects the figures.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkSpec, loadSpecFile } from '../lib/load';
import { resolvePlan } from '../lib/plan';
import { InferenceSpec } from '../lib/spec/schema';
import { stableJson } from '../lib/util/stable-json';
import { synthPulumiGraph } from '../stacks/pulumi/program';
import { generateSpec } from './generate';
import { BenchResult, timeAsync } from './time';

const EXAMPLES = join(__dirname, '..', 'examples');

const synthTime = (name: string, spec: InferenceSpec): Promise<BenchResult> => {
  const plan = resolvePlan(spec, 'gcp');
  return timeAsync(name, async () => stableJson(await synthPulumiGraph(spec, plan)), { minRuns: 5, warmups: 1 });
};

/** Median milliseconds per offline GCP synth: one row per example with a GCP target, then the 100-model spec. */
export async function benchGcp(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort()) {
    const spec = loadSpecFile(join(EXAMPLES, file));
    if (spec.targets.gcp) out.push(await synthTime(`gcp synth ${file}`, spec));
  }
  const { spec } = checkSpec(generateSpec(100));
  if (!spec?.targets.gcp) throw new Error('generated spec is invalid or has no GCP target');
  out.push(await synthTime('gcp synth generated 100-model spec', spec));
  return out;
}
