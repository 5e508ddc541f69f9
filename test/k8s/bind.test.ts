/**
 * The render seam: renderWorkloadWith renders every object up front and puts the renderer's own
 * values (CDK tokens, Pulumi Outputs) where the bindings go, so a preview shows every object.
 */
import { bindingMarker, renderWorkload, renderWorkloadWith, UNBOUND_PREFIX, WorkloadBindings } from '../../lib/k8s';
import { cases, caseOf } from './support/fixtures';

/** A stand-in for a Pulumi Output: an opaque value that is not a string. */
class Ref {
  constructor(readonly key: string) {}
}
/** A stand-in for pulumi.concat: records the parts it was given. */
class Concat {
  constructor(readonly parts: readonly (string | Ref)[]) {}
}
const concat = (parts: readonly (string | Ref)[]) => new Concat(parts) as unknown as Ref;

/** Every value in a tree, depth first. */
function leaves(x: unknown): unknown[] {
  if (x instanceof Ref || x instanceof Concat) return [x];
  if (Array.isArray(x)) return x.flatMap(leaves);
  if (x && typeof x === 'object') return Object.values(x).flatMap(leaves);
  return [x];
}

/** Bindings of every key a rendered workload left unbound, as Refs. */
function refsFor(unbound: readonly string[]): WorkloadBindings<Ref> {
  const identities: Record<string, Ref> = {};
  const queue: Record<string, Ref> = {};
  for (const key of unbound) {
    const [group, name] = key.split('.');
    (group === 'identities' ? identities : queue)[name] = new Ref(key);
  }
  return { identities, queue };
}

describe('renderWorkloadWith', () => {
  test.each(cases().map((c) => [c.example, c.cloud, c] as const))('%s on %s: binding every unbound key leaves no placeholder and the same objects', (_e, _c, c) => {
    const bound = renderWorkloadWith(c.plan, refsFor(c.rendered.unbound), concat);
    expect(bound.unbound).toEqual([]);
    const strings = leaves([bound.objects, bound.crdObjects, bound.helmReleases, bound.kedaOperatorIdentity]).filter((v) => typeof v === 'string') as string[];
    expect(strings.filter((s) => s.includes(UNBOUND_PREFIX))).toEqual([]);
    // Same objects in the same order: bindings never add, drop or rename anything.
    const ids = (os: readonly { kind: string; metadata: { name: string; namespace?: string } }[]) => os.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(ids(bound.objects)).toEqual(ids(c.rendered.objects));
    expect(ids(bound.crdObjects)).toEqual(ids(c.rendered.crdObjects));
    expect(bound.helmReleases.map((r) => r.name)).toEqual(c.rendered.helmReleases.map((r) => r.name));
  });

  test('with string values and join, the result equals renderWorkload with the same bindings (the CDK path)', () => {
    const { plan } = caseOf('batch-embeddings', 'aws');
    const bindings = { identities: { scaler: '${Token[ScalerArn]}', consumer: '${Token[ConsumerArn]}' }, queue: { queueUrl: '${Token[QueueUrl]}' } };
    expect(renderWorkloadWith(plan, bindings, (parts) => parts.join(''))).toEqual(renderWorkload(plan, bindings));
  });

  test('a value that fills a whole string is placed as is; a value inside a string is interpolated with its text', () => {
    const { plan } = caseOf('batch-embeddings', 'gcp');
    const subscription = new Ref('queue.subscriptionName');
    const bound = renderWorkloadWith(plan, { identities: { consumer: new Ref('identities.consumer') }, queue: { subscriptionName: subscription } }, concat);
    const account = bound.objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.annotations?.['iam.gke.io/gcp-service-account']);
    expect(account?.metadata.annotations?.['iam.gke.io/gcp-service-account']).toBeInstanceOf(Ref);
    const consumer = bound.objects.find((o) => o.kind === 'Deployment' && JSON.stringify(o).includes('INFERSTACK_QUEUE_SUBSCRIPTION')) as any;
    const env = consumer.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'INFERSTACK_QUEUE_SUBSCRIPTION');
    expect(env.value).toBeInstanceOf(Concat);
    expect(env.value.parts).toEqual([`projects/${plan.project}/subscriptions/`, subscription]);
    // The PromQL query of the queue trigger names the subscription inside quotes.
    const scaled = bound.crdObjects.find((o) => o.kind === 'ScaledObject' && JSON.stringify(o).includes('queue-backlog')) as any;
    const query = scaled.spec.triggers[0].metadata.query;
    expect(query).toBeInstanceOf(Concat);
    expect(query.parts).toHaveLength(3);
    expect(query.parts[1]).toBe(subscription);
  });

  test('bindings not given stay placeholders and are listed, as with renderWorkload', () => {
    const { plan } = caseOf('batch-embeddings', 'azure');
    const bound = renderWorkloadWith(plan, { queue: { namespace: new Ref('queue.namespace') } }, concat);
    expect(bound.unbound).toEqual(['identities.consumer', 'identities.scaler']);
    expect(JSON.stringify(bound.crdObjects)).toContain(bindingMarker('identities.scaler'));
  });

  test('the KEDA operator identity and the KEDA chart values carry the scaler binding', () => {
    const { plan } = caseOf('batch-embeddings', 'aws');
    const scaler = new Ref('identities.scaler');
    const bound = renderWorkloadWith(plan, { identities: { scaler } }, concat);
    expect(bound.kedaOperatorIdentity?.annotations['eks.amazonaws.com/role-arn']).toBe(scaler);
    const keda = bound.helmReleases.find((r) => r.name === 'keda') as any;
    expect(keda.values.serviceAccount.operator.annotations['eks.amazonaws.com/role-arn']).toBe(scaler);
  });

  test('an unknown queue binding key is rejected with the keys the trigger takes', () => {
    const { plan } = caseOf('batch-embeddings', 'aws');
    expect(() => renderWorkloadWith(plan, { queue: { queueArn: new Ref('x') } }, concat)).toThrow(/bindings.queue has 'queueArn'.*expected queueUrl/);
  });
});
