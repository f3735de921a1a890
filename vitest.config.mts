import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src-core/**/*.spec.ts', 'src-main/**/*.spec.ts', 'db/**/*.spec.ts', 'src-renderer/**/*.spec.ts', 'scripts/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks'
  }
})
