/** The grammar of spec strings (issue 12, defect 9): what each field accepts and refuses. */
import { helmReleasesFor, KEDA_NAMESPACE, PROMETHEUS_RELEASE, renderWorkload, UNBOUND_PREFIX } from '../../lib/k8s';
import { resolvePlan } from '../../lib/plan/resolve';
import { isSystemNamespace } from '../../lib/plan/names';
import {
  AWS_ACCOUNT_GRAMMAR,
  AWS_REGION_GRAMMAR,
  AZURE_LOCATION_GRAMMAR,
  AZURE_RESOURCE_GROUP_GRAMMAR,
  GCP_PROJECT_GRAMMAR,
  GCP_REGION_GRAMMAR,
  grammarProblem,
  HEADER_NAME_GRAMMAR,
  HEADER_VALUE_GRAMMAR,
  IMAGE_GRAMMAR,
  MODEL_ID_GRAMMAR,
  parseImageReference,
  StringGrammar,
  UNBOUND_MARKER,
  unsafeTextProblem,
} from '../../lib/spec/grammar';
import { parseSpec } from '../../lib/spec/validate';
import { baseSpec } from '../support/specs';

const table: [string, StringGrammar, string[], string[]][] = [
  [
    'model ids',
    MODEL_ID_GRAMMAR,
    ['meta-llama/Llama-3.1-8B-Instruct', 'gpt2', 'Qwen/Qwen2.5-0.5B', 'mistralai/Mixtral-8x7B-Instruct-v0.1', 'org_1/model_x'],
    ['--trust-remote-code', '-x', '$(HF_TOKEN)', '/models/llama', '../x', 'a/b/c', 'org//x', 'org/a--b', 'org/a..b', 'org/name.', 'x y', 'a'.repeat(97)],
  ],
  [
    'images',
    IMAGE_GRAMMAR,
    ['registry.example.com/worker:1.0.0', 'vllm/vllm-openai:v0.26.0', 'localhost:5000/x:1', `ghcr.io/acme/w@sha256:${'a'.repeat(64)}`, `x:1@sha256:${'b'.repeat(64)}`, 'Registry.Example.com/team/x:2', '[::1]:5000/x:1'],
    ['registry.example.com/x', 'x:latest', 'x:LATEST', '-x:1', 'registry.example.com/Team/x:1', 'x:1 --privileged', 'x@sha256:abc', 'x:', ':1', 'x:1\n'],
  ],
  ['AWS regions', AWS_REGION_GRAMMAR, ['us-east-1', 'us-gov-west-1', 'ap-southeast-5', 'cn-northwest-1'], ['us-east-1a', 'US-EAST-1', 'us east 1', 'us-east', '']],
  ['AWS accounts', AWS_ACCOUNT_GRAMMAR, ['111122223333'], ['11112222333', ' 111122223333', '1111-2222-3333']],
  ['GCP regions', GCP_REGION_GRAMMAR, ['us-central1', 'europe-west4', 'northamerica-northeast1'], ['us-central1-a', 'us-central', 'US-CENTRAL1']],
  ['GCP projects', GCP_PROJECT_GRAMMAR, ['acme-ml', 'a12345', 'a'.repeat(30)], ['acme', '1acme-ml', 'acme-ml-', 'Acme-ml', 'x"}) or vector(1000) #', 'a'.repeat(31), '123456789012']],
  ['Azure locations', AZURE_LOCATION_GRAMMAR, ['eastus', 'westeurope', 'eastus2euap'], ['East US', 'east-us', '1east']],
  ['Azure resource groups', AZURE_RESOURCE_GROUP_GRAMMAR, ['rg', 'rg-ml_(prod).1', 'gruppe-ä'], ['rg.', 'rg name', 'rg\nx', 'r'.repeat(91), 'rg/x']],
  ['header names', HEADER_NAME_GRAMMAR, ['x-quality', 'X-Tier', "x!#$%&'*+.^_`|~"], ['x quality', 'x:y', 'authorization', 'Cookie', 'Proxy-Authorization', '']],
  ['header values', HEADER_VALUE_GRAMMAR, ['high', 'a b', 'v=1;q=0.5'], [' high', 'high ', 'a\r\nb', 'ü', '']],
];

describe.each(table)('%s', (_name, grammar, good, bad) => {
  it.each(good)('accepts %j', (s) => expect(grammarProblem(s, grammar)).toBeUndefined());
  it.each(bad)('refuses %j', (s) => expect(grammarProblem(s, grammar)).toEqual(expect.any(String)));
});

describe('text no field accepts', () => {
  it.each([
    ['${Token[TOKEN.21]}', "contains '${Token[': CDK would resolve it as a token into a CloudFormation expression; write the literal value instead"],
    ['{{resolve:ssm:/db}}', "contains '{{resolve:': CloudFormation would resolve it as a dynamic reference at deploy time; write the literal value instead"],
    ['Fn::Sub', "contains 'Fn::': it looks like a CloudFormation intrinsic function; write the literal value instead"],
    ['${AWS::AccountId}', "contains '${AWS::': CloudFormation would read it as a pseudo parameter; write the literal value instead"],
    ['os.environ/LITELLM_MASTER_KEY', "contains 'os.environ/': LiteLLM would read it as an environment variable of the router; write the literal value instead"],
    ['inferstack-unbound:queue.queueUrl', "contains 'inferstack-unbound:': inferstack marks missing cloud bindings with it; write the literal value instead"],
    ['a\u001b[31m', 'contains the control character U+001B at position 2; spec strings are printable text on one line'],
    ['a\u2028b', 'contains the control character U+2028 at position 2; spec strings are printable text on one line'],
    ['ab\u202e', 'contains the control character U+202E at position 3; spec strings are printable text on one line'],
  ])('%j', (s, message) => expect(unsafeTextProblem(s)).toBe(message));
});

it('splits image references as the OCI grammar does', () => {
  expect(parseImageReference('localhost:5000/team/x:1.2')).toEqual({ name: 'localhost:5000/team/x', tag: '1.2' });
  expect(parseImageReference('registry.example.com:5000/x')).toEqual({ name: 'registry.example.com:5000/x' });
});

describe('constants shared with the renderers stay in step', () => {
  it('the unbound marker is lib/k8s UNBOUND_PREFIX', () => {
    expect(UNBOUND_MARKER).toBe(UNBOUND_PREFIX);
  });

  it('every namespace a Helm release inferstack installs uses is a system namespace', () => {
    const plan = resolvePlan(parseSpec(baseSpec()), 'aws');
    const namespaces = [...helmReleasesFor(plan, { kedaAddon: false }), ...renderWorkload(plan).helmReleases].map((r) => r.namespace);
    for (const ns of [...namespaces, KEDA_NAMESPACE, PROMETHEUS_RELEASE.namespace, 'kube-system']) expect(isSystemNamespace(ns)).toBe(true);
  });
});
