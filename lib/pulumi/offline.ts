/**
 * Runs a Pulumi program offline, without the Pulumi CLI, cloud state or credentials, and records
 * what it would create: `inferstack synth --cloud gcp|azure` and the GCP and Azure tests use it.
 *
 * The program runs inside a real root stack (`runInPulumiStack`) under `pulumi.runtime.setMocks`,
 * so stack transforms, component trees and Outputs behave as in `pulumi up`. The mocks answer
 * every resource with its inputs plus the outputs a cloud computes (endpoints, principal ids),
 * shaped by the renderer's {@link OfflineMocks}; an invoke no renderer mocked fails the run (it is
 * answered with an empty result so the program finishes, then reported), so nothing ever reaches a
 * cloud API.
 */
import * as pulumi from '@pulumi/pulumi';
import { CloudId } from '../catalog/types';
import { GraphResource, GRAPH_API_VERSION, ResourceGraph, SECRET_PLACEHOLDER } from '../util/resource-graph';

/** What a cloud renderer tells the offline run about its provider's behaviour. */
export interface OfflineMocks {
  /**
   * The id a custom resource gets, shaped like the real one (a GKE cluster's
   * `projects/<p>/locations/<l>/clusters/<n>`, an ARM resource id).
   * @default - `<name>-id`
   */
  readonly id?: (type: string, name: string, inputs: Readonly<Record<string, unknown>>) => string;
  /**
   * Outputs the cloud computes on create (merged over the inputs), e.g. a cluster endpoint.
   * @default - none: outputs equal inputs
   */
  readonly outputs?: (type: string, name: string, inputs: Readonly<Record<string, unknown>>, id: string) => Record<string, unknown>;
  /**
   * Results of the invokes the program may call, by token (`gcp:organizations/getProject:getProject`).
   * @default - none: every invoke fails the run
   */
  readonly invokes?: Readonly<Record<string, (inputs: Readonly<Record<string, unknown>>) => Record<string, unknown>>>;
}

/** Options of {@link runOffline}. */
export interface OfflineOptions {
  /** Written into the graph's `cloud` field. */
  readonly cloud: CloudId;
  /** @default 'inferstack' */
  readonly project?: string;
  /** @default 'offline' */
  readonly stack?: string;
  /** Stack configuration, keys with their namespace (`inferstack:cloud`). @default - none */
  readonly config?: Readonly<Record<string, string>>;
  /** @default - `<name>-id` ids, outputs equal to inputs, no invokes */
  readonly mocks?: OfflineMocks;
}

/** The program failed under mocks (an unmocked invoke, a resource error, a thrown exception). */
export class OfflineRunError extends Error {}

const SIG_KEY = pulumi.runtime.specialSigKey;
const SECRET_SIG = pulumi.runtime.specialSecretSig;

const isSecretValue = (v: unknown): boolean => !!v && typeof v === 'object' && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;

/** Name of a resource from its URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
const nameOfUrn = (urn: string): string => urn.split('::')[3] ?? urn;

/** Inputs as the mock monitor received them, made plain: secrets hidden, resource references by name. */
function plain(v: unknown, names: WeakMap<object, string>): unknown {
  if (isSecretValue(v)) return SECRET_PLACEHOLDER;
  if (Array.isArray(v)) return v.map((x) => plain(x, names));
  if (pulumi.Resource.isInstance(v)) return { resource: names.get(v) ?? null };
  if (pulumi.asset.Asset.isInstance(v) || pulumi.asset.Archive.isInstance(v)) return { asset: '[asset]' };
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = plain((v as Record<string, unknown>)[k], names);
    return out;
  }
  return v;
}

/**
 * A value's resolved form, or the secret placeholder. Rejects when the value does (an apply that
 * threw): awaiting `apply` alone would wait forever, since a rejected Output never calls it.
 */
async function resolveOutput(v: unknown): Promise<unknown> {
  const o = pulumi.output(v as pulumi.Input<unknown>) as pulumi.Output<unknown>;
  // Every Output carries `promise()` and `isKnown` (the SDK's OutputImpl); its public API has no
  // awaitable that rejects. `isKnown` rejects with it: handled here, or it surfaces after the run.
  const impl = o as unknown as { promise(withUnknowns?: boolean): Promise<unknown>; isKnown?: Promise<boolean> };
  impl.isKnown?.catch(() => undefined);
  const [secret, value] = await Promise.all([pulumi.isSecret(o), impl.promise()]);
  return secret ? SECRET_PLACEHOLDER : value;
}

/** Resources a `dependsOn` option names, resolved. */
async function dependencies(d: pulumi.ResourceOptions['dependsOn']): Promise<pulumi.Resource[]> {
  if (d === undefined) return [];
  const v = pulumi.Output.isInstance(d) ? await resolveOutput(d) : d;
  const list = Array.isArray(v) ? v : [v];
  const out: pulumi.Resource[] = [];
  for (const x of list) {
    const r = pulumi.Output.isInstance(x) ? await resolveOutput(x) : x;
    if (pulumi.Resource.isInstance(r)) out.push(r);
  }
  return out;
}

/** Parents before children, siblings by type then name. */
function treeOrder(resources: GraphResource[]): GraphResource[] {
  const children = new Map<string | null, GraphResource[]>();
  for (const r of resources) children.set(r.parent ?? null, [...(children.get(r.parent ?? null) ?? []), r]);
  const out: GraphResource[] = [];
  const visit = (parent: string | null) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    for (const r of list) {
      out.push(r);
      visit(r.name);
    }
  };
  visit(null);
  // Resources whose parent was not recorded (should not happen) keep a stable place at the end.
  const seen = new Set(out);
  return [...out, ...resources.filter((r) => !seen.has(r)).sort((a, b) => a.name.localeCompare(b.name))];
}

/**
 * How long a run may go on after a failure that is not a rejection (an unmocked invoke answered
 * with nothing, an exception in the program): such a failure can leave an Output that never
 * resolves, and Pulumi's runtime then waits forever for the resources that depend on it.
 */
const SETTLE_AFTER_FAILURE_MS = 3000;

let queue: Promise<unknown> = Promise.resolve();

/**
 * Run `program` offline and return the graph of what it registers.
 *
 * Runs one at a time (Pulumi's runtime state is global): concurrent calls wait their turn.
 *
 * @param program - the Pulumi program: creates resources, returns the stack outputs
 * @throws OfflineRunError when the program throws, a resource fails, an unmocked invoke is
 *   called, or two resources share a name
 */
export function runOffline(program: () => Promise<Record<string, unknown> | void> | Record<string, unknown> | void, options: OfflineOptions): Promise<ResourceGraph> {
  const run = queue.then(() => runOnce(program, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(program: () => Promise<Record<string, unknown> | void> | Record<string, unknown> | void, options: OfflineOptions): Promise<ResourceGraph> {
  const mocks = options.mocks ?? {};
  const registered: { type: string; name: string; inputs: Record<string, unknown>; id: string | null; provider: string }[] = [];
  const failures: string[] = [];
  // The run ends early when a resource fails (a rejection) or some time after another failure.
  let abort: () => void = () => undefined;
  const aborted = new Promise<'aborted'>((resolve) => (abort = () => resolve('aborted')));
  let timer: NodeJS.Timeout | undefined;
  const fail = (message: string) => {
    failures.push(message);
    timer ??= setTimeout(abort, SETTLE_AFTER_FAILURE_MS);
  };
  const structure = new Map<string, { type: string; parent: pulumi.Resource | undefined; dependsOn: Promise<pulumi.Resource[]> }>();
  const names = new WeakMap<object, string>();

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const custom = args.custom !== false;
        const id = custom ? (mocks.id?.(args.type, args.name, args.inputs) ?? `${args.name}-id`) : '';
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, id: custom ? id : null, provider: args.provider ?? '' });
        return { id, state: { ...args.inputs, ...(custom ? mocks.outputs?.(args.type, args.name, args.inputs, id) : {}) } };
      },
      call(args) {
        const mock = mocks.invokes?.[args.token];
        if (!mock) {
          // Recorded and reported after the run: throwing here would surface as an unhandled
          // rejection inside Pulumi's invoke machinery instead of a clear error.
          fail(`the program called ${args.token}, which has no offline result; offline synthesis never calls a cloud API`);
          return {};
        }
        return mock(args.inputs);
      },
    },
    options.project ?? 'inferstack',
    options.stack ?? 'offline',
    false,
  );
  pulumi.runtime.setAllConfig({ ...(options.config ?? {}) });

  // An unhandled rejection is how Pulumi reports a failed resource (the language host exits on
  // it). Resources waiting on a failed one never settle, so the run stops at the first one.
  const onRejection = (e: unknown) => {
    failures.push(e instanceof Error ? e.message : String(e));
    abort();
  };
  process.on('unhandledRejection', onRejection);
  let outputs: Record<string, unknown> = {};
  let outcome: 'done' | 'aborted' = 'done';
  try {
    const stack = pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((args) => {
        names.set(args.resource, args.name);
        structure.set(args.name, { type: args.type, parent: args.opts.parent, dependsOn: dependencies(args.opts.dependsOn) });
        return undefined;
      });
      // The stack's init never rejects: a rejection there also surfaces as unhandled rejections
      // inside Pulumi; the error is reported after the run instead.
      try {
        const returned = (await program()) ?? {};
        const resolved: Record<string, unknown> = {};
        for (const k of Object.keys(returned).sort()) resolved[k] = await resolveOutput(returned[k]);
        outputs = resolved;
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
      }
      return {};
    });
    // disconnect() waits for every outstanding registration, which never ends after a failure.
    outcome = await Promise.race([stack.then(() => pulumi.runtime.disconnect()).then(() => 'done' as const), aborted]);
  } catch (e) {
    failures.push(e instanceof Error ? e.message : String(e));
  } finally {
    if (timer) clearTimeout(timer);
    // Rejections surface on a later turn of the event loop (after an abort, more may follow): they
    // belong to this run. A failed run's registrations never settle; resetting the runtime
    // drops them, so they are not reported as leaked promises when the process exits.
    await new Promise((resolve) => setTimeout(resolve, outcome === 'aborted' ? 50 : 0));
    if (outcome === 'aborted' || failures.length) await pulumi.runtime.setMocks({ newResource: () => ({ id: '', state: {} }), call: () => ({}) });
    process.off('unhandledRejection', onRejection);
  }
  if (pulumi.log.hasErrors() && failures.length === 0) failures.push('a resource reported an error (see the log above)');
  if (failures.length) throw new OfflineRunError(`offline Pulumi run failed: ${[...new Set(failures)].join('; ')}`);

  const stackType = 'pulumi:pulumi:Stack';
  const seen = new Set<string>();
  const resources: GraphResource[] = [];
  for (const r of registered) {
    if (r.type === stackType) continue;
    if (seen.has(r.name)) throw new OfflineRunError(`two resources are named '${r.name}'; names must be unique in the graph`);
    seen.add(r.name);
    const s = structure.get(r.name);
    const parentName = s?.parent ? (names.get(s.parent) ?? null) : null;
    const deps = s ? (await s.dependsOn).map((d) => names.get(d)).filter((n): n is string => !!n) : [];
    resources.push({
      type: r.type,
      name: r.name,
      parent: parentName && structure.get(parentName)?.type !== stackType ? parentName : null,
      id: r.id,
      inputs: plain(r.inputs, names) as Record<string, unknown>,
      dependsOn: [...new Set(deps)].sort(),
      ...(r.provider ? { provider: nameOfUrn(r.provider) } : {}),
    });
  }
  return { apiVersion: GRAPH_API_VERSION, cloud: options.cloud, resources: treeOrder(resources), outputs };
}
