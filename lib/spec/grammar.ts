/**
 * The grammar of every string a spec holds. Spec strings end up as code somewhere: CDK resolves
 * `${Token[...]}` in any template string, CloudFormation resolves `{{resolve:...}}` and
 * intrinsics, the kubelet expands `$(VAR)` in container arguments, vLLM reads its first argument
 * as a flag when it starts with `-`, LiteLLM reads `os.environ/NAME` as an environment variable,
 * and terminals act on control characters. So each field accepts only what its platform accepts,
 * and no field accepts text that another layer would evaluate.
 */
import { z } from 'zod';
import { describeValue } from './errors';

/** Marker of a missing cloud binding in rendered objects (lib/k8s `UNBOUND_PREFIX`); a spec never writes it. */
export const UNBOUND_MARKER = 'inferstack-unbound:';

/** Substrings another layer evaluates, with what it would do. Checked in every spec string. */
const EVALUATED: readonly { readonly text: string; readonly why: string }[] = [
  { text: '${Token[', why: 'CDK would resolve it as a token into a CloudFormation expression' },
  { text: '{{resolve:', why: 'CloudFormation would resolve it as a dynamic reference at deploy time' },
  { text: 'Fn::', why: 'it looks like a CloudFormation intrinsic function' },
  { text: '${AWS::', why: 'CloudFormation would read it as a pseudo parameter' },
  { text: 'os.environ/', why: 'LiteLLM would read it as an environment variable of the router' },
  { text: UNBOUND_MARKER, why: 'inferstack marks missing cloud bindings with it' },
];

// C0 and C1 controls, DEL, line/paragraph separators, bidi controls and the BOM.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

const hex = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `s` cannot be a spec string whatever its field: a control character or a newline (it would
 * break a log line, a YAML scalar or a header; a terminal would act on it), or text another layer
 * evaluates. Undefined when it is plain text.
 */
export function unsafeTextProblem(s: string): string | undefined {
  const c = s.match(CONTROL);
  if (c) return `contains the control character ${hex(c[0])} at position ${(c.index ?? 0) + 1}; spec strings are printable text on one line`;
  for (const e of EVALUATED) {
    if (s.includes(e.text)) return `contains '${e.text}': ${e.why}; write the literal value instead`;
  }
  return undefined;
}

/** A string field's grammar: what a value must look like, said in words for the message. */
export interface StringGrammar {
  /** What the value is, for messages ('a GCP project id'). */
  readonly noun: string;
  readonly maxLength: number;
  /** @default 1 */
  readonly minLength?: number;
  /** The whole value must match. */
  readonly pattern?: RegExp;
  /** The rule in words, after "use" ('6 to 30 lowercase letters, ...'). */
  readonly rule: string;
  /** A check the pattern cannot express; returns what is wrong. */
  readonly extra?: (s: string) => string | undefined;
  /** The nearest valid value, for "did you mean". */
  readonly nearest?: (s: string) => string | undefined;
  /** JSON Schema `pattern` for editors, when `pattern` uses JavaScript-only syntax. */
  readonly jsonPattern?: string;
  /** Why `maxLength`, for the message ('the longest tag key AWS takes'). */
  readonly maxLengthReason?: string;
}

/** The first problem of `s` under `g`, or undefined. One message per field: the first that applies. */
export function grammarProblem(s: string, g: StringGrammar): string | undefined {
  const unsafe = unsafeTextProblem(s);
  if (unsafe) return unsafe;
  const min = g.minLength ?? 1;
  if (s.length === 0 && min >= 1) return 'must not be empty';
  if (s.length > g.maxLength) return `must be at most ${g.maxLength} characters${g.maxLengthReason ? ` (${g.maxLengthReason})` : ''}, got ${s.length}`;
  const bad = s.length < min || (g.pattern && !g.pattern.test(s)) || g.extra?.(s);
  if (!bad) return undefined;
  const near = g.nearest?.(s);
  const detail = typeof bad === 'string' ? bad : `use ${g.rule}`;
  return `${describeValue(s)} is not ${g.noun}: ${detail}${near && near !== s ? `; did you mean '${near}'?` : ''}`;
}

/** A zod string that enforces `g` with one clear message, and tells editors its pattern and length. */
export function grammarString(g: StringGrammar) {
  return z
    .string()
    .superRefine((s, ctx) => {
      const problem = grammarProblem(s, g);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({
      minLength: g.minLength ?? 1,
      maxLength: g.maxLength,
      ...(g.jsonPattern ?? g.pattern ? { pattern: g.jsonPattern ?? g.pattern!.source } : {}),
    });
}

/** Any printable one-line text of at most `maxLength` characters (descriptions, tag values). */
export const plainText = (noun: string, maxLength: number, minLength = 1): StringGrammar => ({ noun, maxLength, minLength, rule: 'printable text' });

// ---------------------------------------------------------------------------------------------
// Names

const DNS1123 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The nearest valid DNS label to `input` ('Chat_Small' -> 'chat-small'), or undefined when none is close. */
function nearestDnsLabel(input: string, max: number): string | undefined {
  const s = input
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s && DNS1123.test(s) ? s : undefined;
}

/**
 * A DNS label (RFC 1123, and a letter first as RFC 1035 wants, so it can name a Service) of at
 * most `max` characters: names become Kubernetes object names, node pools and cloud resources.
 */
export const dnsLabelGrammar = (max: number): StringGrammar => ({
  noun: 'a DNS label',
  maxLength: max,
  pattern: DNS1123,
  rule: "lowercase letters, digits and '-', starting with a letter and ending with a letter or digit",
  nearest: (s) => nearestDnsLabel(s, max),
});

/**
 * The environment: a DNS label that may start with a digit, at most 20 characters. It is part of
 * names (`<name>-<environment>`) and a Kubernetes label value, so it ends with a letter or digit.
 */
export const ENVIRONMENT_GRAMMAR: StringGrammar = {
  noun: 'an environment name',
  maxLength: 20,
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  rule: "lowercase letters, digits and '-', starting and ending with a letter or digit",
  nearest: (s) => {
    const n = s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '').slice(0, 20).replace(/-+$/, '');
    return n || undefined;
  },
};

/** A catalog id (accelerators): lowercase letters, digits and '-' (`nvidia-a100-80gb`). */
export const CATALOG_ID_GRAMMAR: StringGrammar = {
  noun: 'a catalog id',
  maxLength: 63,
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  rule: "lowercase letters, digits and '-', like 'nvidia-l4'",
  nearest: (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || undefined,
};

// ---------------------------------------------------------------------------------------------
// Model ids and images

/**
 * A Hugging Face repository id, `name` or `namespace/name`: letters, digits, '-', '_' and '.',
 * not starting or ending with '-' or '.', without '--' or '..', at most 96 characters
 * (huggingface_hub `validate_repo_id`,
 * https://huggingface.co/docs/huggingface_hub/package_reference/utilities#huggingface_hub.utils.validate_repo_id).
 * vLLM takes it as its first argument, so it can never start with '-' (a flag), and the kubelet
 * never sees `$(`.
 */
export const MODEL_ID_GRAMMAR: StringGrammar = {
  noun: 'a Hugging Face model id',
  maxLength: 96,
  pattern: /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?(?:\/[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)?$/,
  rule: "'org/name' (like 'meta-llama/Llama-3.1-8B-Instruct') or 'name': letters, digits, '-', '_' and '.', each part starting and ending with a letter, digit or '_'",
  extra: (s) => (s.includes('--') || s.includes('..') ? "'--' and '..' are not allowed in Hugging Face ids" : undefined),
};

// The OCI/Docker reference grammar (github:distribution/reference reference.go, v0.5.0):
//   reference := name [ ":" tag ] [ "@" digest ];  name := [domain "/"] path
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const IMAGE_REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The parts of an image reference, or undefined when it does not follow the grammar. */
export function parseImageReference(ref: string): { name: string; tag?: string; digest?: string } | undefined {
  const m = ref.match(IMAGE_REFERENCE);
  if (!m) return undefined;
  return { name: m[1], ...(m[2] ? { tag: m[2] } : {}), ...(m[3] ? { digest: m[3] } : {}) };
}

/**
 * A container image reference with a pinned tag or digest: an untagged reference means
 * `:latest`, which changes under a running deployment, so it is refused like `:latest` itself.
 */
export const IMAGE_GRAMMAR: StringGrammar = {
  noun: 'a pinned image reference',
  // The name is at most 255 characters (reference.go NameTotalLengthMax), plus tag and digest.
  maxLength: 512,
  pattern: IMAGE_REFERENCE,
  jsonPattern: `^${NAME}(?::${TAG})?(?:@${DIGEST})?$`,
  rule: "[registry/]path:tag or [registry/]path@sha256:<digest>, lowercase path (like 'registry.example.com/team/worker:1.2.3')",
  extra: (s) => {
    const ref = parseImageReference(s);
    if (!ref) return undefined;
    if (ref.name.length > 255) return `the name part is ${ref.name.length} characters; registries allow at most 255`;
    if (!ref.tag && !ref.digest) return `it has no tag or digest, which means ':latest'; pin a version, e.g. '${s}:1.0.0', or a digest '${s}@sha256:...'`;
    if (ref.tag?.toLowerCase() === 'latest' && !ref.digest) return "':latest' changes under a running deployment; pin a version or a digest";
    return undefined;
  },
  nearest: (s) => {
    const lower = s.trim().toLowerCase();
    return lower !== s && parseImageReference(lower) ? lower : undefined;
  },
};

// ---------------------------------------------------------------------------------------------
// Cloud identifiers

/** AWS account id: 12 digits (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html). */
export const AWS_ACCOUNT_GRAMMAR: StringGrammar = { noun: 'an AWS account id', maxLength: 12, minLength: 12, pattern: /^\d{12}$/, rule: '12 digits' };

/**
 * AWS region names: `us-east-1`, `us-gov-west-1`, `ap-southeast-5` (words and a number). The
 * catalog's region-known rule says which regions exist; this grammar keeps anything else out.
 */
export const AWS_REGION_GRAMMAR: StringGrammar = {
  noun: 'an AWS region name',
  maxLength: 25,
  pattern: /^[a-z]{2,}(?:-[a-z]+)*-\d{1,2}$/,
  rule: "a region code like 'us-east-1' (not an availability zone like 'us-east-1a')",
  nearest: (s) => s.toLowerCase().trim().replace(/(-\d{1,2})[a-z]$/, '$1').replace(/\s+/g, '-'),
};

/** GCP region names: `us-central1`, `europe-west4`, `northamerica-northeast1`. */
export const GCP_REGION_GRAMMAR: StringGrammar = {
  noun: 'a GCP region name',
  maxLength: 30,
  pattern: /^[a-z]+-[a-z]+\d{1,2}$/,
  rule: "a region like 'us-central1' (not a zone like 'us-central1-a')",
  nearest: (s) => s.toLowerCase().trim().replace(/-[a-z]$/, ''),
};

/** Azure location names: `eastus`, `westeurope`, `eastus2` (the name, not the display name 'East US'). */
export const AZURE_LOCATION_GRAMMAR: StringGrammar = {
  noun: 'an Azure location name',
  maxLength: 40,
  pattern: /^[a-z][a-z0-9]*$/,
  rule: "a location name like 'eastus' (lowercase, no spaces; not the display name 'East US')",
  nearest: (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '') || undefined,
};

/**
 * GCP project ids: 6 to 30 characters, lowercase letters, digits and '-', starting with a letter,
 * not ending with '-' (https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin).
 */
export const GCP_PROJECT_GRAMMAR: StringGrammar = {
  noun: 'a GCP project id',
  maxLength: 30,
  minLength: 6,
  pattern: /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/,
  rule: "6 to 30 lowercase letters, digits and '-', starting with a letter and not ending with '-' (the project id, not its name or number)",
  nearest: (s) => {
    const n = s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 30).replace(/-+$/, '');
    return n.length >= 6 ? n : undefined;
  },
};

/**
 * Azure resource group names: 1 to 90 letters, digits, '_', '-', '.', '(' and ')', Unicode letters
 * included, not ending with '.'
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources).
 */
export const AZURE_RESOURCE_GROUP_GRAMMAR: StringGrammar = {
  noun: 'an Azure resource group name',
  maxLength: 90,
  pattern: /^[-\p{L}\p{N}_.()]*[-\p{L}\p{N}_()]$/u,
  jsonPattern: '^[-\\p{L}\\p{N}_.()]*[-\\p{L}\\p{N}_()]$',
  rule: "letters, digits, '_', '-', '.', '(' and ')', not ending with '.'",
  nearest: (s) => s.replace(/[^-\p{L}\p{N}_.()]+/gu, '-').replace(/\.+$/, '') || undefined,
};

// ---------------------------------------------------------------------------------------------
// Routing headers, emails, tags

/** An HTTP header name: an RFC 9110 token (section 5.1, `tchar`). */
export const HEADER_NAME_GRAMMAR: StringGrammar = {
  noun: 'an HTTP header name',
  maxLength: 128,
  pattern: /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/,
  rule: "letters, digits and !#$%&'*+-.^_`|~ (an RFC 9110 token), like 'x-quality'",
  extra: (s) =>
    ['authorization', 'proxy-authorization', 'cookie'].includes(s.toLowerCase())
      ? `'${s}' carries credentials, and routing rules are stored in plain text in the router's ConfigMap; route on another header`
      : undefined,
  nearest: (s) => s.trim().replace(/[^!#$%&'*+.^_`|~0-9A-Za-z-]+/g, '-') || undefined,
};

/** An HTTP header value to match: visible ASCII, inner spaces allowed (RFC 9110 section 5.5 field-value, no obs-text). */
export const HEADER_VALUE_GRAMMAR: StringGrammar = {
  noun: 'an HTTP header value',
  maxLength: 1024,
  pattern: /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/,
  rule: 'visible ASCII characters, spaces only between them',
  nearest: (s) => s.trim() || undefined,
};

/** An email address, at most 254 characters (RFC 5321 path limit). zod's email check applies too. */
export const EMAIL_MAX_LENGTH = 254;

/** Tag keys: at most 128 characters, the longest any target allows (AWS); per-cloud rules check the rest. */
export const TAG_KEY_GRAMMAR: StringGrammar = { ...plainText('a tag key', 128), maxLengthReason: 'the longest tag key AWS takes' };
/** Tag values: at most 256 characters (AWS and Azure); per-cloud rules check the rest. */
export const TAG_VALUE_GRAMMAR: StringGrammar = { ...plainText('a tag value', 256, 0), maxLengthReason: 'the longest tag value AWS and Azure take' };
