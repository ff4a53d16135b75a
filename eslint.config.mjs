// Lint: typescript-eslint recommended, Prettier owns formatting, and Nx enforces the
// dependency direction (README.md, "Where things go") through project tags.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * SQL against the event store lives in data-access modules (`*queries.ts`: named, typed functions
 * over `SqlSource`), so logic and apps never spell the store's tables. A `.rows(sql, ...)` call is
 * how SQL reaches the store; `rows()` without arguments (a lazily built matrix, as in
 * libs/stats' logistic) is not SQL. The store itself, specs and `testing/` worlds may call it.
 */
const SQL_IN_QUERIES_MODULES = {
  selector: "CallExpression[callee.property.name='rows'][arguments.length>0]",
  message:
    'SQL against the event store lives in a *queries.ts data-access module (README: Where things go)',
};

export default [
  { ignores: ['node_modules', 'dist', '.nx', '.hirelearn', 'libs/proto/src/gen', 'models'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // The cross-app tests (test/) and benches (tools/) may use a lib's testing helpers.
          allow: ['^(\\.\\./)+libs/[^/]+/src/testing/'],
          depConstraints: [
            { sourceTag: 'scope:stats', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:env', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:moo', onlyDependOnLibsWithTags: ['scope:stats'] },
            {
              sourceTag: 'scope:weekly-insights',
              onlyDependOnLibsWithTags: [
                'scope:engine',
                'scope:compute',
                'scope:stats',
                'scope:temporal',
                'scope:store',
                'scope:contract',
                'scope:sim',
                'scope:ingest',
                'scope:insight-quality',
              ],
            },
            {
              sourceTag: 'scope:plan',
              onlyDependOnLibsWithTags: [
                'scope:moo',
                'scope:engine',
                'scope:store',
                'scope:contract',
                'scope:compute',
                'scope:stats',
                'scope:ingest',
                'scope:sim',
              ],
            },
            {
              sourceTag: 'scope:personalize',
              onlyDependOnLibsWithTags: [
                'scope:engine',
                'scope:compute',
                'scope:stats',
                'scope:store',
                'scope:proto',
                'scope:rpc',
                'scope:contract',
                // the specs' simulated worlds
                'scope:sim',
                'scope:ingest',
              ],
            },
            {
              // Training runs read the facts (store, analytics) and register (registry) models
              // of libs/ml; the serving lib (services) and libs/ml do not depend on it.
              sourceTag: 'scope:training',
              onlyDependOnLibsWithTags: [
                'scope:compute',
                'scope:engine',
                'scope:store',
                'scope:contract',
                'scope:stats',
                // its testing world ingests a simulated one
                'scope:sim',
                'scope:ingest',
              ],
            },
            { sourceTag: 'scope:proto', onlyDependOnLibsWithTags: [] },
            // The gRPC runtime serves and calls the generated contracts (its specs use them).
            { sourceTag: 'scope:rpc', onlyDependOnLibsWithTags: ['scope:proto'] },
            { sourceTag: 'scope:contract', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'scope:compute',
              onlyDependOnLibsWithTags: ['scope:stats', 'scope:compute', 'scope:contract'],
            },
            { sourceTag: 'scope:sim', onlyDependOnLibsWithTags: ['scope:contract', 'scope:stats'] },
            { sourceTag: 'scope:store', onlyDependOnLibsWithTags: ['scope:contract'] },
            {
              sourceTag: 'scope:insight-quality',
              onlyDependOnLibsWithTags: [
                'scope:contract',
                'scope:store',
                'scope:stats',
                'scope:compute',
                'scope:engine',
                // Its specs build a simulated world and ingest it.
                'scope:sim',
                'scope:ingest',
              ],
            },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:app'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            {
              sourceTag: 'scope:ingest',
              onlyDependOnLibsWithTags: ['scope:contract', 'scope:store'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', '**/*queries.ts', 'libs/store/**'],
    rules: { 'no-restricted-syntax': ['error', SQL_IN_QUERIES_MODULES] },
  },
  {
    // A lib's index is its public API: named exports, grouped, like libs/registry/src/index.ts;
    // `export *` would publish its internals again. Every lib but the generated contracts.
    files: ['libs/*/src/index.ts'],
    ignores: ['libs/proto/src/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'name what the lib exports (its public API); internals stay internal',
        },
        // Repeated: a later block's options for a rule replace an earlier block's.
        SQL_IN_QUERIES_MODULES,
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
