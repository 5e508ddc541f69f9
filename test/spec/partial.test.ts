/**
 * Rules run on whatever parsed (issue 12, defect 11), which is only sound if each rule reads no
 * more than it declares: here every spec and catalog rule runs on specs that record what it
 * reads, and the record must fit its `reads`.
 */
import { Catalog } from '../../lib/catalog';
import { CATALOG_RULES, RENDERER_RULES } from '../../lib/plan/checks';
import { SpecPart } from '../../lib/spec/partial';
import { SPEC_RULES } from '../../lib/spec/rules';
import { InferenceSpec } from '../../lib/spec/schema';
import { parseSpec } from '../../lib/spec/validate';
import { specWith } from '../support/specs';

const IDENTITY = new Set(['name', 'serve', 'engine']);

/** A spec that records which parts a rule reads (model fields beyond the identity count as 'models'). */
function recording(spec: InferenceSpec): { spec: InferenceSpec; read: Set<SpecPart> } {
  const read = new Set<SpecPart>();
  const model = (m: object) =>
    new Proxy(m, {
      get(t, k, r) {
        if (typeof k === 'string') read.add(IDENTITY.has(k) ? 'modelNames' : 'models');
        return Reflect.get(t, k, r);
      },
    });
  const models = spec.models.map(model);
  const metadata = new Proxy(spec.metadata, {
    get(t, k, r) {
      if (typeof k === 'string') read.add(k === 'name' ? 'stackName' : 'metadata');
      return Reflect.get(t, k, r);
    },
  });
  const proxy = new Proxy(spec, {
    get(t, k, r) {
      if (k === 'models') return models;
      if (k === 'metadata') return metadata;
      if (typeof k === 'string' && !['apiVersion', 'kind'].includes(k)) read.add(k as SpecPart);
      return Reflect.get(t, k, r);
    },
  });
  return { spec: proxy, read };
}

// Specs that take every branch of the rules: all parts present, overrides, a TPU, onPrem.
const specs: InferenceSpec[] = [
  parseSpec(specWith(() => undefined)),
  parseSpec(
    specWith((s) => {
      s.models[0].overrides = { gcp: { accelerator: { type: 'nvidia-h100', count: 2 }, throughput: { requestsPerSecondPerReplica: 2 } } };
      s.models[1].accelerator = { type: 'tpu-v6e', topology: '2x2' };
      s.targets = { gcp: s.targets.gcp };
      s.onPrem = { acceleratorType: 'nvidia-h100', acceleratorsPerServer: 8, serverCapexUsd: 300000, amortizationMonths: 36, powerKwPerServer: 10, usdPerKwh: 0.1 };
      s.traffic = { requestsPerSecond: { mean: 1, peak: 2 }, pattern: 'custom', hourlyWeights: Array(24).fill(1) };
      s.budget.alertThresholdsPercent = [50, 80, 100, 120, 150, 200];
    }),
  ),
];

const allowed = (reads: readonly SpecPart[]) =>
  new Set<SpecPart>([...reads, ...(reads.includes('models') ? (['modelNames'] as const) : []), ...(reads.includes('metadata') ? (['stackName'] as const) : [])]);

describe.each([
  ...SPEC_RULES.map((r) => ({ id: r.id, reads: r.reads, run: (s: InferenceSpec) => r.check(s) })),
  ...[...CATALOG_RULES, ...RENDERER_RULES].map((r) => ({ id: r.id, reads: r.reads, run: (s: InferenceSpec) => r.check(s, Catalog.DEFAULT) })),
])('rule $id', ({ reads, run }) => {
  it('reads only the parts it declares', () => {
    for (const s of specs) {
      const { spec, read } = recording(s);
      run(spec);
      const extra = [...read].filter((p) => !allowed(reads).has(p));
      expect(extra).toEqual([]);
    }
  });
});
