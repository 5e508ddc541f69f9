/** The budget guard that `cost`, `synth` and the CDK stack share. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertWithinBudget, BudgetExceededError } from '../../lib/cost';
import { loadSpecText } from '../../lib/load';
import { resolvePlan } from '../../lib/plan/resolve';
import { EXAMPLES_DIR } from '../support/specs';

const text = readFileSync(join(EXAMPLES_DIR, 'support-assistant.yaml'), 'utf8');

it('refuses a ceiling over budget with onExceed: error, naming the fix', () => {
  const spec = loadSpecText(text.replace('onExceed: warn', 'onExceed: error'));
  const plans = [resolvePlan(spec, 'aws')];
  expect(() => assertWithinBudget(spec, plans)).toThrow(BudgetExceededError);
  expect(() => assertWithinBudget(spec, plans)).toThrow(
    /^over budget with onExceed: error\naws: the ceiling \(every pool at replicas.max all month\) is \$[\d,.]+, over budget.monthlyUsd \$40,000.00; fix: lower replicas.max \(chat-large: 8 -> 5\)/,
  );
});

it('lets the same ceiling through with onExceed: warn, and a ceiling within budget with error', () => {
  expect(() => assertWithinBudget(loadSpecText(text), [resolvePlan(loadSpecText(text), 'aws')])).not.toThrow();
  const roomy = loadSpecText(text.replace('onExceed: warn', 'onExceed: error').replace('monthlyUsd: 40000', 'monthlyUsd: 100000'));
  expect(() => assertWithinBudget(roomy, [resolvePlan(roomy, 'aws')])).not.toThrow();
});
