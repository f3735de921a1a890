import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // The same aliases as the renderer build, so renderer modules are unit-testable as written.
    alias: {
      '@renderer': resolve(__dirname, 'src-renderer/src'),
      '@api': resolve(__dirname, 'src-main/api'),
      '@core': resolve(__dirname, 'src-core')
    }
  },
  test: {
    include: ['src-core/**/*.spec.ts', 'src-main/**/*.spec.ts', 'db/**/*.spec.ts', 'src-renderer/**/*.spec.ts', 'scripts/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks'
  }
})
