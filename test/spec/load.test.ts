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
    const file = write('bad.yaml', VALID.replace('replicas: { max: 2 }', 'replica: { max: 2 }').replace('name: chat', 'name: Chat').replace('7.6', '-1'));
    expect(issuesOf(() => loadSpecFile(file))).toEqual([
      `${file}:8:5 spec.models[0].name: 'Chat' is not a DNS label: use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit; did you mean 'chat'?`,
      `${file}:10:5 spec.models[0].parametersBillion: must be > 0, got -1`,
      // The missing 'replicas' is not reported separately: the typo's message says what to fix.
      `${file}:12:5 spec.models[0].replica: unknown field 'replica'; did you mean 'replicas'?`,
    ]);
  });

  it('locates catalog problems too', () => {
    const file = write('acc.yaml', VALID.replace('nvidia-l4', 'a100'));
    expect(issuesOf(() => loadSpecFile(file))).toEqual([
      `${file}:11:20 spec.models[0].accelerator.type: unknown accelerator 'a100'. Did you mean 'nvidia-a100-40gb' or 'nvidia-a100-80gb'?`,
    ]);
  });

  it('lists a structural problem in one model and a catalog problem in another at once', () => {
    const text = `${VALID}  - name: big\n    model: m\n    parametersBillion: 8\n    accelerator: { type: nvidia-l4 }\n    replica: { max: 2 }\n`.replace('nvidia-l4 }\n    replicas', 'a100 }\n    replicas');
    const file = write('both.yaml', text);
    expect(issuesOf(() => loadSpecFile(file))).toEqual([
      // Cross-field rules run too: the broken model still has a name, so two online models need routing.
      `${file}:1:1 spec.routing: 2 online models ('chat' and 'big') need routing; add routing: { default: chat }`,
      `${file}:11:20 spec.models[0].accelerator.type: unknown accelerator 'a100'. Did you mean 'nvidia-a100-40gb' or 'nvidia-a100-80gb'?`,
      `${file}:17:5 spec.models[1].replica: unknown field 'replica'; did you mean 'replicas'?`,
    ]);
  });

  it('reports a target named like an Object.prototype member as a spec problem, not a crash', () => {
    // Found by test/spec/properties.test.ts (seed 294750295): targets: { toString: {} }.
    expect(() => loadSpecText('apiVersion: inferstack.dev/v1alpha1\nkind: InferenceStack\nmetadata: { name: a }\ntargets: { toString: {} }\nmodels: []\n', 'x.yaml')).toThrow(SpecValidationError);
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

  it('names a duplicate key and where it first appears', () => {
    const file = write('dup.yaml', `${VALID}metadata:\n  name: again\n`);
    expect(issuesOf(() => loadSpecFile(file))).toEqual([`${file}:13:1 spec: malformed YAML/JSON: duplicate key 'metadata' (first at line 3); each key may appear once in a mapping`]);
  });

  it('names a duplicate key in JSON too', () => {
    expect(issuesOf(() => loadSpecText('{"a": 1,\n "b": {"c": 1, "c": 2}}', 'dup.json'))).toEqual([
      "dup.json:2:16 spec: malformed YAML/JSON: duplicate key 'c' (first at line 2); each key may appear once in a mapping",
    ]);
  });

  it('supports anchors and merge keys for shared model settings', () => {
    const text = VALID.replace('  - name: chat\n', '  - &base\n    name: chat\n') + '  - <<: *base\n    name: chat-two\n    accelerator: { type: nvidia-l4, count: 1 }\n';
    const withRouting = `${text}routing: { default: chat }\n`;
    const spec = loadSpecText(withRouting, 'merge.yaml');
    expect(spec.models.map((m) => [m.name, m.model, m.replicas.max])).toEqual([
      ['chat', 'Qwen/Qwen2.5-7B-Instruct', 2],
      ['chat-two', 'Qwen/Qwen2.5-7B-Instruct', 2],
    ]);
  });

  it('rejects explicit YAML tags other than the plain types, with their position', () => {
    expect(issuesOf(() => loadSpecText(VALID.replace('replicas: { max: 2 }', 'replicas: !!binary aGVsbG8='), 't.yaml'))).toEqual([
      "t.yaml:12:15 spec: malformed YAML/JSON: unsupported YAML tag '!!binary'; a spec holds plain strings, numbers, booleans, lists and mappings, so remove the tag",
    ]);
    expect(issuesOf(() => loadSpecText(VALID.replace('nvidia-l4', '!Ref Accelerator'), 't.yaml'))[0]).toContain("unsupported YAML tag '!Ref'");
  });

  it('reports a second YAML document, tabs, an alias bomb and deep nesting in plain words', () => {
    expect(issuesOf(() => loadSpecText(`${VALID}---\nfoo: 1\n`, 'm.yaml'))).toEqual([
      "m.yaml:13:1 spec: malformed YAML/JSON: the file holds more than one YAML document (a second '---'); a spec is a single document",
    ]);
    expect(issuesOf(() => loadSpecText('metadata:\n\tname: x\n', 'tab.yaml'))).toEqual(['tab.yaml:2:1 spec: malformed YAML/JSON: tabs are not allowed as indentation in YAML; indent with spaces']);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');
    expect(issuesOf(() => loadSpecText(bomb, 'bomb.yaml'))).toEqual(['bomb.yaml:1:1 spec: malformed YAML/JSON: too many YAML aliases (*name); a spec needs few, so the file looks like an alias bomb']);
    expect(issuesOf(() => loadSpecText(`a: ${'['.repeat(5000)}${']'.repeat(5000)}`, 'deep.yaml'))[0]).toMatch(/^deep\.yaml:1:\d+ spec: malformed YAML\/JSON: the file is nested too deeply to be a spec$/);
  });

  it('reports a binary file as a file error', () => {
    const file = join(dir, 'garbage.yaml');
    writeFileSync(file, Buffer.from([0x00, 0xff, 0xfe, 0x41, 0x0a]));
    expect(() => loadSpecFile(file)).toThrow(new SpecFileError(`cannot read spec '${file}': it is not a UTF-8 text file; pass a .yaml or .json spec`));
  });

  it('reports a spec of the wrong type', () => {
    expect(issuesOf(() => loadSpecText('- a\n- b\n', 'list.yaml'))).toEqual([
      'list.yaml:1:1 spec: must be a mapping with apiVersion, kind, metadata, targets and models, got a list',
    ]);
  });
});
