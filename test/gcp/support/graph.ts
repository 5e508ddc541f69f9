/** Offline runs of the GCP program and of single components, with helpers to read the graph. */
import * as pulumi from '@pulumi/pulumi';
import { GraphResource, ResourceGraph } from '../../../lib/util/resource-graph';
import { runOffline } from '../../../lib/pulumi/offline';
import { resolvePlan } from '../../../lib/plan/resolve';
import { InferencePlan } from '../../../lib/plan/types';
import { GCP_OFFLINE_MOCKS } from '../../../stacks/pulumi/gcp';
import { synthPulumiGraph } from '../../../stacks/pulumi/program';
import { gcpSpec } from './specs';

const graphs = new Map<string, Promise<ResourceGraph>>();

/** The graph `inferstack synth --cloud gcp` writes for a spec (examples and hidden-style specs), once per test file. */
export function graphOf(name: string): Promise<ResourceGraph> {
  if (!graphs.has(name)) {
    const spec = gcpSpec(name);
    graphs.set(name, synthPulumiGraph(spec, resolvePlan(spec, 'gcp')));
  }
  return graphs.get(name)!;
}

/** The GCP plan of a spec. */
export const planOf = (name: string): InferencePlan => resolvePlan(gcpSpec(name), 'gcp');

/** Run components offline with the GCP mocks (ids, computed outputs, getProject and getZones answered). */
export function runGcp(program: () => Record<string, unknown> | void): Promise<ResourceGraph> {
  return runOffline(program, { cloud: 'gcp', mocks: GCP_OFFLINE_MOCKS });
}

/** Resources of a type. */
export const ofType = (g: ResourceGraph, type: string): GraphResource[] => g.resources.filter((r) => r.type === type);

/** The resource with this name (throws when missing). */
export function named(g: ResourceGraph, name: string): GraphResource {
  const r = g.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource ${name}; have ${g.resources.map((x) => x.name).join(', ')}`);
  return r;
}

/** Node pools of the graph keyed by their GKE name. */
export function nodePools(g: ResourceGraph): Record<string, GraphResource> {
  return Object.fromEntries(ofType(g, 'gcp:container/nodePool:NodePool').map((r) => [r.inputs.name as string, r]));
}

/** A throwaway parent for standalone component tests. */
export class TestRoot extends pulumi.ComponentResource {
  constructor(name = 'root') {
    super('inferstack:test:Root', name, {}, {});
  }
}

/** Inputs as any, for reading nested fields in assertions. */
export const inputs = (r: GraphResource): any => r.inputs;

/** The error a component throws while being constructed inside an offline run (components throw synchronously). */
export async function thrownBy(construct: () => unknown): Promise<Error> {
  let caught: unknown;
  await runGcp(() => {
    try {
      construct();
    } catch (e) {
      caught = e;
    }
  });
  if (!(caught instanceof Error)) throw new Error('expected the component to throw');
  return caught;
}
