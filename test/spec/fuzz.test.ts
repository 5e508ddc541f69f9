/**
 * Fuzzing the whole pure pipeline (issue 12): generated specs, valid and mutated, go through
 * validation, the plan of every target, the cost model and the Kubernetes render. Nothing may
 * throw but SpecValidationError (and an accepted spec nothing at all); every accepted spec renders
 * objects with unique (kind, namespace, name), legal names and legal label keys and values, and
 * node pool names that are unique and legal on every cloud.
 *
 * Run size: 10,000 specs in total (numRuns below): about 17 s of CPU on the 2-core machine
 * (measured: validation ~1.7 ms per spec; plan, render and a one-day cost simulation ~9 ms per
 * accepted spec, of which there are over a thousand). The generators aim at collisions (few,
 * similar model names; reserved names), limits and hostile strings rather than at volume.
 */
import fc from 'fast-check';
import { CLOUDS, CloudId } from '../../lib/catalog';
import { costReport } from '../../lib/cost';
import { KubernetesObject, renderWorkload } from '../../lib/k8s';
import { checkSpec } from '../../lib/load';
import { CAPABILITIES } from '../../lib/plan/capabilities';
import { resolvePlan } from '../../lib/plan/resolve';
import { InferencePlan } from '../../lib/plan/types';
import { SpecValidationError } from '../../lib/spec/errors';
import { generatedSpecs as spec, mutatedSpecs as mutated } from '../support/fuzz-specs';

// ------------------------------------------------------------------------------------------------
// What every accepted spec must render.

// Kubernetes: names are DNS subdomains (objects) or labels; label keys are [prefix/]name, values empty or [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])? of at most 63.
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_NAME = /^(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^((?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const NODE_POOL_NAME: Record<CloudId, RegExp> = { aws: DNS_SUBDOMAIN, gcp: /^[a-z]([-a-z0-9]*[a-z0-9])?$/, azure: /^[a-z][a-z0-9]*$/ };

const validLabelKey = (k: string) => {
  const slash = k.indexOf('/');
  if (slash < 0) return LABEL_NAME.test(k);
  return DNS_SUBDOMAIN.test(k.slice(0, slash)) && LABEL_NAME.test(k.slice(slash + 1));
};

/** Every label map of an object: its own, and its pod template's. */
function labelMaps(o: KubernetesObject): Record<string, string>[] {
  const tpl = (o.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template?.metadata?.labels;
  return [o.metadata.labels ?? {}, ...(tpl ? [tpl] : [])];
}

function checkRendered(plan: InferencePlan): void {
  const w = renderWorkload(plan);
  const all = [...w.objects, ...w.crdObjects];
  const keys = all.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const o of all) {
    expect(o.metadata.name).toMatch(o.kind === 'Namespace' || o.kind === 'Service' ? DNS_LABEL : DNS_SUBDOMAIN);
    for (const labels of labelMaps(o)) {
      for (const [k, v] of Object.entries(labels)) {
        if (!validLabelKey(k) || !LABEL_VALUE.test(v)) throw new Error(`${o.kind} ${o.metadata.name}: label ${JSON.stringify(k)}=${JSON.stringify(v)} is not a legal Kubernetes label`);
      }
    }
  }
  expect(new Set(w.helmReleases.map((r) => `${r.namespace}/${r.name}`)).size).toBe(w.helmReleases.length);
  const pools = plan.pools.flatMap((p) => p.nodeGroups.map((g) => g.name));
  expect(new Set(pools).size).toBe(pools.length);
  for (const n of pools) {
    expect(n.length).toBeLessThanOrEqual(CAPABILITIES[plan.cloud].nodePoolNameMaxLength);
    expect(n).toMatch(NODE_POOL_NAME[plan.cloud]);
  }
  for (const [k, v] of Object.entries(plan.labels)) if (!validLabelKey(k) || !LABEL_VALUE.test(v)) throw new Error(`plan label ${k}=${v} is not legal`);
}

let accepted = 0;
let refused = 0;

/** The pipeline on one input: refusal is fine (with issues), anything else must work end to end. */
function pipeline(input: unknown): void {
  const r = checkSpec(input);
  if (!r.spec) {
    expect(r.issues.length).toBeGreaterThan(0);
    refused++;
    return;
  }
  accepted++;
  const clouds = CLOUDS.filter((c) => r.spec!.targets[c]);
  const plans = clouds.map((c) => resolvePlan(r.spec!, c));
  for (const p of plans) checkRendered(p);
  // One simulated day: the cost model's arithmetic, not its accuracy, is under test here.
  const report = costReport(r.spec, plans, { simulatedHours: 24 });
  for (const c of Object.values(report.clouds)) for (const v of Object.values(c.monthlyUsd)) expect(v === null || (Number.isFinite(v) && v >= 0)).toBe(true);
}

const onlyValidationErrors = (input: unknown) => {
  try {
    pipeline(input);
  } catch (e) {
    // An accepted spec must never fail later; a refused one never reaches this far.
    if (!(e instanceof SpecValidationError)) throw e;
    throw new Error(`an accepted spec failed after validation: ${e.message}`);
  }
};

describe('fuzzing validate, plan, cost and the Kubernetes render', () => {
  afterAll(() => {
    // Both paths are exercised in numbers: a generator drifting to all-refused would test nothing.
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('generated specs (mostly valid, with edge values)', () => {
    fc.assert(fc.property(spec, onlyValidationErrors), { numRuns: 5000 });
  });

  it('generated specs with one value replaced or deleted anywhere', () => {
    fc.assert(fc.property(mutated, onlyValidationErrors), { numRuns: 5000 });
  });
});
