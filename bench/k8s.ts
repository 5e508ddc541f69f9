/**
 * Render time of the Kubernetes workload per example x cloud: `renderWorkload` plus the YAML of
 * `manifestFiles`, the work `inferstack synth` does per target; and the generated 100-model spec
 * on each cloud. Plans are resolved once, outside the timing. bench/bench.ts collects the figures;
 * run this file alone to print them.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUDS } from '../lib/catalog/types';
import { checkSpec, loadSpecFile } from '../lib/load';
import { resolvePlan } from '../lib/plan';
import { InferencePlan } from '../lib/plan/types';
import { manifestFiles, renderWorkload } from '../lib/k8s';
import { generateSpec } from './generate';
import { BenchResult, time } from './time';

const EXAMPLES = join(__dirname, '..', 'examples');

const renderTime = (name: string, plan: InferencePlan): BenchResult => time(name, () => manifestFiles(renderWorkload(plan)));

/** Median milliseconds per render: one row per example x cloud it targets, then the 100-model spec per cloud. */
export function benchK8s(): BenchResult[] {
  const out: BenchResult[] = [];
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort()) {
    const spec = loadSpecFile(join(EXAMPLES, file));
    for (const cloud of CLOUDS.filter((c) => spec.targets[c])) out.push(renderTime(`render k8s ${file} on ${cloud}`, resolvePlan(spec, cloud)));
  }
  const { spec } = checkSpec(generateSpec(100));
  if (!spec) throw new Error('generated spec is invalid');
  for (const cloud of CLOUDS) out.push(renderTime(`render k8s generated 100-model spec on ${cloud}`, resolvePlan(spec, cloud)));
  return out;
}

if (require.main === module) {
  for (const r of benchK8s()) console.log(`${r.name.padEnd(52)} ${r.ms.toFixed(2)} ms (${r.runs} runs)`);
}
