/**
 * `--compare` and the on-prem sizing use the plan's memory fit: weights plus one full-context
 * sequence (`maxContextTokens`) in the memory the server may use. An 8B bf16 model with a 64k
 * context needs two 24 GiB L4s, not the one its weights alone would fit in.
 */
import { compareOptions, onPremCost } from '../../lib/cost';
import { countThatFits, requiredGiB } from '../../lib/plan/memory';
import { defineSpec } from '../../lib';

const spec = defineSpec({
  apiVersion: 'inferstack.dev/v1alpha1',
  kind: 'InferenceStack',
  metadata: { name: 'longctx', environment: 'test' },
  targets: { aws: { region: 'us-east-1' } },
  models: [{ name: 'chat', model: 'meta-llama/Llama-3.1-8B-Instruct', parametersBillion: 8, maxContextTokens: 65536, accelerator: { type: 'nvidia-a10g', count: 2 }, replicas: { max: 2 } }],
  traffic: { requestsPerSecond: { mean: 1, peak: 2 }, outputTokens: 100 },
  onPrem: { acceleratorType: 'nvidia-l4', acceleratorsPerServer: 8, serverCapexUsd: 100000, amortizationMonths: 36, powerKwPerServer: 3, usdPerKwh: 0.1 },
});

test('the fixture needs two L4s only because of its context', () => {
  expect([countThatFits(requiredGiB(8, 'bf16'), 24, 8), countThatFits(requiredGiB(8, 'bf16', 65536), 24, 8)]).toEqual([1, 2]);
});

test('--compare offers L4 options, with the accelerators the plan requires (it dropped them before)', () => {
  const l4 = compareOptions(spec, undefined, { clouds: ['aws'], simulatedHours: 24 }).options.filter((o) => o.acceleratorType === 'nvidia-l4');
  expect(l4.length).toBeGreaterThan(0);
  expect(new Set(l4.map((o) => o.accelerator))).toEqual(new Set(['2 x nvidia-l4']));
});

test('the on-prem sizing gives each replica the accelerators the plan requires', () => {
  const r = onPremCost(spec, {});
  expect(r?.pools?.map((p) => [p.pool, p.acceleratorsPerReplica])).toEqual([['chat', 2]]);
});
