// ESLint flat config: typescript-eslint recommended, plus the layering rule of DESIGN §1:
// the pure core (spec, catalog, plan, cost, k8s, policy) imports no cloud SDK.
import tseslint from 'typescript-eslint';

const cloudSdks = ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@pulumi/*', '@aws-cdk/*', 'cdk-nag'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdk.out/**', 'out/**', '.tmp/**', '.dump*.ts', '**/*.js', '**/*.mjs'] },
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
    files: ['lib/spec/**', 'lib/catalog/**', 'lib/plan/**', 'lib/cost/**', 'lib/k8s/**', 'lib/policy/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: cloudSdks, message: 'The pure core must not import a cloud SDK (DESIGN §1).' }],
      }],
    },
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
