// Lab host start → first panel painted in Chromium, median of 5 (part of npm run bench:store).
// Baseline, same run: the same browser loading a static page from a bare node:http server started
// the same way, so the ratio shows what the workbench adds over process start + page load.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import readline from 'node:readline'
import { launchChromium } from '../e2e/support/chromium'

const ROOT = path.resolve(__dirname, '..')
const OUT = path.resolve(ROOT, process.env.RRAM_OUT_DIR ?? 'out')
const RUNS = 5

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function spawnUntilLine(args: string[]): Promise<{ line: string; kill(): void }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve({ line, kill: () => child.kill() }))
    child.once('exit', (c) => reject(new Error(`exited ${c}`)))
  })
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(OUT, 'main', 'cli.js'))) throw new Error(`build first: npm run build (${OUT})`)
  const browser = await launchChromium()
  const staticScript = `const http=require('node:http');const s=http.createServer((q,r)=>{r.writeHead(200,{'Content-Type':'text/html'});r.end('<!doctype html><h1 id=ok>ok</h1>')});s.listen(0,'127.0.0.1',()=>console.log('http://127.0.0.1:'+s.address().port+'/'))`
  const host: number[] = []
  const base: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage()
    let t0 = performance.now()
    const b = await spawnUntilLine(['-e', staticScript])
    await page.goto(b.line)
    await page.waitForSelector('#ok')
    base.push(performance.now() - t0)
    b.kill()

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rram-bench-host-'))
    t0 = performance.now()
    const h = await spawnUntilLine([path.join(OUT, 'main', 'cli.js'), 'serve', '--port', '0', '--db', path.join(dir, 'lab.sqlite')])
    const url = h.line.replace(/^Lab host: /, '')
    await page.goto(url)
    await page.waitForSelector('[data-panel-root]')
    await page.waitForFunction(() => document.querySelector('[data-status="transport"]')?.textContent?.includes('connected'))
    host.push(performance.now() - t0)
    h.kill()
    await page.close()
  }
  await browser.close()
  console.log(`Lab host start → first panel painted (median of ${RUNS})`)
  console.log(`  static page baseline : ${median(base).toFixed(0)} ms  (${base.map((x) => x.toFixed(0)).join(', ')})`)
  console.log(`  lab host + workbench : ${median(host).toFixed(0)} ms  (${host.map((x) => x.toFixed(0)).join(', ')})`)
  console.log(`  ratio                : ${(median(host) / median(base)).toFixed(2)}×`)
}

void main()
