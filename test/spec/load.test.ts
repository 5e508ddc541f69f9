/** Loading files: positions for every issue, and clear errors for unreadable or malformed input. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpecFile, loadSpecText } from '../../lib/load';
import { formatIssue, SpecFileError, SpecValidationError } from '../../lib/spec/errors';

const dir = mkdtempSync(join(tmpdir(), 'inferstack-load-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const issuesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpecValidationError) return e.issues.map((i) => formatIssue(i, e.file));
    throw e;
  }
  throw new Error('expected a SpecValidationError');
};

const VALID = `apiVersion: inferstack.dev/v1alpha1
kind: InferenceStack
metadata:
  name: demo
targets:
  aws: { region: us-east-1 }
models:
  - name: chat
    model: Qwen/Qwen2.5-7B-Instruct
    parametersBillion: 7.6
    accelerator: { type: nvidia-l4 }
    replicas: { max: 2 }
`;

describe('loadSpecFile', () => {
  it('loads YAML and applies defaults', () => {
    const spec = loadSpecFile(write('ok.yaml', VALID));
    expect(spec.metadata.environment).toBe('dev');
    expect(spec.models[0].replicas).toEqual({ min: 0, max: 2 });
  });

  it('loads the same spec written as JSON', () => {
    const fromYaml = loadSpecFile(write('a.yaml', VALID));
    const json = JSON.stringify({
      apiVersion: 'inferstack.dev/v1alpha1',
      kind: 'InferenceStack',
      metadata: { name: 'demo' },
      targets: { aws: { region: 'us-east-1' } },
      models: [{ name: 'chat', model: 'Qwen/Qwen2.5-7B-Instruct', parametersBillion: 7.6, accelerator: { type: 'nvidia-l4' }, replicas: { max: 2 } }],
    });
    expect(loadSpecFile(write('a.json', json))).toEqual(fromYaml);
  });

  it('gives file:line:col for each problem in file order, pointing at the offending key', () => {
    const file = write('bad.yaml', VALID.replace('replicas: { max: 2 }', 'replica: { max: 2 }').replace('nvidia-l4', 'nvidia-l5'));
    expect(issuesOf(() => loadSpecFile(file))).toEqual([
      `${file}:8:5 spec.models[0].replicas: is required (an object)`,
      `${file}:12:5 spec.models[0].replica: unknown field 'replica'; did you mean 'replicas'?`,
    ]);
  });

  it('locates catalog problems too', () => {
    const file = write('acc.yaml', VALID.replace('nvidia-l4', 'a100'));
    expect(issuesOf(() => loadSpecFile(file))).toEqual([
      `${file}:11:20 spec.models[0].accelerator.type: unknown accelerator 'a100'. Did you mean 'nvidia-a100-40gb' or 'nvidia-a100-80gb'?`,
    ]);
  });

  it('reports a missing file as a file error', () => {
    expect(() => loadSpecFile(join(dir, 'nope.yaml'))).toThrow(new SpecFileError(`cannot read spec '${join(dir, 'nope.yaml')}': no such file`));
  });

  it('reports a directory as a file error', () => {
    expect(() => loadSpecFile(dir)).toThrow(SpecFileError);
  });

  it('reports an empty file', () => {
    const file = write('empty.yaml', '\n# nothing here\n');
    expect(issuesOf(() => loadSpecFile(file))).toEqual([
      `${file}:1:1 spec: the file is empty; a spec starts with apiVersion: inferstack.dev/v1alpha1 and kind: InferenceStack`,
    ]);
  });

  it('reports malformed YAML with its position', () => {
    const file = write('broken.yaml', 'apiVersion: inferstack.dev/v1alpha1\nkind: [InferenceStack\n');
    const [first] = issuesOf(() => loadSpecFile(file));
    expect(first).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ spec: malformed YAML/JSON: `));
  });

  it('reports duplicate keys as malformed', () => {
    const file = write('dup.yaml', `${VALID}metadata:\n  name: again\n`);
    expect(issuesOf(() => loadSpecFile(file))[0]).toContain('malformed YAML/JSON: Map keys must be unique');
  });

  it('reports a spec of the wrong type', () => {
    expect(issuesOf(() => loadSpecText('- a\n- b\n', 'list.yaml'))).toEqual([
      'list.yaml:1:1 spec: must be a mapping with apiVersion, kind, metadata, targets and models, got a list',
    ]);
  });
});
