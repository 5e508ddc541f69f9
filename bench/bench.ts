/**
 * `npm run bench`: timings of the pure core and the renderers, and whole-process synthesis side by
 * side with the cdk-eks-blueprints anchor. A benchmark, not a test: nothing here fails a build.
 * `npm run bench -- <suite words>` runs only the suites whose title contains them.
 */
import { renderTable } from '../lib/util/table';
import { benchAnchor } from './anchor';
import { benchAws } from './aws';
import { benchAzure } from './azure';
import { benchCost } from './cost';
import { benchFoundation } from './foundation';
import { benchGcp } from './gcp';
import { benchK8s } from './k8s';
import { BenchResult } from './time';

/** A suite returns timing rows, synchronously or not. */
type Suite = () => BenchResult[] | Promise<BenchResult[]>;

const suites: [string, Suite][] = [
  ['validate and plan', benchFoundation],
  ['render the Kubernetes workload', benchK8s],
  ['cost model', benchCost],
  ['AWS synth (CDK)', benchAws],
  ['GCP synth (Pulumi program offline)', benchGcp],
  ['Azure synth (Pulumi program offline)', benchAzure],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2).join(' ').toLowerCase();
  for (const [title, run] of suites.filter(([t]) => !only || t.toLowerCase().includes(only))) {
    const results = await run();
    process.stdout.write(`\n${title}\n${renderTable(['benchmark', 'median ms', 'runs'], results.map((r) => [r.name, Number(r.ms.toFixed(2)), r.runs]))}\n`);
  }
  if (!only || 'synth against the anchor'.includes(only) || only.includes('anchor')) {
    const rows = benchAnchor();
    const mib = (m: number | null) => (m === null ? 'unknown' : Math.round(m));
    process.stdout.write(
      `\nwhole-process synth against the anchor (median of 5 after a warm-up; peak memory: max RSS)\n${renderTable(
        ['process', 'median s', 'peak MiB', 'ratio', 'target', 'met'],
        rows.map((r) => [r.name, Number(r.medianSeconds.toFixed(2)), mib(r.peakMiB), `${r.ratio.toFixed(2)}x`, r.target, r.met === null ? '' : r.met ? 'yes' : 'NO']),
      )}\n`,
    );
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
