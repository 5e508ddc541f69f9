/**
 * The specs `npm run bench` generates are valid on every target, up to the 300 models it
 * synthesizes. The bench does not run in CI, so a spec it cannot use would otherwise surface only
 * when someone runs it (it did: two pairs of AKS pool names collided at 300 models).
 */
import { generateSpec } from '../../bench/generate';
import { checkSpec } from '../../lib/load';

test.each([1, 100, 300])('the generated %i-model spec has no problems on aws, gcp or azure', (n) => {
  const { spec, issues } = checkSpec(generateSpec(n));
  expect(issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  expect(spec?.models).toHaveLength(n);
});
