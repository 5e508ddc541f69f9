/** docs/k8s.md lists every policy rule with its severity, in the order `inferstack check` reports them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_RULES } from '../../lib/policy';

test('the rules table in docs/k8s.md matches POLICY_RULES', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'k8s.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Policy: `inferstack check`'));
  const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning|info)/gm)].map((m) => [m[1], m[2]]);
  expect(rows).toEqual(POLICY_RULES.map((r) => [r.id, r.severity]));
});
