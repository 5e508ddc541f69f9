/**
 * The in-cluster Prometheus: one Helm release with the same chart and values on every cloud,
 * scraping model servers and the router. KEDA's Prometheus triggers query it; nothing else
 * depends on a managed monitoring service or its IAM.
 */
import { HelmRelease } from './types';
import { PROMETHEUS_CHART } from './pinned';
import { serviceHost } from './meta';

/** Release name and namespace; the chart names the server Service `<release>-server`. */
export const PROMETHEUS_RELEASE = { name: 'prometheus', namespace: 'monitoring' } as const;

/** Address KEDA's prometheus triggers query (chart default `server.service.servicePort: 80`). */
export const PROMETHEUS_SERVER_ADDRESS = `http://${serviceHost(`${PROMETHEUS_RELEASE.name}-server`, PROMETHEUS_RELEASE.namespace)}:80`;

/**
 * One scrape job over pods that opt in with label `inferstack.dev/scrape: "true"`; the port and
 * path come from the `prometheus.io/port` and `prometheus.io/path` pod annotations. Targets get
 * `namespace`, `pod`, `component` and `inferstack_pool` labels, which the KEDA queries filter on.
 */
export const SCRAPE_CONFIGS: readonly Record<string, unknown>[] = [
  {
    job_name: 'inferstack-pods',
    kubernetes_sd_configs: [{ role: 'pod' }],
    relabel_configs: [
      { source_labels: ['__meta_kubernetes_pod_label_inferstack_dev_scrape'], action: 'keep', regex: 'true' },
      { source_labels: ['__meta_kubernetes_pod_phase'], action: 'keep', regex: 'Running' },
      {
        source_labels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
        action: 'replace',
        regex: '([^:]+)(?::\\d+)?;(\\d+)',
        replacement: '$1:$2',
        target_label: '__address__',
      },
      { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], action: 'replace', regex: '(.+)', target_label: '__metrics_path__' },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
      { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
      { source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_component'], target_label: 'component' },
      { source_labels: ['__meta_kubernetes_pod_label_inferstack_dev_pool'], target_label: 'inferstack_pool' },
    ],
  },
];

/** Container hardening for the chart's containers (its server pod already runs as nobody, non-root). */
const HARDENED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true } as const;

/** Size of the server's TSDB emptyDir; requested as ephemeral storage with a gibibyte for logs. */
const TSDB_GIB = 8;

/**
 * The Prometheus release: server only (no Alertmanager, node exporter, kube-state-metrics or
 * pushgateway), 15 s scrapes, two days of retention on an emptyDir: it feeds autoscaling, not
 * long-term dashboards (add `server.remoteWrite` to ship metrics to the cloud's managed service).
 */
export function prometheusRelease(): HelmRelease {
  return {
    name: PROMETHEUS_RELEASE.name,
    repository: PROMETHEUS_CHART.repository,
    chart: PROMETHEUS_CHART.chart,
    version: PROMETHEUS_CHART.version,
    namespace: PROMETHEUS_RELEASE.namespace,
    createNamespace: true,
    purpose: 'Metrics for autoscaling: scrapes vLLM (vllm:num_requests_waiting) and the router; KEDA prometheus triggers query it.',
    values: {
      alertmanager: { enabled: false },
      'kube-state-metrics': { enabled: false },
      'prometheus-node-exporter': { enabled: false },
      'prometheus-pushgateway': { enabled: false },
      server: {
        global: { scrape_interval: '15s', scrape_timeout: '10s', evaluation_interval: '1m' },
        retention: '2d',
        persistentVolume: { enabled: false },
        emptyDir: { sizeLimit: `${TSDB_GIB}Gi` },
        resources: {
          requests: { cpu: '250m', memory: '1Gi', 'ephemeral-storage': `${TSDB_GIB + 1}Gi` },
          limits: { cpu: '1', memory: '2Gi', 'ephemeral-storage': `${TSDB_GIB + 1}Gi` },
        },
        containerSecurityContext: HARDENED_CONTAINER,
        nodeSelector: { 'kubernetes.io/os': 'linux' },
      },
      // The config reloader sidecar (chart values configmapReload.prometheus.*).
      configmapReload: {
        prometheus: {
          containerSecurityContext: HARDENED_CONTAINER,
          resources: {
            requests: { cpu: '10m', memory: '32Mi', 'ephemeral-storage': '64Mi' },
            limits: { cpu: '100m', memory: '64Mi', 'ephemeral-storage': '64Mi' },
          },
        },
      },
      serverFiles: { 'prometheus.yml': { scrape_configs: SCRAPE_CONFIGS } },
    },
  };
}
