import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { startLabHost } from '../../host/lab-host'
import { Services } from '../../services'
import { defaultDbFile } from '../../services/store/default-location'
import { findAppRoot } from '../../services/store/migrations'
import { parsePort, fail } from '../options'

/** The renderer built beside this CLI (out/main/cli.js → out/renderer), else the project's out/renderer. */
function builtRendererDir(): string {
  const beside = path.join(__dirname, '..', 'renderer')
  return fs.existsSync(path.join(beside, 'index.html')) ? beside : path.join(findAppRoot(), 'out', 'renderer')
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the lab host: the workbench in a browser, with the API over one WebSocket')
    .option('--port <n>', 'TCP port; 0 picks any free port', '0')
    .option('--db <file>', 'SQLite lab notebook (created if missing)', defaultDbFile())
    .option('--host <addr>', 'address to bind; anything but loopback exposes the lab to the network', '127.0.0.1')
    .action(async (opts: { port: string; db: string; host: string }) => {
      const port = parsePort(opts.port)
      const rendererDir = builtRendererDir()
      if (!fs.existsSync(path.join(rendererDir, 'index.html'))) fail(`the renderer is not built (${rendererDir}): run npm run build`)
      if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host))
        process.stderr.write(`warning: binding ${opts.host} makes the lab host reachable from other machines; anyone with the token can drive it\n`)
      fs.mkdirSync(path.dirname(path.resolve(opts.db)), { recursive: true })
      let services: Services
      try {
        services = new Services({ dbFile: opts.db })
      } catch (e) {
        fail((e as Error).message)
      }
      const host = await startLabHost({ services, rendererDir, port, host: opts.host })
      process.stdout.write(`Lab host: ${host.url}\n`)
      const stop = () => {
        void host
          .close()
          .then(() => services.close())
          .finally(() => process.exit(0))
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}
