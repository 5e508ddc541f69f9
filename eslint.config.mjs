// ESLint flat config: typescript-eslint recommended, plus the layering rule of DESIGN §1:
// the pure core (spec, catalog, plan, cost, k8s, policy) imports no cloud SDK.
import tseslint from 'typescript-eslint';

const cdk = ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@aws-cdk/*', 'cdk-nag', '@cdklabs/*'];
const pulumi = ['@pulumi/*'];
const cloudSdks = [...cdk, ...pulumi];
// The whole of @pulumi/azure-native costs seconds and ~800 MB per type-check: submodules only.
const azureNativeRoot = { name: '@pulumi/azure-native', message: 'Import @pulumi/azure-native by submodule (e.g. @pulumi/azure-native/containerservice).' };
const restrict = (group, message, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns: group.length ? [{ group, message }] : [] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdk.out/**', 'out/**', '.tmp/**', '.dump*.ts', '**/*.js', '**/*.mjs', 'test/package/consumer-*/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests mutate specs freely to build bad input.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['lib/spec/**', 'lib/catalog/**', 'lib/plan/**', 'lib/cost/**', 'lib/k8s/**', 'lib/policy/**', 'lib/util/**', 'lib/index.ts', 'lib/load.ts'],
    rules: restrict(cloudSdks, 'The pure core must not import a cloud SDK (DESIGN §1).'),
  },
  {
    files: ['lib/aws/**', 'stacks/aws-stack.ts', 'bin/app.ts'],
    rules: restrict(pulumi, 'The AWS renderer is CDK only: no Pulumi package (DESIGN §1).'),
  },
  {
    files: ['lib/gcp/**', 'lib/azure/**', 'lib/pulumi/**', 'stacks/pulumi/**'],
    rules: restrict(cdk, 'The Pulumi renderers must not import aws-cdk-lib or constructs (DESIGN §1).', [azureNativeRoot]),
  },
  {
    files: ['test/**', 'bench/**'],
    rules: restrict([], '', [azureNativeRoot]),
  },
  {
    // lib/policy reads plain data only: besides no cloud SDK, no renderer (lib/aws, stacks, bin)
    // and no filesystem or process; the CLI hands it templates and graphs as JSON.
    files: ['lib/policy/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: cloudSdks, message: 'The pure core must not import a cloud SDK (DESIGN §1).' },
          { group: ['**/aws/*', '**/gcp/*', '**/azure/*', '**/stacks/*', '**/bin/*'], message: 'lib/policy reads what renderers produce as data; it never imports a renderer.' },
          { group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'lib/policy is pure: the caller reads files and passes their JSON.' },
        ],
      }],
    },
  },
);
