/**
 * What the CLI reads (issue 12, defects 4, 12 and 13): only regular files and `-`, at most 1 MiB,
 * refused at once otherwise; `validate` refuses what `synth` would; warnings and hostile names are
 * printed escaped.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../bin/cli';
import { runCli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'inferstack-input-'));
const example = (name: string) => join(__dirname, '..', '..', 'examples', name);
const write = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const minimal = readFileSync(example('minimal-aws.yaml'), 'utf8');

/** Run with `stdin` as standard input. */
async function runWithStdin(stdin: Readable, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, (s) => { stdout += s; }, (s) => { stderr += s; }, stdin);
  return { code, stdout, stderr };
}

/**
 * The installed CLI as a real process, killed after `ms`: a regression that blocks on a FIFO or
 * reads /dev/zero for ever cannot hang the suite (in-process, a blocked read would stop the timer too).
 */
function runProcess(args: string[], stdin: 'ignore' | number = 'ignore', ms = 20000): Promise<{ code: number | null; stderr: string; killed: boolean }> {
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'inferstack.js'), ...args], { stdio: [stdin, 'ignore', 'pipe'] });
  let stderr = '';
  let killed = false;
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const timer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, ms);
  return new Promise((resolve) => child.on('close', (code) => { clearTimeout(timer); resolve({ code, stderr, killed }); }));
}

describe('only regular files are read, at once (defect 4)', () => {
  it('refuses /dev/zero instead of reading it, and a FIFO without waiting for a writer (real processes, bounded)', async () => {
    const fifo = join(dir, 'spec.fifo');
    execFileSync('mkfifo', [fifo]);
    const devZero = openSync('/dev/zero', 'r');
    const [zero, pipe, stdinZero] = await Promise.all([runProcess(['validate', '/dev/zero']), runProcess(['validate', fifo]), runProcess(['validate', '-'], devZero)]);
    closeSync(devZero);
    expect(stdinZero).toEqual({ code: 2, killed: false, stderr: "inferstack validate: cannot read spec '<stdin>': it is larger than 1048576 bytes (1 MiB), too large for a spec\n" });
    expect(zero).toEqual({ code: 2, killed: false, stderr: "inferstack validate: cannot read spec '/dev/zero': it is a character device, not a regular file; pass a .yaml or .json file\n" });
    expect(pipe).toEqual({ code: 2, killed: false, stderr: `inferstack validate: cannot read spec '${fifo}': it is a FIFO (named pipe), not a regular file; pass a .yaml or .json file\n` });
  }, 30000);

  it('refuses a FIFO behind a symbolic link, and /dev/null', async () => {
    const fifo = join(dir, 'other.fifo');
    execFileSync('mkfifo', [fifo]);
    const link = join(dir, 'link.yaml');
    symlinkSync(fifo, link);
    expect(await runProcess(['plan', link])).toMatchObject({ code: 2, killed: false });
    expect((await runCli('synth', '/dev/null', '--out', join(dir, 'never'))).code).toBe(2);
  }, 30000);

  it('refuses a directory and a file over 1 MiB', async () => {
    expect((await runCli('cost', dir)).stderr).toBe(`inferstack cost: cannot read spec '${dir}': it is a directory; pass a .yaml or .json file\n`);
    const big = write('big.yaml', `${minimal}# ${'x'.repeat(1024 * 1024)}\n`);
    expect(await runCli('validate', big)).toMatchObject({ code: 2, stderr: expect.stringMatching(/bytes is too large for a spec \(at most 1048576 bytes, 1 MiB\)\n$/) });
  });

  it('reads a symbolic link to a regular file', async () => {
    const link = join(dir, 'minimal-link.yaml');
    symlinkSync(example('minimal-aws.yaml'), link);
    expect((await runCli('validate', link)).code).toBe(0);
  });
});

describe('- reads standard input, at most 1 MiB', () => {
  it('validates a spec from stdin', async () => {
    expect(await runWithStdin(Readable.from([minimal]), 'validate', '-')).toEqual({ code: 0, stdout: 'ok: <stdin> (1 model; targets: aws)\n', stderr: '' });
  });

  it('stops an endless stdin at 1 MiB (validate - < /dev/zero)', async () => {
    const zeros = new Readable({ read() { this.push(Buffer.alloc(64 * 1024)); } });
    const r = await runWithStdin(zeros, 'validate', '-');
    expect(r).toEqual({ code: 2, stdout: '', stderr: "inferstack validate: cannot read spec '<stdin>': it is larger than 1048576 bytes (1 MiB), too large for a spec\n" });
  });

  it('reports problems of a spec from stdin with <stdin> positions', async () => {
    const r = await runWithStdin(Readable.from([minimal.replace('nvidia-l4', 'nvidia-l5')]), 'validate', '-');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>:\d+:\d+ spec\.models\[0\]\.accelerator\.type: unknown accelerator 'nvidia-l5'/);
  });
});

describe('validate refuses what synth refuses (defect 12)', () => {
  it('exits 1 when the ceiling is over budget with onExceed: error, at spec.budget.monthlyUsd', async () => {
    const f = write('over.yaml', readFileSync(example('support-assistant.yaml'), 'utf8').replace('onExceed: warn', 'onExceed: error').replace('monthlyUsd: 40000', 'monthlyUsd: 1000'));
    const r = await runCli('validate', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.slice(0, -1).map((l) => l.replace(/ is \$[\d,.]+, over/, ' is $X, over').replace(/fix: .*/, 'fix: ...'))).toEqual(
      ['aws', 'gcp', 'azure'].map((c) => `${f}:${lines[0].split(':')[1]}:${lines[0].split(':')[2].split(' ')[0]} spec.budget.monthlyUsd: over budget with onExceed: error: ${c}: the ceiling (every pool at replicas.max all month) is $X, over budget.monthlyUsd $1,000.00; fix: ...`),
    );
    expect(lines.at(-1)).toBe('3 problems found.');
  });

  it('prints warnings and still says ok (a model id naming another size)', async () => {
    const f = write('size.yaml', minimal.replace(/parametersBillion: [\d.]+/, 'parametersBillion: 3'));
    const r = await runCli('validate', f);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: /);
    expect(r.stderr).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ spec\\.models\\[0\\]\\.parametersBillion: warning: 'Qwen/Qwen2.5-7B-Instruct' names 7B parameters but parametersBillion is 3;`));
  });
});

describe('control characters are never printed raw (defect 13)', () => {
  it('refuses an ANSI escape and a newline in a name without echoing them', async () => {
    const f = write('esc.yaml', minimal.replace('name: chat', 'name: "chat\\u001b[2J\\nok: fake"'));
    const r = await runCli('validate', f);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `${f}:11:5 spec.models[0].name: contains the control character U+001B at position 5; spec strings are printable text on one line\n1 problem found.\n` });
  });

  it('escapes control characters where a message quotes the value', async () => {
    const f = write('esc-enum.yaml', minimal.replace('replicas: { max: 2 }', 'replicas: { max: 2 }\n    precision: "bf16\\u001b[2J\\nok: fake"'));
    const r = await runCli('validate', f);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(r.stderr).toContain("'bf16\\x1b[2J\\nok: fake' is not allowed");
    expect(r.stderr.split('\n').filter((l) => l.startsWith('ok:'))).toEqual([]);
  });

  it('escapes control characters in a file name and in an unknown command', async () => {
    const r = await runCli('validate', 'no\u001b]0;pwned\u0007such.yaml');
    expect(r.stderr).toBe("inferstack validate: cannot read spec 'no\\x1b]0;pwned\\x07such.yaml': no such file\n");
    expect((await runCli('\u001b[31mred')).stderr).toMatch(/^inferstack: unknown command '\\x1b\[31mred'/);
  });

  it('escapes bidirectional overrides (Trojan Source) in a tag', async () => {
    const r = await runCli('validate', write('bidi.yaml', `${minimal}tags: { team: "ml\u202eevil" }\n`));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('spec.tags.team: contains the control character U+202E at position 3');
    expect(r.stderr).not.toContain('\u202e');
  });
});
