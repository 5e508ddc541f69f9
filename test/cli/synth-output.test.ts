/**
 * `synth --out DIR` never deletes what inferstack did not write (issue 12, defect 7): each cloud
 * folder lists inferstack's files in `.inferstack-manifest.json`, and only those are replaced.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../../bin/commands/output';
import { runCli } from '../support/cli';

const spec = join(__dirname, '..', '..', 'examples', 'batch-embeddings.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'inferstack-out-'));
const synth = (out: string) => runCli('synth', spec, '--out', out, '--cloud', 'gcp');
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as { apiVersion: string; cloud: string; files: string[] };

describe('synth output', () => {
  it('lists every file it wrote in the manifest, and leaves no staging folder behind', async () => {
    const out = tmp();
    expect((await synth(out)).code).toBe(0);
    const m = manifest(join(out, 'gcp'));
    expect(m).toMatchObject({ apiVersion: 'inferstack.dev/synth-manifest/v1alpha1', cloud: 'gcp' });
    expect(m.files).toEqual(['k8s/autoscaling.yaml', 'k8s/helm-releases.yaml', 'k8s/namespace.yaml', 'k8s/queue-consumers.yaml', 'plan.json', 'resources.json']);
    expect(readdirSync(out)).toEqual(['gcp']);
  });

  it('keeps a file of the user next to the output, and removes only files it wrote before', async () => {
    const out = tmp();
    await synth(out);
    const gcp = join(out, 'gcp');
    writeFileSync(join(gcp, 'NOTES.md'), 'mine');
    mkdirSync(join(gcp, 'k8s', 'extra'));
    writeFileSync(join(gcp, 'k8s', 'extra', 'patch.yaml'), 'mine too');
    // A file an earlier synth wrote that this one does not write any more.
    writeFileSync(join(gcp, 'k8s', 'router.yaml'), 'old');
    const m = manifest(gcp);
    writeFileSync(join(gcp, MANIFEST_FILE), JSON.stringify({ ...m, files: [...m.files, 'k8s/router.yaml'].sort() }));
    expect((await synth(out)).code).toBe(0);
    expect(readFileSync(join(gcp, 'NOTES.md'), 'utf8')).toBe('mine');
    expect(readFileSync(join(gcp, 'k8s', 'extra', 'patch.yaml'), 'utf8')).toBe('mine too');
    expect(existsSync(join(gcp, 'k8s', 'router.yaml'))).toBe(false);
    expect(manifest(gcp).files).not.toContain('NOTES.md');
  });

  it('refuses a folder it did not write (no manifest), changing nothing', async () => {
    const out = tmp();
    mkdirSync(join(out, 'gcp'));
    writeFileSync(join(out, 'gcp', 'precious.txt'), 'keep');
    const r = await synth(out);
    expect(r).toMatchObject({ code: 2, stderr: `inferstack synth: nothing written: '${join(out, 'gcp')}' holds files inferstack did not write (it has no ${MANIFEST_FILE}); move them or choose another --out\n` });
    expect(readdirSync(join(out, 'gcp'))).toEqual(['precious.txt']);
    expect(readdirSync(out)).toEqual(['gcp']);
  });

  it('takes over output of an inferstack release before manifests, keeping the files next to it', async () => {
    const out = tmp();
    await synth(out);
    const gcp = join(out, 'gcp');
    // What such a release left: no manifest, its own files, and a file of the user.
    unlinkSync(join(gcp, MANIFEST_FILE));
    writeFileSync(join(gcp, 'k8s', 'router.yaml'), 'old');
    writeFileSync(join(gcp, 'NOTES.md'), 'mine');
    expect((await synth(out)).code).toBe(0);
    expect(existsSync(join(gcp, 'k8s', 'router.yaml'))).toBe(false);
    expect(readFileSync(join(gcp, 'NOTES.md'), 'utf8')).toBe('mine');
    expect(manifest(gcp).files).toContain('plan.json');
  });

  it('refuses an empty --out= instead of writing into the current directory', async () => {
    expect(await runCli('synth', spec, '--out=', '--cloud', 'gcp')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^inferstack synth: --out needs a value\n/) });
  });

  it('refuses a file given as --out (exit 2) and leaves it alone', async () => {
    const dir = tmp();
    const file = join(dir, 'out.txt');
    writeFileSync(file, 'not a folder');
    expect(await synth(file)).toMatchObject({ code: 2, stderr: `inferstack synth: nothing written: --out '${file}' is a file, not a directory; give a directory\n` });
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('never follows a tampered manifest outside the folder', async () => {
    const out = tmp();
    await synth(out);
    const victim = join(out, 'victim.txt');
    writeFileSync(victim, 'keep');
    writeFileSync(join(out, 'gcp', MANIFEST_FILE), JSON.stringify({ ...manifest(join(out, 'gcp')), files: ['../victim.txt'] }));
    expect((await synth(out)).code).toBe(2);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
  });

  it('refuses to overwrite a file of the user where it writes one', async () => {
    const out = tmp();
    await synth(out);
    const gcp = join(out, 'gcp');
    writeFileSync(join(gcp, 'mine.txt'), 'mine');
    const m = manifest(gcp);
    // plan.json is no longer listed as inferstack's: it is the user's now.
    writeFileSync(join(gcp, MANIFEST_FILE), JSON.stringify({ ...m, files: m.files.filter((f) => f !== 'plan.json') }));
    writeFileSync(join(gcp, 'plan.json'), 'edited by hand');
    const r = await synth(out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds files of yours where inferstack writes: plan.json');
    expect(readFileSync(join(gcp, 'plan.json'), 'utf8')).toBe('edited by hand');
  });
});
