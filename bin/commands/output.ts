/**
 * Writing `synth` output without harming what is already there. Everything is written into a
 * temporary folder inside `--out` first and moved into place only when synthesis succeeded, so a
 * failure leaves `--out` as it was. Each cloud folder gets a manifest of the files inferstack
 * wrote (`.inferstack-manifest.json`); the next synth removes exactly those files and never
 * anything else, so a file the user keeps next to them survives.
 */
import { Dirent, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { PLAN_API_VERSION } from '../../lib/plan/types';
import { CliError } from '../args';

/** Name of the manifest in each cloud folder. */
export const MANIFEST_FILE = '.inferstack-manifest.json';
/** `apiVersion` of the manifest. */
export const MANIFEST_API_VERSION = 'inferstack.dev/synth-manifest/v1alpha1';
/** Prefix of the temporary folder inside `--out` (removed on success and on failure). */
export const STAGING_PREFIX = '.inferstack-staging-';

/** What the manifest records: the files of one cloud folder, relative, with '/' separators. */
export interface SynthManifest {
  readonly apiVersion: typeof MANIFEST_API_VERSION;
  readonly cloud: string;
  readonly files: readonly string[];
}

/** Refused output folders are usage errors (exit 2): nothing has been written. */
const refuse = (message: string): never => {
  throw new CliError(`nothing written: ${message}`, 2);
};

const exists = (p: string): boolean => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

/** Files (and symbolic links, not followed) under `dir`, relative with '/' separators, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }) as Dirent[]) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** A manifest entry inferstack could have written: relative, normalised, inside the folder. */
const safeEntry = (f: unknown): f is string =>
  typeof f === 'string' && f !== '' && !f.startsWith('/') && !f.includes('\\') && !f.includes('\0') && posix.normalize(f) === f && !f.split('/').includes('..') && f !== MANIFEST_FILE;

/** The manifest of a cloud folder; undefined when there is none; refuses one inferstack did not write. */
function readManifest(dir: string, cloud: string): SynthManifest | undefined {
  const p = join(dir, MANIFEST_FILE);
  if (!exists(p)) return undefined;
  let m: Partial<SynthManifest>;
  try {
    m = JSON.parse(readFileSync(p, 'utf8')) as Partial<SynthManifest>;
  } catch {
    return refuse(`'${p}' is not a manifest inferstack wrote; remove '${dir}' or choose another --out`);
  }
  if (m.apiVersion !== MANIFEST_API_VERSION || m.cloud !== cloud || !Array.isArray(m.files) || !m.files.every(safeEntry)) {
    return refuse(`'${p}' is not a manifest inferstack wrote for ${cloud}; remove '${dir}' or choose another --out`);
  }
  return m as SynthManifest;
}

/** How one cloud folder will be replaced. */
type Install =
  | { readonly kind: 'new' }
  /** Only inferstack's files are there: swap the whole folder. */
  | { readonly kind: 'swap' }
  /** The user keeps files there too: replace inferstack's files one by one. */
  | { readonly kind: 'merge'; readonly previous: readonly string[]; readonly userFiles: ReadonlySet<string> };

/** How `outDir/<cloud>` can take new output; refuses (exit 2) what inferstack must not touch. */
function planInstall(outDir: string, cloud: string): Install {
  const target = join(outDir, cloud);
  if (!exists(target)) return { kind: 'new' };
  const st = lstatSync(target);
  if (st.isSymbolicLink()) return refuse(`'${target}' is a symbolic link; inferstack does not write through links`);
  if (!st.isDirectory()) return refuse(`'${target}' is not a directory`);
  const manifest = readManifest(target, cloud);
  const present = listFiles(target).filter((f) => f !== MANIFEST_FILE);
  const previous = manifest?.files ?? legacyOutput(target, cloud, present);
  if (!previous) {
    if (present.length === 0) return { kind: 'swap' };
    return refuse(`'${target}' holds files inferstack did not write (it has no ${MANIFEST_FILE}); move them or choose another --out`);
  }
  const ours = new Set(previous);
  const userFiles = new Set(present.filter((f) => !ours.has(f)));
  return userFiles.size === 0 ? { kind: 'swap' } : { kind: 'merge', previous, userFiles };
}

/**
 * The files of a cloud folder an inferstack release before manifests wrote: recognised by its
 * `plan.json` (this cloud's plan), they are `plan.json`, `k8s/`, `templates/` and the Pulumi
 * clouds' `resources.json`; anything else there is the user's. Undefined when the folder is not
 * such output.
 */
function legacyOutput(dir: string, cloud: string, present: readonly string[]): string[] | undefined {
  if (!present.includes('plan.json')) return undefined;
  try {
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { apiVersion?: unknown; cloud?: unknown };
    if (plan.apiVersion !== PLAN_API_VERSION || plan.cloud !== cloud) return undefined;
  } catch {
    return undefined;
  }
  return present.filter((f) => f === 'plan.json' || f === 'resources.json' || f.startsWith('k8s/') || f.startsWith('templates/'));
}

/** Check that `--out` is a directory (or can be made one) before any work: a file is exit 2. */
export function checkOutDir(outDir: string, clouds: readonly string[]): void {
  if (exists(outDir)) {
    let st;
    try {
      st = statSync(outDir);
    } catch {
      return refuse(`--out '${outDir}' is a broken link`);
    }
    if (!st.isDirectory()) refuse(`--out '${outDir}' is a file, not a directory; give a directory`);
  }
  for (const cloud of clouds) planInstall(outDir, cloud);
}

/** Remove `dir` and its now-empty parents up to (not including) `stop`. */
function pruneEmpty(dir: string, stop: string): void {
  for (let d = dir; d !== stop && d.startsWith(stop); d = dirname(d)) {
    try {
      if (readdirSync(d).length) return;
      rmdirSync(d);
    } catch {
      return;
    }
  }
}

/**
 * One synth's output: write into `dirFor(cloud)`, then `commit()` to move everything into place,
 * or `abort()` to leave `--out` as it was.
 */
export class SynthOutput {
  private readonly outDir: string;
  private readonly staging: string;
  /** The highest folder this synth created for `--out`, if any (removed again on abort). */
  private readonly created?: string;
  private readonly clouds: string[] = [];

  constructor(outDir: string) {
    this.outDir = resolve(outDir);
    let missing: string | undefined;
    for (let d = this.outDir; !exists(d) && dirname(d) !== d; d = dirname(d)) missing = d;
    this.created = missing;
    mkdirSync(this.outDir, { recursive: true });
    // Inside --out, so every move below is a rename on one file system.
    this.staging = mkdtempSync(join(this.outDir, STAGING_PREFIX));
  }

  /** The folder to write one cloud's files into. */
  dirFor(cloud: string): string {
    if (!this.clouds.includes(cloud)) this.clouds.push(cloud);
    const d = join(this.staging, cloud);
    mkdirSync(d, { recursive: true });
    return d;
  }

  /**
   * Move every cloud folder into place and return the files each holds (manifest excluded).
   * Checks every cloud first, so a refusal (exit 2) moves nothing.
   */
  commit(): Record<string, string[]> {
    const plans = this.clouds.map((cloud) => {
      const staged = join(this.staging, cloud);
      const files = listFiles(staged);
      const install = planInstall(this.outDir, cloud);
      if (install.kind === 'merge') {
        const clash = files.filter((f) => install.userFiles.has(f) || [...install.userFiles].some((u) => f.startsWith(`${u}/`) || u.startsWith(`${f}/`)));
        if (clash.length) refuse(`'${join(this.outDir, cloud)}' holds files of yours where inferstack writes: ${clash.slice(0, 5).join(', ')}; move them or choose another --out`);
      }
      return { cloud, staged, files, install };
    });
    const written: Record<string, string[]> = {};
    try {
      for (const { cloud, staged, files, install } of plans) {
        const manifest: SynthManifest = { apiVersion: MANIFEST_API_VERSION, cloud, files };
        writeFileSync(join(staged, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
        const target = join(this.outDir, cloud);
        if (install.kind === 'new') renameSync(staged, target);
        else if (install.kind === 'swap') {
          const previous = join(this.staging, `${cloud}.previous`);
          renameSync(target, previous);
          try {
            renameSync(staged, target);
          } catch (e) {
            renameSync(previous, target);
            throw e;
          }
        } else {
          for (const f of install.previous) {
            const p = join(target, f);
            try {
              if (!lstatSync(p).isDirectory()) unlinkSync(p);
            } catch {
              // already gone
            }
            pruneEmpty(dirname(p), target);
          }
          for (const f of [...files, MANIFEST_FILE]) {
            mkdirSync(dirname(join(target, f)), { recursive: true });
            renameSync(join(staged, f), join(target, f));
          }
        }
        written[cloud] = files;
      }
    } finally {
      rmSync(this.staging, { recursive: true, force: true });
    }
    return written;
  }

  /** Remove everything this synth wrote: `--out` is as it was (removed again if this synth created it). */
  abort(): void {
    rmSync(this.staging, { recursive: true, force: true });
    if (this.created) pruneEmpty(this.outDir, dirname(this.created));
  }
}
