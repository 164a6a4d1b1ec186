// Type-aware lint over the workspace's TypeScript and the web app's sources (web/src; each file is typed by its
// nearest tsconfig.json, so web/ keeps its own DOM/JSX settings). The rules that matter most here: no floating or
// misused promises, and no `any` leaking through unchecked.
import tseslint from 'typescript-eslint';
export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**', 'var/**', '**/generated/**', '**/*.js', '**/*.mjs', 'drizzle/*.config.ts', 'vitest.config.ts',
      '**/.next/**',
      // web/: only src/ (its build config and scripts are checked by its own tsc and Next.js build)
      'web/*', '!web/src',
    ],
  },
  {
    files: ['**/*.ts', 'web/src/**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
