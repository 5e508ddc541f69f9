/**
 * Rules on whatever parsed. A structural problem in one part of a spec (a missing `replicas` in
 * one model) must not hide the problems of the others (a `routing.default` naming no model, an
 * unknown region): each top-level part, each model and each target is parsed on its own, and
 * every rule runs whose parts all parsed. So one run reports every problem that can be found.
 */
import { z } from 'zod';
import { SpecIssue } from './errors';
import {
  BudgetSchema,
  ENGINES,
  MetadataSchema,
  ModelSchema,
  NetworkSchema,
  OnPremSchema,
  QueueSchema,
  RoutingSchema,
  SERVE_MODES,
  TagsSchema,
  TargetsSchema,
  TrafficSchema,
  dnsLabel,
  LIMITS,
  API_VERSION,
  KIND,
} from './schema';
import type { InferenceSpec, ModelSpec } from './types';

/**
 * Top-level parts of a spec a rule may read. `models` is every model's fields, read one model at
 * a time or together; `modelNames` is only the name, `serve` and `engine` of every model (what
 * rules relating models to each other need), which a model has even when another field is wrong;
 * `stackName` is `metadata.name` alone (valid even when the environment is not).
 */
export type SpecPart = 'metadata' | 'stackName' | 'tags' | 'targets' | 'models' | 'modelNames' | 'routing' | 'queue' | 'traffic' | 'budget' | 'onPrem' | 'network';

/** What a rule reads, so it can run on a spec of which only some parts parsed. */
export interface RuleReads {
  /** Every top-level part the rule's check reads (a test holds each rule to it). */
  readonly reads: readonly SpecPart[];
  /**
   * The rule looks at each model and each target on its own, so it may run on the models and
   * targets that parsed when others did not.
   * @default false
   */
  readonly perItem?: boolean;
}

/** A spec of which some parts parsed. */
export interface PartialSpec {
  /** The parts that parsed, with defaults; the others are placeholders no rule that runs reads. */
  readonly spec: InferenceSpec;
  /** Parts that parsed entirely (an absent optional part is valid, so it counts). */
  readonly complete: ReadonlySet<SpecPart>;
  /** Parts of which some items parsed: `models` (spec.models holds those) and `targets`. */
  readonly partial: ReadonlySet<SpecPart>;
  /** For each of `spec.models`, its index in the input. */
  readonly modelIndex: readonly number[];
  /** Name, serve and engine of every model, when every model has a valid name. */
  readonly identities?: readonly Pick<ModelSpec, 'name' | 'serve' | 'engine'>[];
}

const ModelIdentitySchema = z.looseObject({ name: dnsLabel(40), serve: z.enum(SERVE_MODES).default('online'), engine: z.enum(ENGINES).default('vllm') });

const OPTIONAL_PARTS = { routing: RoutingSchema, queue: QueueSchema, traffic: TrafficSchema, budget: BudgetSchema, onPrem: OnPremSchema, network: NetworkSchema } as const;

/** A spec whose every part parsed. */
export function completeSpec(spec: InferenceSpec): PartialSpec {
  const all: SpecPart[] = ['metadata', 'stackName', 'tags', 'targets', 'models', 'modelNames', 'routing', 'queue', 'traffic', 'budget', 'onPrem', 'network'];
  return { spec, complete: new Set(all), partial: new Set(), modelIndex: spec.models.map((_, i) => i), identities: spec.models };
}

/** Parse each part of `input` on its own. Undefined when `input` is not a mapping. */
export function salvageSpec(input: unknown): PartialSpec | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const raw = input as Record<string, unknown>;
  const complete = new Set<SpecPart>();
  const partial = new Set<SpecPart>();
  const take = <T>(part: SpecPart, schema: z.ZodType<T>, value: unknown): T | undefined => {
    const r = schema.safeParse(value);
    if (r.success) complete.add(part);
    return r.success ? r.data : undefined;
  };
  let metadata = take('metadata', MetadataSchema, raw.metadata);
  if (metadata) complete.add('stackName');
  else {
    const name = MetadataSchema.shape.name.safeParse((raw.metadata as { name?: unknown } | undefined)?.name);
    if (name.success) {
      metadata = { name: name.data, environment: 'dev' };
      complete.add('stackName');
    }
  }
  const tags = take('tags', TagsSchema, raw.tags);
  let targets = take('targets', TargetsSchema, raw.targets);
  if (!targets && raw.targets && typeof raw.targets === 'object' && !Array.isArray(raw.targets)) {
    // Each cloud on its own: a broken gcp target leaves the aws one checkable.
    const shape = TargetsSchema.shape;
    const ok = Object.fromEntries(
      Object.entries(raw.targets as Record<string, unknown>).flatMap(([cloud, t]) => {
        // Own keys only: a target named like an Object.prototype member (toString) is no cloud.
        const schema = Object.hasOwn(shape, cloud) ? shape[cloud as keyof typeof shape] : undefined;
        const r = schema?.safeParse(t);
        return r?.success && r.data ? [[cloud, r.data]] : [];
      }),
    );
    if (Object.keys(ok).length) {
      targets = ok as InferenceSpec['targets'];
      partial.add('targets');
    }
  }
  const models: ModelSpec[] = [];
  const modelIndex: number[] = [];
  let identities: Pick<ModelSpec, 'name' | 'serve' | 'engine'>[] | undefined;
  if (Array.isArray(raw.models)) {
    // Array.from: a sparse list's holes become undefined (invalid models), not skipped ones.
    const list: unknown[] = Array.from(raw.models as unknown[]);
    list.forEach((m, i) => {
      const r = ModelSchema.safeParse(m);
      if (r.success) {
        models.push(r.data);
        modelIndex.push(i);
      }
    });
    if (models.length === list.length && models.length >= 1 && models.length <= LIMITS.modelsPerStack) complete.add('models');
    else if (models.length) partial.add('models');
    const ids = list.map((m) => ModelIdentitySchema.safeParse(m));
    if (ids.length >= 1 && ids.every((r) => r.success)) identities = ids.map((r) => r.data!);
  }
  const optional: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(OPTIONAL_PARTS)) {
    if (raw[key] === undefined) complete.add(key as SpecPart);
    else {
      const value = take(key as SpecPart, schema as z.ZodType<unknown>, raw[key]);
      if (value !== undefined) optional[key] = value;
    }
  }
  const spec = {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: metadata ?? { name: 'unparsed', environment: 'dev' },
    tags: tags ?? {},
    targets: targets ?? {},
    models,
    ...optional,
  } as InferenceSpec;
  return { spec, complete, partial, modelIndex, ...(identities ? { identities } : {}) };
}

/**
 * The spec a rule may run on, with a function that maps its issues back to the input's model
 * indices (in paths and in messages that name `models[i]`), or undefined when a part it reads
 * did not parse.
 */
export function specForRule(rule: RuleReads, p: PartialSpec): { spec: InferenceSpec; remap: (i: SpecIssue) => SpecIssue } | undefined {
  for (const part of rule.reads) {
    if (part === 'modelNames') {
      if (!p.identities) return undefined;
    } else if (!p.complete.has(part) && !(rule.perItem && p.partial.has(part))) return undefined;
  }
  const modelsWhole = p.complete.has('models');
  if (!rule.reads.includes('models') && rule.reads.includes('modelNames') && !modelsWhole) {
    // Only names, serve and engine are read (a test holds the rule to its `reads`).
    return { spec: { ...p.spec, models: p.identities as ModelSpec[] }, remap: (i) => i };
  }
  if (modelsWhole) return { spec: p.spec, remap: (i) => i };
  const at = (n: number) => p.modelIndex[n] ?? n;
  return {
    spec: p.spec,
    remap: (i) => ({
      ...i,
      path: i.path[0] === 'models' && typeof i.path[1] === 'number' ? ['models', at(i.path[1]), ...i.path.slice(2)] : i.path,
      message: i.message.replace(/\bmodels\[(\d+)\]/g, (_, n: string) => `models[${at(Number(n))}]`),
    }),
  };
}

/** Run every rule that can run on `p`; `check` calls the rule (spec rules and catalog rules differ in arguments). */
export function runOnPartial<R extends RuleReads>(rules: readonly R[], p: PartialSpec, check: (rule: R, spec: InferenceSpec) => SpecIssue[]): SpecIssue[] {
  return rules.flatMap((rule) => {
    const s = specForRule(rule, p);
    return s ? check(rule, s.spec).map(s.remap) : [];
  });
}
