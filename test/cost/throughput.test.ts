/** The throughput estimate's behaviour: batch, server limits, compute per precision, overlap. */
import { Catalog } from '../../lib/catalog';
import { acceleratorGeneration, replicaAccelerators, replicaThroughput, rooflineEstimate } from '../../lib/cost';
import { Precision } from '../../lib/spec/schema';

const GIB = 1024 ** 3;
const on = (id: string, count = 1) => replicaAccelerators(Catalog.DEFAULT.accelerator(id)!, count);
const model = (parametersBillion: number, precision: Precision) => ({ parametersBillion, precision });

describe('throughput estimate by hand', () => {
  // gpu-a is not in the generation table: a GPU falls back to the Ampere factors (50% of
  // bandwidth, 60% of FLOPs, 2 ms a step, prefill overlapped with p = 2) and vLLM's defaults for a
  // 40 GiB device (256 sequences, 2048 tokens a step).
  const acc = { type: 'gpu-a', count: 1, memoryGiB: 40, memoryBandwidthGBps: 1000, denseBf16Tflops: 200 };
  const est = rooflineEstimate(model(8, 'bf16'), acc, { inputTokens: 100, outputTokens: 100 });
  it('takes the batch from the KV cache left after the weights, up to the server limit', () => {
    // (36 GiB - 16 GB of weights - 1 GiB reserve) / (150 tokens x 128 KiB) = 1097 sequences; the server runs 256
    expect(est.maxBatchByMemory).toBe(Math.floor((36 * GIB - 16e9 - GIB) / (150 * 131072)));
    expect(est.batch).toBe(256);
    expect(est.batchLimit).toBe('server');
    expect(est.generation.name).toBe('ampere');
  });
  it('overlaps prefill and decode as a 2-norm of their times', () => {
    const steps = Math.max(100 / 256, 200 / 2048);
    const memory = (steps * (16e9 + 256 * 150 * 131072)) / (1e12 * 0.5);
    const compute = (2 * 8e9 * 200) / (200e12 * 0.6);
    const seconds = Math.sqrt(memory ** 2 + compute ** 2) + steps * 0.002;
    expect(est.requestsPerSecond).toBeCloseTo(1 / seconds, 9);
    expect(est.outputTokensPerSecond).toBeCloseTo(100 / seconds, 6);
    expect(est.bound).toBe('compute');
    // overlapped: faster than running prefill and decode one after the other
    expect(1 / est.requestsPerSecond!).toBeLessThan(memory + compute + steps * 0.002);
  });
});

describe('server limits', () => {
  const shortRequests = { inputTokens: 128, outputTokens: 128 };
  it("follows vLLM's max_num_seqs: 1024 on devices of 70 GiB or more except A100s, 256 elsewhere", () => {
    expect(rooflineEstimate(model(8, 'bf16'), on('nvidia-h100'), shortRequests)).toMatchObject({ batch: 1024, batchLimit: 'server' });
    expect(rooflineEstimate(model(8, 'bf16'), on('nvidia-a100-80gb'), shortRequests)).toMatchObject({ batch: 256, batchLimit: 'server' });
    expect(rooflineEstimate(model(8, 'bf16'), on('nvidia-l40s'), shortRequests)).toMatchObject({ batch: 256, batchLimit: 'server' });
  });
  it('lets long prompts fill the KV cache before the server limit', () => {
    const est = rooflineEstimate(model(8, 'bf16'), on('nvidia-l4'), { inputTokens: 4000, outputTokens: 500 });
    expect(est.batchLimit).toBe('kv-cache');
    expect(est.batch).toBeLessThan(256);
  });
  it('runs a Neuron replica at its compiled batch', () => {
    expect(rooflineEstimate(model(8, 'bf16'), on('aws-inferentia2', 2), shortRequests).batch).toBe(8);
  });
  it('takes a benchmark batch when given', () => {
    expect(rooflineEstimate(model(8, 'bf16'), on('nvidia-h100'), shortRequests, { maxConcurrentSequences: 64 }).batch).toBe(64);
  });
});

describe('compute per precision', () => {
  // 2048-token prompts and 128-token answers are compute-bound on these accelerators
  const prefillHeavy = { inputTokens: 2048, outputTokens: 128 };
  it('runs fp8 at the FP8 tensor rate where the accelerator has it', () => {
    const fp8 = rooflineEstimate(model(8, 'fp8'), on('nvidia-h100'), prefillHeavy);
    const bf16 = rooflineEstimate(model(8, 'bf16'), on('nvidia-h100'), prefillHeavy);
    expect(fp8).toMatchObject({ computeRate: 'fp8', computeTflops: 1979 });
    expect(fp8.requestsPerSecond! / bf16.requestsPerSecond!).toBeGreaterThan(1.6);
    expect(rooflineEstimate(model(8, 'fp8'), on('nvidia-l4'), prefillHeavy)).toMatchObject({ computeRate: 'fp8', computeTflops: 242 });
  });
  it('runs fp8 weights at the bf16 rate on Ampere (weight-only) and int8 at the INT8 rate', () => {
    expect(rooflineEstimate(model(8, 'fp8'), on('nvidia-a100-80gb'), prefillHeavy)).toMatchObject({ computeRate: 'bf16', computeTflops: 312 });
    expect(rooflineEstimate(model(8, 'int8'), on('nvidia-a100-80gb'), prefillHeavy)).toMatchObject({ computeRate: 'int8', computeTflops: 624 });
    expect(rooflineEstimate(model(8, 'int4'), on('nvidia-h100'), prefillHeavy).computeRate).toBe('bf16');
  });
  it('quantizes weights only on Neuron: int8 runs at the bf16 rate', () => {
    expect(rooflineEstimate(model(8, 'int8'), on('aws-inferentia2', 2), prefillHeavy).computeRate).toBe('bf16');
  });
});

describe('generations and outputs', () => {
  it('adds prefill to decode on engines without chunked prefill', () => {
    expect(acceleratorGeneration('aws-inferentia2').overlapExponent).toBe(1);
    expect(acceleratorGeneration('nvidia-h100').overlapExponent).toBe(2);
  });
  it('falls back by kind for an accelerator the table does not list', () => {
    expect(acceleratorGeneration('some-new-tpu', 'tpu').name).toBe('tpu');
    expect(acceleratorGeneration('some-new-gpu').name).toBe('ampere');
  });
  it('estimates requests per second for prompts without outputs (embeddings)', () => {
    const est = rooflineEstimate(model(7, 'bf16'), on('nvidia-a100-80gb'), { inputTokens: 512, outputTokens: 0 });
    expect(est.requestsPerSecond).toBeGreaterThan(10);
    expect(est.outputTokensPerSecond).toBe(0);
  });
  it('scales a measurement by the ratio of the estimates', () => {
    const tokens = { inputTokens: 900, outputTokens: 250 };
    const t = replicaThroughput(model(8, 'bf16'), on('nvidia-h100'), tokens, { requestsPerSecondPerReplica: 2 }, on('nvidia-l4'));
    const ratio = rooflineEstimate(model(8, 'bf16'), on('nvidia-h100'), tokens).requestsPerSecond! / rooflineEstimate(model(8, 'bf16'), on('nvidia-l4'), tokens).requestsPerSecond!;
    expect(t.source).toBe('scaled');
    expect(t.requestsPerSecondPerReplica).toBeCloseTo(2 * ratio, 9);
  });
});
