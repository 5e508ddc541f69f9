/**
 * Every image and chart version the workload uses, pinned and cited in one place. Bumping a
 * version is a one-line change here; tests assert none of them float (`:latest`, `main-*`).
 */
import { ACCELERATOR_DEVICES } from '../catalog/devices';
import { AcceleratorKind } from '../catalog/types';

/** A pinned container image and where its tag was confirmed. */
export interface PinnedImage {
  readonly image: string;
  readonly source: string;
  readonly asOf: string;
}

/** How the engine runs on one accelerator kind. */
export interface EngineProfile extends PinnedImage {
  /** Extended resource the device plugin advertises (from `ACCELERATOR_DEVICES`). */
  readonly resource: string;
  /** Taint cloud-managed node pools of this kind may carry; pods tolerate it (from `ACCELERATOR_DEVICES`). */
  readonly acceleratorTaintKey: string;
  /** Tensor-parallel ranks per requested device (NeuronCores per Neuron device; 1 otherwise). */
  readonly ranksPerDevice: number;
  /** The image's vLLM accepts `--shutdown-timeout` (added in vLLM 0.18.0). */
  readonly supportsShutdownTimeout: boolean;
  /**
   * UID (and GID) the server runs as, non-root; null keeps the image's user (root in these
   * images) where running without it is not confirmed to reach the devices.
   */
  readonly runAsUser: number | null;
  /**
   * The root filesystem is read-only; the server writes only to the model cache (`HOME` and the
   * Hugging Face, vLLM, Triton and compile caches live there) and `/tmp`.
   */
  readonly readOnlyRootFilesystem: boolean;
  /** Environment this engine needs on top of the common one. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * vLLM per accelerator kind. The OpenAI-compatible server listens on 8000 with `/health` and
 * `/metrics` on the same port (github:vllm-project/vllm/docs/deployment/k8s.md).
 */
export const VLLM_ENGINES: Readonly<Record<AcceleratorKind, EngineProfile>> = {
  gpu: {
    // v0.26.0 release notes (github.com/vllm-project/vllm/releases/tag/v0.26.0, 2026-09).
    image: 'vllm/vllm-openai:v0.26.0',
    source: 'https://hub.docker.com/r/vllm/vllm-openai/tags ; github.com/vllm-project/vllm/releases/tag/v0.26.0',
    asOf: '2026-09',
    resource: ACCELERATOR_DEVICES.gpu.resource,
    acceleratorTaintKey: ACCELERATOR_DEVICES.gpu.taintKey,
    ranksPerDevice: 1,
    supportsShutdownTimeout: true,
    // vllm/vllm-openai runs as an arbitrary non-root UID once HOME (and with it ~/.cache,
    // ~/.config and ~/.triton) is writable, as on OpenShift's restricted SCC (github:llm-d/llm-d
    // pull 1711; github:huggingface/inference-benchmarker pull 47). NVIDIA device nodes are not
    // root-only.
    runAsUser: 2000,
    readOnlyRootFilesystem: true,
    env: {},
  },
  tpu: {
    // vllm/vllm-tpu is the tpu-inference (JAX) backend image; v0.26.0 tag (docs.vllm.ai projects/tpu).
    image: 'vllm/vllm-tpu:v0.26.0',
    source: 'https://hub.docker.com/r/vllm/vllm-tpu/tags ; https://docs.vllm.ai/projects/tpu/',
    asOf: '2026-09',
    resource: ACCELERATOR_DEVICES.tpu.resource,
    acceleratorTaintKey: ACCELERATOR_DEVICES.tpu.taintKey,
    ranksPerDevice: 1,
    supportsShutdownTimeout: true,
    // TPU device access without root is not confirmed for this image: keep its user.
    runAsUser: null,
    // libtpu writes its logs and lock file under /tmp; JAX and vLLM caches follow HOME.
    readOnlyRootFilesystem: true,
    env: {},
  },
  neuron: {
    // The vLLM 0.21+ Neuron DLCs target Trn2/Trn3 only; Inf2 and Trn1 use the vLLM 0.16 DLC
    // (awsdocs-neuron v2.31.1 deploy/environments/quickstart-deploy-dlc, note on Trn1).
    image: 'public.ecr.aws/neuron/pytorch-inference-vllm-neuronx:0.16.0-neuronx-py312-sdk2.31.1-ubuntu24.04',
    source: 'https://gallery.ecr.aws/neuron/pytorch-inference-vllm-neuronx ; https://awsdocs-neuron.readthedocs-hosted.com/en/v2.31.1/deploy/environments/quickstart-deploy-dlc.html',
    asOf: '2026-07',
    resource: ACCELERATOR_DEVICES.neuron.resource,
    acceleratorTaintKey: ACCELERATOR_DEVICES.neuron.taintKey,
    // Inferentia2 and Trainium (trn1) chips each carry two NeuronCore-v2; vLLM's TP degree counts cores.
    ranksPerDevice: 2,
    // vLLM 0.16 predates --shutdown-timeout; the preStop drain covers in-flight requests instead.
    supportsShutdownTimeout: false,
    // Neuron device access without root and the DLC's writes outside the mounted paths are not
    // confirmed: keep the image's user and a writable root filesystem.
    runAsUser: null,
    readOnlyRootFilesystem: false,
    // neuronx-cc caches compiled graphs here instead of /var/tmp, inside the sized model cache.
    env: { NEURON_COMPILE_CACHE_URL: '/models/neuron-compile-cache' },
  },
};

/**
 * LiteLLM proxy. The `-non_root` variant runs as `nobody` (docker/Dockerfile.non_root in
 * BerriAI/litellm), so the router runs under a restricted security context. v1.108.11 is an
 * LTS release (github.com/BerriAI/litellm/releases/tag/v1.108.11).
 */
export const LITELLM_IMAGE: PinnedImage = {
  image: 'ghcr.io/berriai/litellm-non_root:v1.108.11',
  source: 'https://github.com/BerriAI/litellm/releases/tag/v1.108.11 ; github:BerriAI/litellm/docker/Dockerfile.non_root',
  asOf: '2026-10',
};

/** UID/GID of `nobody` in the Wolfi base of the LiteLLM non-root image. */
export const LITELLM_RUN_AS = 65534;

/** A pinned Helm chart. */
export interface PinnedChart {
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
  readonly source: string;
}

/** KEDA chart (kedacore/charts release v2.21.1, app v2.21.1). */
export const KEDA_CHART: PinnedChart = {
  repository: 'https://kedacore.github.io/charts',
  chart: 'keda',
  version: '2.21.1',
  source: 'https://github.com/kedacore/charts/releases/tag/v2.21.1',
};

/** prometheus-community `prometheus` chart (release prometheus-29.48.0). */
export const PROMETHEUS_CHART: PinnedChart = {
  repository: 'https://prometheus-community.github.io/helm-charts',
  chart: 'prometheus',
  version: '29.48.0',
  source: 'https://github.com/prometheus-community/helm-charts/releases/tag/prometheus-29.48.0',
};
