import { defineConfig } from 'vitest/config'

// Plain-Node tests. The workerd tests have their own config (vitest.workers.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/workers/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
})
