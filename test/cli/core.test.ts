/** validate, plan and schema as a user runs them: output and exit codes (DESIGN §4). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'inferstack-cli-'));
const example = (name: string) => join(__dirname, '..', '..', 'examples', name);
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('validate', () => {
  it('prints ok and exits 0 for a valid spec', async () => {
    const r = await runCli('validate', example('support-assistant.yaml'));
    expect(r).toEqual({ code: 0, stdout: `ok: ${example('support-assistant.yaml')} (2 models; targets: aws, gcp, azure)\n`, stderr: '' });
  });

  it('prints every problem as file:line:col path: message and exits 1', async () => {
    const text = readFileSync(example('minimal-aws.yaml'), 'utf8').replace('replicas: { max: 2 }', 'replicas: { min: 3, max: 2 }').replace('nvidia-l4', 'nvidia-l5');
    const f = write('bad.yaml', text);
    const r = await runCli('validate', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${f}:14:20 spec.models[0].accelerator.type: unknown accelerator 'nvidia-l5'. Did you mean 'nvidia-l4' or 'nvidia-t4'?\n` +
        `${f}:15:17 spec.models[0].replicas.min: min (3) is greater than max (2); set min <= max\n2 problems found.\n`,
    );
  });

  it('lists catalog problems once structure and rules pass', async () => {
    const f = write('acc.yaml', readFileSync(example('minimal-aws.yaml'), 'utf8').replace('nvidia-l4', 'nvidia-l5'));
    const r = await runCli('validate', f);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}:14:20 spec.models[0].accelerator.type: unknown accelerator 'nvidia-l5'. Did you mean 'nvidia-l4'`);
  });

  it('exits 2 for a missing file, without a stack trace', async () => {
    const r = await runCli('validate', join(dir, 'missing.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`inferstack validate: cannot read spec '${join(dir, 'missing.yaml')}': no such file\n`);
  });

  it('exits 1 for malformed YAML and for an empty file', async () => {
    expect((await runCli('validate', write('m.yaml', 'a: [\n'))).code).toBe(1);
    const empty = await runCli('validate', write('e.yaml', ''));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('spec: the file is empty');
  });

  it('exits 2 for a directory and for a binary file', async () => {
    expect(await runCli('validate', dir)).toEqual({ code: 2, stdout: '', stderr: `inferstack validate: cannot read spec '${dir}': it is a directory; pass a .yaml or .json file\n` });
    const bin = join(dir, 'bin.yaml');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]));
    expect(await runCli('validate', bin)).toMatchObject({ code: 2, stderr: `inferstack validate: cannot read spec '${bin}': it is not a UTF-8 text file; pass a .yaml or .json spec\n` });
  });

  it('reads a JSON spec', async () => {
    const f = write('spec.json', JSON.stringify({ apiVersion: 'inferstack.dev/v1alpha1', kind: 'InferenceStack', metadata: { name: 'j' }, targets: { aws: { region: 'us-east-1' } }, models: [{ name: 'm', model: 'x', parametersBillion: 7, accelerator: { type: 'nvidia-l4' }, replicas: { max: 2 }, serv: 'online' }] }, null, 2));
    expect(await runCli('validate', f)).toEqual({ code: 1, stdout: '', stderr: `${f}:23:7 spec.models[0].serv: unknown field 'serv'; did you mean 'serve'?\n1 problem found.\n` });
  });

  it('prints a command\'s usage for --help and exits 0', async () => {
    expect(await runCli('validate', '--help')).toEqual({ code: 0, stdout: 'usage: inferstack validate <spec>\n  check a spec; prints ok or every problem with file:line:col\n', stderr: '' });
    expect((await runCli('plan', 'x.yaml', '-h')).code).toBe(0);
  });

  it('suggests the nearest command and option', async () => {
    expect((await runCli('shcema')).stderr).toMatch(/^inferstack: unknown command 'shcema'. Did you mean 'schema'\?\n/);
    expect((await runCli('plan', example('minimal-aws.yaml'), '-j')).stderr).toMatch(/^inferstack plan: unknown option -j \(options: --json, --cloud\)\n/);
    expect((await runCli('schema', '--json')).stderr).toMatch(/^inferstack schema: unknown option --json \(this command takes no options\)\n/);
  });

  it('exits 2 on usage errors', async () => {
    expect(await runCli('validate')).toMatchObject({ code: 2, stderr: 'inferstack validate: missing the spec file\nusage: inferstack validate <spec>\n' });
    expect((await runCli('validate', 'a', 'b')).code).toBe(2);
    expect((await runCli('frobnicate')).code).toBe(2);
    expect((await runCli()).code).toBe(2);
  });
});

describe('plan', () => {
  it('prints a table per target', async () => {
    const r = await runCli('plan', example('support-assistant.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AWS (aws) us-east-1');
    expect(r.stdout).toContain('GCP (gcp) us-central1');
    expect(r.stdout).toContain('Azure (azure) eastus');
    expect(r.stdout).toMatch(/chat-small\s+online\s+1 x nvidia-l4\s+g6\.xlarge/);
  });

  it('prints stable JSON for one cloud with --json --cloud', async () => {
    const r = await runCli('plan', example('batch-embeddings.yaml'), '--json', '--cloud', 'gcp');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.plans)).toEqual(['gcp']);
    expect(out.plans.gcp.pools[0].machine.instanceType).toBe('ct5lp-hightpu-4t');
    expect(out.plans.gcp.pools[0].accelerator.tpu).toEqual({ topology: '2x2', gkeAcceleratorLabel: 'tpu-v5-lite-podslice', hosts: 1, chipsPerHost: 4 });
  });

  it('prints JSON with sorted keys, independent of the order of tags in the spec', async () => {
    const text = readFileSync(example('minimal-aws.yaml'), 'utf8');
    const a = write('tags-a.yaml', `${text}tags: { team: ml, cost-center: cc-1 }\n`);
    const b = write('tags-b.yaml', `${text}tags: { cost-center: cc-1, team: ml }\n`);
    const [ra, rb] = [await runCli('plan', a, '--json'), await runCli('plan', b, '--json')];
    expect(ra.code).toBe(0);
    expect(ra.stdout).toBe(rb.stdout);
    const sorted = (v: unknown): boolean =>
      Array.isArray(v) ? v.every(sorted) : v !== null && typeof v === 'object' ? Object.keys(v).join() === Object.keys(v).sort().join() && Object.values(v).every(sorted) : true;
    expect(sorted(JSON.parse(ra.stdout))).toBe(true);
    expect(ra.stdout).toBe((await runCli('plan', a, '--json')).stdout);
  });

  it('rejects a cloud the spec does not target, and an unknown cloud', async () => {
    expect(await runCli('plan', example('minimal-aws.yaml'), '--cloud', 'gcp')).toMatchObject({ code: 2, stderr: expect.stringContaining('the spec has no gcp target (targets: aws)') });
    expect(await runCli('plan', example('minimal-aws.yaml'), '--cloud=ibm')).toMatchObject({ code: 2, stderr: expect.stringContaining('--cloud must be one of aws, gcp, azure') });
    expect(await runCli('plan', example('minimal-aws.yaml'), '--jsn')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --jsn; did you mean --json?') });
  });
});

describe('schema', () => {
  it('prints the committed JSON Schema', async () => {
    const r = await runCli('schema');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'inferstack.schema.json'), 'utf8')));
  });
});

describe('--version', () => {
  it("prints the package's version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(await runCli('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
