/** Shared by the consumer tests: run a command in a scratch project, and pack this package into it. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Run a command; on failure throw with everything it printed (tsc reports errors on stdout). */
export function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${x.stdout ?? ''}${x.stderr ?? ''}`);
  }
}

/**
 * `npm pack` this package into `work`, copy the fixture into `work/app` and install the tarball
 * there with `dependencies` from the npm registry. Returns the app's folder.
 */
export function installPacked(work: string, fixture: string, name: string, dependencies: Record<string, string>): string {
  const tarball = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], ROOT).trim().split('\n').pop()!;
  const app = join(work, 'app');
  mkdirSync(app);
  for (const f of readdirSync(fixture)) copyFileSync(join(fixture, f), join(app, f));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name, private: true, dependencies: { inferstack: `file:../${tarball}`, ...dependencies } }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
  return app;
}
