/**
 * The throughput estimate against published measurements (test/cost/calibration.ts): within 1.5x
 * of each, and the median ratio within 1.25x. The figures are printed in docs/cost.md.
 */
import { Catalog } from '../../lib/catalog';
import { replicaAccelerators, rooflineEstimate } from '../../lib/cost';
import { CALIBRATION, CalibrationRow } from './calibration';

const estimateFor = (row: CalibrationRow) => {
  const acc = Catalog.DEFAULT.accelerator(row.accelerator);
  if (!acc) throw new Error(`unknown accelerator ${row.accelerator}`);
  return rooflineEstimate(row, replicaAccelerators(acc, row.count), row, row.serving);
};
const ratio = (row: CalibrationRow) => estimateFor(row).outputTokensPerSecond / row.outputTokensPerSecond;

describe('throughput calibration', () => {
  it('has at least 8 cited measurements spanning every accelerator family the brief names', () => {
    expect(CALIBRATION.length).toBeGreaterThanOrEqual(8);
    for (const row of CALIBRATION) expect(row.source).toMatch(/^(https:\/\/|github:[\w.-]+\/[\w.-]+\/.+@[0-9a-f]{40})/);
    const ids = new Set(CALIBRATION.map((r) => r.accelerator));
    for (const family of [['nvidia-t4', 'nvidia-a10g', 'nvidia-l4'], ['nvidia-l40s'], ['nvidia-a100-40gb', 'nvidia-a100-80gb'], ['nvidia-h100', 'nvidia-h200'], ['tpu-v5e', 'tpu-v6e'], ['aws-inferentia2']]) {
      expect(family.some((id) => ids.has(id))).toBe(true);
    }
  });

  it.each(CALIBRATION.map((r) => [r.name, r] as const))('%s: the estimate is within 1.5x of the published figure', (_name, row) => {
    const r = ratio(row);
    expect(r).toBeGreaterThan(1 / 1.5);
    expect(r).toBeLessThan(1.5);
  });

  it('has a median estimate/published ratio within 1.25x', () => {
    const ratios = CALIBRATION.map(ratio).sort((a, b) => a - b);
    const n = ratios.length;
    const median = n % 2 ? ratios[(n - 1) / 2] : Math.sqrt(ratios[n / 2 - 1] * ratios[n / 2]);
    expect(median).toBeGreaterThan(1 / 1.25);
    expect(median).toBeLessThan(1.25);
  });
});
