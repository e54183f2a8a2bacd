// Lint rules. Cores under src/services/*/core must stay pure and deterministic:
// no wall clock, no ambient randomness, no node I/O.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeIoModules = [
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'dgram', 'dns', 'tls',
  'cluster', 'worker_threads', 'os', 'process', 'readline', 'stream',
].flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'console/dist/**', '.tradewatch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/services/*/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeIoModules.map((name) => ({ name, message: 'cores are pure: do I/O in adapters/' })) }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'cores take time from an injected Clock' },
        { object: 'Math', property: 'random', message: 'cores take randomness from platform/random' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date']", message: 'cores take time from an injected Clock' },
      ],
    },
  },
);
