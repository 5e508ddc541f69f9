/**
 * The spec's fixed values, in a module of their own so that the package's declarations never
 * import zod (see types.ts).
 */

/** The only `apiVersion` this release reads. */
export const API_VERSION = 'inferstack.dev/v1alpha1';
/** The only `kind` this release reads. */
export const KIND = 'InferenceStack';
/** Weight precisions, with the bytes per parameter the memory-fit rule uses (lib/plan/memory.ts). */
export const PRECISIONS = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;
/** online: HTTP behind the router; queue: a consumer of the stack's request queue. */
export const SERVE_MODES = ['online', 'queue'] as const;
/** vllm: the pinned vLLM OpenAI-compatible server; custom: the user's own `image`. */
export const ENGINES = ['vllm', 'custom'] as const;
/** Traffic shapes for the cost model; custom takes `hourlyWeights`. */
export const PATTERNS = ['flat', 'business-hours', 'custom'] as const;
