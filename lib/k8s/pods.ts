/** Pieces every pool pod shares: security context, probes, placement. */
import { PoolPlan } from '../plan/types';
import { Container, HttpProbe, PodSpec, SecurityContext } from './api';
import { capacityAffinity, poolTolerations } from './resources';

/**
 * Container security context that holds for any image: no privilege escalation, no Linux
 * capabilities, the runtime's default seccomp profile. Containers add a read-only root
 * filesystem and a non-root user where their image allows it (`EngineProfile`, the router).
 */
export const BASE_SECURITY_CONTEXT: SecurityContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** An HTTP GET probe. */
export function httpProbe(path: string, port: string | number, periodSeconds: number, failureThreshold: number, timeoutSeconds = 5): HttpProbe {
  return { httpGet: { path, port }, periodSeconds, timeoutSeconds, failureThreshold };
}

/** Startup, readiness and liveness on one health endpoint; startup allows `startupSeconds`. */
export function healthProbes(path: string, port: string | number, startupSeconds: number): Pick<Container, 'startupProbe' | 'readinessProbe' | 'livenessProbe'> {
  return {
    startupProbe: httpProbe(path, port, 10, Math.ceil(startupSeconds / 10)),
    readinessProbe: httpProbe(path, port, 5, 3),
    livenessProbe: httpProbe(path, port, 15, 4),
  };
}

/** Node selection that lands a pool's pods only on its own nodes. */
export function poolPlacement(pool: PoolPlan): Pick<PodSpec, 'nodeSelector' | 'tolerations' | 'affinity'> {
  const affinity = capacityAffinity(pool);
  return {
    nodeSelector: { ...pool.nodeSelector },
    tolerations: poolTolerations(pool),
    ...(affinity ? { affinity } : {}),
  };
}
