#!/usr/bin/env node
// `npm run serve [-- --port N --db FILE --host ADDR]`: build when the sources are newer than the
// build, then start the lab host (its one stdout line is the URL to open).
const { spawnSync, spawn } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const stamp = path.join(root, 'out', 'renderer', 'index.html')
const cli = path.join(root, 'out', 'main', 'cli.js')

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

const built = fs.existsSync(stamp) && fs.existsSync(cli) ? Math.min(fs.statSync(stamp).mtimeMs, fs.statSync(cli).mtimeMs) : 0
const sources = Math.max(...['src-main', 'src-renderer', 'src-core', 'db'].map((d) => newestMtime(path.join(root, d))))
if (sources > built) {
  process.stderr.write('building the workbench (npm run build)…\n')
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
const child = spawn(process.execPath, [cli, 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
