/** `inferstack check` as a user runs it, and `synth` refusing to write on a policy error. */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDERERS } from '../../bin/commands/renderers';
import { RESOURCE_GRAPH_API_VERSION } from '../../lib/policy';
import { runCli } from '../support/cli';

const example = (name: string) => join(__dirname, '..', '..', 'examples', name);

describe('check', () => {
  it('prints a stable JSON report and exits 0 without errors', async () => {
    const r = await runCli('check', example('batch-embeddings.yaml'), '--cloud', 'gcp', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toEqual({
      apiVersion: 'inferstack.dev/check/v1alpha1',
      clouds: {
        gcp: {
          cloud: 'gcp',
          // The Pulumi graph is checked once the cloud is registered in the Pulumi program.
          checked: ['plan', 'kubernetes', 'pulumi'],
          findings: [expect.objectContaining({ rule: 'container-non-root', severity: 'info', resource: 'Deployment batch-embeddings-prod/batch-embeddings-embedder', reason: expect.any(String), fix: expect.any(String) })],
        },
      },
      summary: { error: 0, warning: 0, info: 1 },
    });
    // Keys sorted at every level, so the same spec prints the same bytes.
    expect(Object.keys(report)).toEqual(['apiVersion', 'clouds', 'summary']);
  });

  it('checks the synthesized CloudFormation on AWS and prints a table', async () => {
    const r = await runCli('check', example('minimal-aws.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('checked aws: plan, kubernetes, cloudformation\n0 errors, 0 warnings, 0 info.\n');
  });

  it('refuses a cloud the spec does not target (exit 2)', async () => {
    const r = await runCli('check', example('minimal-aws.yaml'), '--cloud', 'gcp');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the spec has no gcp target');
  });

  describe('with a renderer whose output breaks a rule', () => {
    // A stand-in GCP renderer writing a resources.json (the graph contract) with a project-wide owner grant.
    const original = RENDERERS.gcp;
    beforeAll(() => {
      RENDERERS.gcp = {
        what: 'Pulumi resource graph (test double)',
        format: 'resource-graph',
        outputDir: '.',
        load: () => (_spec, _plan, dir) => {
          mkdirSync(dir, { recursive: true });
          const file = join(dir, 'resources.json');
          const graph = {
            apiVersion: RESOURCE_GRAPH_API_VERSION,
            cloud: 'gcp',
            resources: [{ type: 'gcp:projects/iAMMember:IAMMember', name: 'ci-owner', parent: 'inferstack', inputs: { project: 'acme-search', role: 'roles/owner', member: 'user:ci@example.com' }, dependsOn: [] }],
          };
          writeFileSync(file, JSON.stringify(graph));
          return [file];
        },
      };
    });
    afterAll(() => {
      RENDERERS.gcp = original;
    });

    it('check exits 1 and names the rule, the resource and the fix', async () => {
      const r = await runCli('check', example('batch-embeddings.yaml'), '--cloud', 'gcp');
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^checked gcp: plan, kubernetes, pulumi\n/);
      expect(r.stdout).toMatch(/error\s+gcp-iam-no-primitive-roles\s+gcp\s+gcp:projects\/iAMMember:IAMMember ci-owner\s+grants roles\/owner/);
      expect(r.stdout).toContain('gcp-iam-no-primitive-roles: Grant predefined roles scoped to the resource');
      expect(r.stdout.trimEnd().split('\n').pop()).toBe('1 error, 0 warnings, 1 info.');
    });

    it('synth refuses and writes nothing', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'inferstack-check-')), 'out');
      const r = await runCli('synth', example('batch-embeddings.yaml'), '--out', out, '--cloud', 'gcp');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^inferstack synth: nothing written: 1 policy error \(inferstack check shows every finding\)\n/);
      expect(r.stderr).toContain('gcp-iam-no-primitive-roles');
      expect(existsSync(out)).toBe(false);
    });

    it('synth writes the staged graph with the rest once it is clean', async () => {
      const ok = RENDERERS.gcp!;
      RENDERERS.gcp = {
        ...ok,
        load: () => async (spec, plan, dir, options) =>
          (await ok.load()!(spec, plan, dir, options)).map((f) => (writeFileSync(f, JSON.stringify({ apiVersion: RESOURCE_GRAPH_API_VERSION, cloud: 'gcp', resources: [] })), f)),
      };
      try {
        const out = join(mkdtempSync(join(tmpdir(), 'inferstack-check-')), 'out');
        const r = await runCli('synth', example('batch-embeddings.yaml'), '--out', out, '--cloud', 'gcp');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('policy: 0 errors, 0 warnings, 1 info');
        expect(existsSync(join(out, 'gcp', 'resources.json'))).toBe(true);
      } finally {
        RENDERERS.gcp = ok;
      }
    });
  });
});
