/**
 * The cloud renderers the CLI runs offline, loaded on demand so that one cloud's SDK is never
 * loaded for another, and how their output reads back as policy inputs.
 */
import { existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CloudId } from '../../lib/catalog/types';
import { RenderedWorkload } from '../../lib/k8s';
import { checkPolicies, CloudCheck, NamedTemplate, PolicyInputs, ResourceGraph } from '../../lib/policy';
import { InferencePlan } from '../../lib/plan/types';
import type { InferenceSpec } from '../../lib/spec/types';
import { stableJson } from '../../lib/util/stable-json';

/** Options of a synth that reach the cloud writers. */
export interface WriterOptions {
  /** `--validate`: also run the cloud framework's own template validation (AWS: aws-cdk-lib's built-in CloudFormation validation). */
  readonly validate?: boolean;
}

/** A cloud's own infrastructure templates for a resolved plan, written under `dir`; returns the files written. */
export type TemplateWriter = (spec: InferenceSpec, plan: InferencePlan, dir: string, options: WriterOptions) => Promise<string[]> | string[];

/** A renderer: what it writes, in which format, and the function that writes it. */
export interface CloudRenderer {
  readonly what: string;
  /** How the policy reads the files: CloudFormation templates (`*.template.json`) or a resource graph (`resources.json`). */
  readonly format: 'cloudformation' | 'resource-graph';
  /** Where in `DIR/<cloud>/` its files go: `templates` (a CDK cloud assembly) or `.` (`resources.json`). */
  readonly outputDir: string;
  /** The writer; undefined while the cloud has no renderer yet. */
  readonly load: () => TemplateWriter | undefined;
}

/** Write a file, creating its folder; returns its path. */
export function writeFile(path: string, content: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Writes `resources.json` from an offline run of the Pulumi program, when the cloud has one registered. */
function pulumiGraphWriter(cloud: CloudId): TemplateWriter | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require('../../stacks/pulumi/program') as typeof import('../../stacks/pulumi/program');
  if (!program.PULUMI_CLOUDS[cloud]) return undefined;
  return async (spec, plan, dir) => [writeFile(join(dir, 'resources.json'), stableJson(await program.synthPulumiGraph(spec, plan)))];
}

/** Clouds with a renderer; the others get the plan and the Kubernetes workload. */
export const RENDERERS: Partial<Record<CloudId, CloudRenderer>> = {
  aws: {
    what: 'CloudFormation (cdk synth)',
    format: 'cloudformation',
    outputDir: 'templates',
    load: () => (spec, plan, dir, options) =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('../../stacks/aws-stack') as typeof import('../../stacks/aws-stack')).synthAwsTemplates(spec, dir, { plan, validate: options.validate }),
  },
  gcp: { what: 'Pulumi resource graph (resources.json)', format: 'resource-graph', outputDir: '.', load: () => pulumiGraphWriter('gcp') },
  azure: { what: 'Pulumi resource graph (resources.json)', format: 'resource-graph', outputDir: '.', load: () => pulumiGraphWriter('azure') },
};

/** A cloud's templates in a folder, read by the policy before anything is written. */
export interface StagedTemplates {
  readonly renderer: CloudRenderer;
  readonly dir: string;
  readonly files: readonly string[];
  /** Remove the folder when it is a temporary one. */
  dispose(): void;
}

/** CDK's staged assets (`asset.<hash>...`): content-addressed, so a later synth may reuse them. */
const STAGED_ASSET = /^asset\.[0-9a-f]{64}/;

/** Hard-link `from` (a file or a folder, recursively) to `to`: no data is copied. */
function linkTree(from: string, to: string): void {
  if (lstatSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from)) linkTree(join(from, e), join(to, e));
  } else linkSync(from, to);
}

/**
 * Give `dir` the assets an earlier synth staged in `previous` (the kubectl layer alone is 36 MB),
 * as hard links: CDK then skips copying them, and the earlier output stays untouched should this
 * synth fail. Where linking is not possible, CDK copies them as usual.
 */
function reuseStagedAssets(previous: string | undefined, dir: string): void {
  if (!previous || !existsSync(previous)) return;
  for (const entry of readdirSync(previous).filter((f) => STAGED_ASSET.test(f))) {
    try {
      linkTree(join(previous, entry), join(dir, entry));
    } catch {
      rmSync(join(dir, entry), { recursive: true, force: true });
    }
  }
}

/** Remove staged assets the new synth no longer references (its `*.assets.json` manifests list them). */
function pruneAssets(dir: string): void {
  if (!existsSync(dir)) return;
  const manifests = readdirSync(dir).filter((f) => f.endsWith('.assets.json')).map((f) => readFileSync(join(dir, f), 'utf8'));
  for (const entry of readdirSync(dir).filter((f) => STAGED_ASSET.test(f))) {
    if (!manifests.some((m) => m.includes(`"${entry}"`))) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

/**
 * Render a cloud's templates into `dir` (a fresh temporary folder when not given), reusing the
 * assets staged in `previous`; undefined when the cloud has no renderer yet.
 */
export async function stageTemplates(
  spec: InferenceSpec,
  plan: InferencePlan,
  options: WriterOptions & { readonly dir?: string; readonly previous?: string } = {},
): Promise<StagedTemplates | undefined> {
  const renderer = RENDERERS[plan.cloud];
  const writer = renderer?.load();
  if (!renderer || !writer) return undefined;
  const temporary = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `inferstack-${plan.cloud}-`));
  const dispose = () => {
    if (temporary) rmSync(dir, { recursive: true, force: true });
  };
  try {
    reuseStagedAssets(options.previous, dir);
    const files = await writer(spec, plan, dir, options);
    pruneAssets(dir);
    return { renderer, dir, files, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** The policy inputs of one cloud: the plan, the rendered workload and, when staged, the cloud's templates. */
export function policyInputs(plan: InferencePlan, workload: RenderedWorkload, staged?: StagedTemplates): PolicyInputs {
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as unknown;
  const templates = staged?.renderer.format === 'cloudformation' ? staged.files.filter((f) => f.endsWith('.template.json')) : [];
  const graph = staged?.renderer.format === 'resource-graph' ? staged.files.find((f) => basename(f) === 'resources.json') : undefined;
  return {
    plan,
    kubernetes: [...workload.objects, ...workload.crdObjects],
    ...(templates.length ? { cloudformation: templates.map((f) => ({ name: basename(f), template: read(f) as NamedTemplate['template'] })) } : {}),
    ...(graph ? { graph: read(graph) as ResourceGraph } : {}),
  };
}

/** Check one cloud. */
export function checkCloud(plan: InferencePlan, workload: RenderedWorkload, staged?: StagedTemplates): CloudCheck {
  return checkPolicies(policyInputs(plan, workload, staged));
}
