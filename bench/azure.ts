/**
 * Azure synthesis timings: the Pulumi program run offline per example (what `inferstack synth
 * --cloud azure` does after planning), the first run apart because it loads @pulumi/azure-native's
 * submodules, and the whole `inferstack synth --cloud azure` process with its peak memory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpecFile } from '../lib/load';
import { resolvePlan } from '../lib/plan/resolve';
import { synthPulumiGraph } from '../stacks/pulumi/program';
import { BenchResult } from './time';

const ROOT = join(__dirname, '..');
const EXAMPLES = ['support-assistant', 'batch-embeddings'];
const RUNS = 5;

/** Median milliseconds of `runs` awaited calls. */
async function timeAsync(name: string, fn: () => Promise<unknown>, runs = RUNS): Promise<BenchResult> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { name, ms: samples[Math.floor(samples.length / 2)], runs };
}

/** Wall time and peak RSS of the compiled CLI synthesizing one example for Azure (needs `npm run build`). */
function wholeProcess(example: string): BenchResult[] {
  const cli = join(ROOT, 'dist', 'bin', 'cli.js');
  if (!existsSync(cli)) return [];
  const samples: number[] = [];
  let peakKiB = 0;
  for (let i = 0; i < 3; i++) {
    const out = mkdtempSync(join(tmpdir(), 'inferstack-bench-azure-'));
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', 'peak %M', process.execPath, join(ROOT, 'bin', 'inferstack.js'), 'synth', join(ROOT, 'examples', `${example}.yaml`), '--cloud', 'azure', '--out', out], { encoding: 'utf8' });
    samples.push(performance.now() - t);
    rmSync(out, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`inferstack synth failed: ${r.stderr}`);
    peakKiB = Math.max(peakKiB, Number(/peak (\d+)/.exec(r.stderr)?.[1] ?? 0));
  }
  samples.sort((a, b) => a - b);
  return [{ name: `azure: inferstack synth ${example} (whole process, compiled; peak RSS ${Math.round(peakKiB / 1024)} MiB)`, ms: samples[1], runs: 3 }];
}

export async function benchAzure(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const cases = EXAMPLES.map((e) => {
    const spec = loadSpecFile(join(ROOT, 'examples', `${e}.yaml`));
    return { e, spec, plan: resolvePlan(spec, 'azure') };
  });
  const first = performance.now();
  await synthPulumiGraph(cases[0].spec, cases[0].plan);
  out.push({ name: `azure graph ${cases[0].e}, first run (loads azure-native submodules)`, ms: performance.now() - first, runs: 1 });
  for (const c of cases) out.push(await timeAsync(`azure graph ${c.e}`, () => synthPulumiGraph(c.spec, c.plan)));
  for (const e of EXAMPLES) out.push(...wholeProcess(e));
  return out;
}
