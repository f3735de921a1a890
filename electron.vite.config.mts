import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// RRAM_OUT_DIR lets parallel builds (several developers, or CI) use separate output folders.
const out = process.env.RRAM_OUT_DIR ?? 'out'

// One build for the three faces: Electron main + the CLI/lab host (out/main), the sandboxed
// preload (out/preload, bundled whole: a sandboxed preload cannot require node_modules), and the
// renderer (out/renderer), which the lab host serves to browsers.
export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
          'run-worker': resolve(__dirname, 'src-main/services/runs/run-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: {
      alias: {
        '@renderer': resolve(__dirname, 'src-renderer/src'),
        '@api': resolve(__dirname, 'src-main/api'),
        '@core': resolve(__dirname, 'src-core')
      }
    },
    build: {
      outDir: resolve(__dirname, `${out}/renderer`),
      rollupOptions: {
        input: resolve(__dirname, 'src-renderer/index.html')
      }
    },
    plugins: [vue()]
  }
})
