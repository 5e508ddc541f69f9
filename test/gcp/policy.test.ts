/** inferstack's own rules (lib/policy) over the GCP plan, its Kubernetes objects and the Pulumi graph of every spec. */
import { renderWorkload } from '../../lib/k8s';
import { checkPolicies } from '../../lib/policy';
import { graphOf, planOf } from './support/graph';
import { ALL_GCP_SPECS } from './support/specs';

/** Warnings that come from a spec's own choices, not from what the renderer made of them. */
const SPEC_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  'tpu-serving': ['spot-on-demand-floor pool gemma'],
};

describe.each(ALL_GCP_SPECS)('%s', (name) => {
  test('no error from the policy rules, no warning but the spec\'s own; the graph is among what was checked', async () => {
    const plan = planOf(name);
    const rendered = renderWorkload(plan);
    const check = checkPolicies({ plan, kubernetes: [...rendered.objects, ...rendered.crdObjects], graph: await graphOf(name) });
    expect(check.checked).toContain('pulumi');
    expect(check.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.resource}: ${f.message}`)).toEqual([]);
    expect(check.findings.filter((f) => f.severity === 'warning').map((f) => `${f.rule} ${f.resource}`)).toEqual(SPEC_WARNINGS[name] ?? []);
  });
});
