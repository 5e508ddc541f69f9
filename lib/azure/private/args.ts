/**
 * Argument checks of the Azure components: every problem of one component's args is collected
 * and reported at once, each naming its property, as Pulumi's own input errors
 * (`InputPropertyError` for one, `InputPropertiesError` for several).
 * @internal
 */
import * as pulumi from '@pulumi/pulumi';

/** One invalid argument: its path below the component's args and what is wrong. */
export interface ArgProblem {
  readonly path: string;
  readonly reason: string;
}

/** Collects problems while a component checks its args. */
export class ArgChecks {
  private readonly problems: ArgProblem[] = [];

  /** Records `reason` for `path` when `ok` is false. */
  check(ok: boolean, path: string, reason: string): this {
    if (!ok) this.problems.push({ path, reason });
    return this;
  }

  /** Throws every recorded problem at once; `what` names the component (`InferenceQueue 'jobs'`). */
  throwIfAny(what: string): void {
    const ps = this.problems;
    if (ps.length === 0) return;
    if (ps.length === 1) throw new pulumi.InputPropertyError({ propertyPath: ps[0].path, reason: `${what}: ${ps[0].path}: ${ps[0].reason}` });
    throw new pulumi.InputPropertiesError({
      message: `${what}: ${ps.length} invalid arguments:\n${ps.map((p) => `  ${p.path}: ${p.reason}`).join('\n')}`,
      errors: ps.map((p) => ({ propertyPath: p.path, reason: p.reason })),
    });
  }
}

/** An IPv4 CIDR block (`203.0.113.0/24`) or a single address. */
export function isIpv4Range(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(s);
  return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && (m[5] === undefined || Number(m[5]) <= 32);
}

/** A duration in seconds as ISO 8601 (`PT5M`, `P4D`, `P1DT2H`), the form Service Bus takes. */
export function isoDuration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}` || 'PT0S';
}
