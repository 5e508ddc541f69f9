/** Median-of-runs timing for the benchmark script (never used in tests). */
export interface BenchResult {
  readonly name: string;
  /** Median milliseconds per run. */
  readonly ms: number;
  readonly runs: number;
}

/** Run `fn` to warm up (at least 3 runs or 50 ms), then until `minRuns` runs and `minMs` elapsed; report the median. */
export function time(name: string, fn: () => unknown, opts: { minRuns?: number; minMs?: number; maxRuns?: number } = {}): BenchResult {
  const { minRuns = 5, minMs = 200, maxRuns = 200 } = opts;
  const warm = performance.now();
  for (let i = 0; i < 3 || (i < maxRuns && performance.now() - warm < 50); i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < maxRuns && (samples.length < minRuns || performance.now() - start < minMs)) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { name, ms: samples[Math.floor(samples.length / 2)], runs: samples.length };
}

/** `time` for asynchronous work: warm-up runs, then at least `minRuns` runs; the median. */
export async function timeAsync(name: string, fn: () => Promise<unknown>, opts: { minRuns?: number; warmups?: number } = {}): Promise<BenchResult> {
  const { minRuns = 5, warmups = 2 } = opts;
  for (let i = 0; i < warmups; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < minRuns; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { name, ms: samples[Math.floor(samples.length / 2)], runs: samples.length };
}
