/**
 * Published throughput measurements the throughput model is calibrated against (THROUGHPUT_MODEL,
 * ACCELERATOR_GENERATIONS in lib/cost/model.ts). Each row: the model, its weight precision, the
 * accelerators, the request shape, the output tokens per second the source reports, and the
 * serving settings of the measurement where they differ from vLLM's defaults (a benchmark's
 * batch or KV-cache precision), so the estimate is made for the same deployment.
 */
import { ServingOptions } from '../../lib/cost/throughput';
import { Precision } from '../../lib/spec/schema';

export interface CalibrationRow {
  readonly name: string;
  readonly model: string;
  readonly parametersBillion: number;
  readonly precision: Precision;
  /** Catalog accelerator id and count per replica. */
  readonly accelerator: string;
  readonly count: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Output tokens per second of the whole replica, as published. */
  readonly outputTokensPerSecond: number;
  /** The engine that was measured. */
  readonly engine: string;
  /** URL or github:owner/repo/path@commit, and where in it. */
  readonly source: string;
  /** The measurement's own settings. */
  readonly serving?: ServingOptions;
}

/** Llama-2-7B has no grouped-query attention: 32 layers x 32 KV heads x 128 dims x K and V x 2 bytes. */
const LLAMA2_7B_KV_BYTES_PER_TOKEN = 32 * 32 * 128 * 2 * 2;

const TRTLLM = 'github:NVIDIA/TensorRT-LLM/docs/source/performance/perf-overview.md@258c7540c03517def55d9a5aadfa9288af474e1b';
/**
 * trtllm-bench settings of that page: FP8 engines keep an FP8 KV cache ("If you specify FP8
 * quantization, the KV cache will automatically be set to FP8"), 95% of the free memory goes to
 * the KV cache (kv_cache_free_gpu_mem_fraction 0.95), runtime batch 4096 and 8192 tokens per step
 * (the page's example output).
 */
const trtllm = (fp8: boolean): ServingOptions => ({ maxConcurrentSequences: 4096, maxBatchedTokens: 8192, memoryUtilization: 0.95, ...(fp8 ? { kvCacheBytesPerElement: 1 } : {}) });

export const CALIBRATION: readonly CalibrationRow[] = [
  {
    name: 'Llama-2-7B fp16, 1 x A10G, 256 in / 128 out',
    model: 'NousResearch/Llama-2-7b-chat-hf',
    parametersBillion: 7,
    precision: 'fp16',
    accelerator: 'nvidia-a10g',
    count: 1,
    inputTokens: 256,
    outputTokens: 128,
    // 3.8008 requests/s x 128 output tokens
    outputTokensPerSecond: 3.8008 * 128,
    engine: 'vLLM (nm-vllm 0.2.0 nightly, benchmark_throughput, 1000 prompts)',
    source: 'https://github.com/neuralmagic/nm-vllm/commit/a5745bc101d7f96813c064d680c59e28dcb7d22d (benchmark data: NVIDIA A10G x 1, request_throughput 3.8008 prompts/s)',
    serving: { kvBytesPerTokenAt16Bit: LLAMA2_7B_KV_BYTES_PER_TOKEN },
  },
  {
    name: 'Llama-3.1-8B fp16, 1 x A100 80GB, 1000 in / 1000 out',
    model: 'meta-llama/Llama-3.1-8B',
    parametersBillion: 8,
    precision: 'fp16',
    accelerator: 'nvidia-a100-80gb',
    count: 1,
    inputTokens: 1000,
    outputTokens: 1000,
    outputTokensPerSecond: 3786.83,
    engine: 'TensorRT-LLM 0.17 (trtllm-bench throughput)',
    source: `${TRTLLM} (throughput table, LLaMA v3.1 8B, TP 1, 1000/1000, A100-SXM4-80GB FP16)`,
    serving: trtllm(false),
  },
  {
    name: 'Llama-3.1-8B fp8, 1 x L40S, 1000 in / 1000 out',
    model: 'meta-llama/Llama-3.1-8B',
    parametersBillion: 8,
    precision: 'fp8',
    accelerator: 'nvidia-l40s',
    count: 1,
    inputTokens: 1000,
    outputTokens: 1000,
    outputTokensPerSecond: 4054.71,
    engine: 'TensorRT-LLM 0.17 (trtllm-bench throughput)',
    source: `${TRTLLM} (throughput table, LLaMA v3.1 8B, TP 1, 1000/1000, L40S FP8)`,
    serving: trtllm(true),
  },
  {
    name: 'Llama-3.1-8B fp8, 1 x L40S, 5000 in / 500 out',
    model: 'meta-llama/Llama-3.1-8B',
    parametersBillion: 8,
    precision: 'fp8',
    accelerator: 'nvidia-l40s',
    count: 1,
    inputTokens: 5000,
    outputTokens: 500,
    outputTokensPerSecond: 981.2,
    engine: 'TensorRT-LLM 0.17 (trtllm-bench throughput)',
    source: `${TRTLLM} (throughput table, LLaMA v3.1 8B, TP 1, 5000/500, L40S FP8)`,
    serving: trtllm(true),
  },
  {
    name: 'Llama-3.1-8B fp8, 1 x H100, 1000 in / 1000 out',
    model: 'meta-llama/Llama-3.1-8B',
    parametersBillion: 8,
    precision: 'fp8',
    accelerator: 'nvidia-h100',
    count: 1,
    inputTokens: 1000,
    outputTokens: 1000,
    outputTokensPerSecond: 15244.78,
    engine: 'TensorRT-LLM 0.17 (trtllm-bench throughput)',
    source: `${TRTLLM} (throughput table, LLaMA v3.1 8B, TP 1, 1000/1000, H100 80GB HBM3 FP8)`,
    serving: trtllm(true),
  },
  {
    name: 'Llama-3.1-8B fp8, 1 x H100, 2048 in / 128 out',
    model: 'meta-llama/Llama-3.1-8B',
    parametersBillion: 8,
    precision: 'fp8',
    accelerator: 'nvidia-h100',
    count: 1,
    inputTokens: 2048,
    outputTokens: 128,
    outputTokensPerSecond: 3556.73,
    engine: 'TensorRT-LLM 0.17 (trtllm-bench throughput)',
    source: `${TRTLLM} (throughput table, LLaMA v3.1 8B, TP 1, 2048/128, H100 80GB HBM3 FP8)`,
    serving: trtllm(true),
  },
  {
    name: 'Llama-3.1-70B fp8, 2 x H100, 5000 in / 500 out',
    model: 'meta-llama/Llama-3.1-70B',
    parametersBillion: 70,
    precision: 'fp8',
    accelerator: 'nvidia-h100',
    count: 2,
    inputTokens: 5000,
    outputTokens: 500,
    outputTokensPerSecond: 919.73,
    engine: 'TensorRT-LLM 0.17 (trtllm-bench throughput); NIM 1.8 reports 920 tok/s for Llama-3.3-70B in the same shape',
    source: `${TRTLLM} (throughput table, LLaMA v3.1 70B, TP 2, 5000/500, H100 80GB HBM3 FP8); also https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance (2 x H100 fp8 TP2, 5000/500, 920.12 at concurrency 250)`,
    serving: trtllm(true),
  },
  {
    name: 'Llama-3.1-70B fp8, 1 x H200, 1000 in / 1000 out',
    model: 'meta-llama/Llama-3.1-70B',
    parametersBillion: 70,
    precision: 'fp8',
    accelerator: 'nvidia-h200',
    count: 1,
    inputTokens: 1000,
    outputTokens: 1000,
    outputTokensPerSecond: 2823.45,
    engine: 'TensorRT-LLM 0.17 (trtllm-bench throughput)',
    source: `${TRTLLM} (throughput table, LLaMA v3.1 70B, TP 1, 1000/1000, H200 141GB HBM3 FP8)`,
    serving: trtllm(true),
  },
  {
    name: 'Llama-3-8B bf16, TPU v5e-8, ShareGPT (about 230 in / 203 out), batch 128',
    model: 'meta-llama/Meta-Llama-3-8B',
    parametersBillion: 8,
    precision: 'bf16',
    accelerator: 'tpu-v5e',
    count: 8,
    // ShareGPT means with the Llama 3 tokenizer: 229,711 input and 203,068 output tokens over 1,000
    // requests (https://github.com/vllm-project/vllm/pull/18566, `vllm bench serve` output).
    inputTokens: 230,
    outputTokens: 203,
    outputTokensPerSecond: 8249,
    engine: 'JetStream-PyTorch (batch 128, cache length 2048, ShareGPT, 2000 prompts)',
    source: 'github:AI-Hypercomputer/jetstream-pytorch/benchmarks/summary.md@f636ff7eb0b5e10de9f1f9b03aac51602142b2ab (Llama 3 - 8B, 2024-04-24, TPU v5e-8, bfloat16, batch 128: 8249 token/s)',
    serving: { maxConcurrentSequences: 128, maxBatchedTokens: null },
  },
  {
    name: 'Llama-3-70B bf16, 12 x Inferentia2 (inf2.48xlarge, TP 24), 128 in / 128 out, batch 1',
    model: 'meta-llama/Meta-Llama-3-70B',
    parametersBillion: 70,
    precision: 'bf16',
    accelerator: 'aws-inferentia2',
    count: 12,
    inputTokens: 128,
    outputTokens: 128,
    outputTokensPerSecond: 31.28,
    engine: 'Transformers NeuronX 2.18.1',
    source: 'github:aws-neuron/aws-neuron-sdk/about-neuron/benchmarks/inf2/throughput_data_decoder.csv@81ce03ae261e12925e53437a0f690478e6366155 (Llama-3-70B, Inf2.48xlarge, TP 24, batch 1, 128/128: 31.28 tokens/s)',
    serving: { maxConcurrentSequences: 1 },
  },
  {
    name: 'Llama-3-8B int8 weights, 12 x Inferentia2 (inf2.48xlarge, TP 24), 128 in / 3968 out, batch 8',
    model: 'meta-llama/Meta-Llama-3-8B',
    parametersBillion: 8,
    precision: 'int8',
    accelerator: 'aws-inferentia2',
    count: 12,
    inputTokens: 128,
    outputTokens: 3968,
    outputTokensPerSecond: 859.09,
    engine: 'Transformers NeuronX 2.18.1 (int8 weight storage, bf16 matmuls)',
    source: 'github:aws-neuron/aws-neuron-sdk/about-neuron/benchmarks/inf2/throughput_data_decoder.csv@81ce03ae261e12925e53437a0f690478e6366155 (Llama-3-8B, Inf2.48xlarge, TP 24, batch 8, 128/3968: 859.09 tokens/s)',
    serving: { maxConcurrentSequences: 8 },
  },
];
