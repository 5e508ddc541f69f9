/** `npm run bench`: timings of the pure core and the renderers. A benchmark, not a test. */
import { renderTable } from '../lib/util/table';
import { benchAws } from './aws';
import { benchCost } from './cost';
import { benchFoundation } from './foundation';
import { benchGcp } from './gcp';
import { benchK8s } from './k8s';
import { BenchResult } from './time';

const suites: [string, () => BenchResult[] | Promise<BenchResult[]>][] = [
  ['validate and plan', benchFoundation],
  ['render the Kubernetes workload', benchK8s],
  ['cost model', benchCost],
  ['AWS synth (CDK)', benchAws],
  ['GCP synth (Pulumi program offline)', benchGcp],
];

(async () => {
  for (const [title, run] of suites) {
    const results = await run();
    process.stdout.write(`\n${title}\n${renderTable(['benchmark', 'median ms', 'runs'], results.map((r) => [r.name, Number(r.ms.toFixed(2)), r.runs]))}\n`);
  }
})().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
