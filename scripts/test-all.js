#!/usr/bin/env node
// `npm test`: every suite in order — typecheck (renderer, main, pure core), lint, format, unit tests,
// build, end-to-end — then one line `N passed, N failed, N skipped` with the totals of all suites.
// Keeps going after a failing suite so one run reports everything; exits non-zero if any failed.
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const tmp = path.join(root, '.tmp')
fs.mkdirSync(tmp, { recursive: true })
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const totals = { passed: 0, failed: 0, skipped: 0 }
const summary = []

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${[path.basename(cmd), ...args].join(' ')}\n`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  return { ok: r.status === 0, seconds }
}

function single(label, cmd, args) {
  const r = run(label, cmd, args)
  totals[r.ok ? 'passed' : 'failed'] += 1
  summary.push(`${label}: ${r.ok ? 'ok' : 'FAILED'} (${r.seconds} s)`)
  return r.ok
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

single('typecheck renderer', bin('vue-tsc'), ['--noEmit', '-p', 'tsconfig.web.json'])
single('typecheck main', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json'])
single('typecheck end-to-end tests', bin('tsc'), ['--noEmit', '-p', 'tsconfig.e2e.json'])
single('typecheck core (pure: no DOM, no Node)', bin('tsc'), ['--noEmit', '-p', 'src-core/tsconfig.json'])
single('lint', bin('eslint'), ['.', '--max-warnings=0'])
single('format (prettier --check)', bin('prettier'), ['--check', '.'])

const unitJson = path.join(tmp, 'vitest.json')
fs.rmSync(unitJson, { force: true })
const unit = run('unit tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`])
const u = readJson(unitJson)
if (u) {
  totals.passed += u.numPassedTests
  totals.failed += u.numFailedTests + (u.numFailedTestSuites && !u.numFailedTests ? u.numFailedTestSuites : 0)
  totals.skipped += (u.numPendingTests ?? 0) + (u.numTodoTests ?? 0)
  summary.push(`unit tests: ${u.numPassedTests} passed, ${u.numFailedTests} failed (${unit.seconds} s)`)
} else {
  totals.failed += 1
  summary.push(`unit tests: FAILED to report (${unit.seconds} s)`)
}

const built = single('build', bin('electron-vite'), ['build'])
if (built) {
  const e2eJson = path.join(root, 'test-results', 'e2e-results.json')
  fs.rmSync(e2eJson, { force: true })
  const e2e = run('end-to-end (Playwright, lab host, Chromium)', bin('playwright'), ['test'])
  const e = readJson(e2eJson)
  if (e && e.stats) {
    const failed = e.stats.unexpected + (e.errors?.length ?? 0)
    totals.passed += e.stats.expected + e.stats.flaky
    totals.failed += failed
    totals.skipped += e.stats.skipped
    summary.push(`end-to-end: ${e.stats.expected + e.stats.flaky} passed, ${failed} failed, ${e.stats.skipped} skipped (${e2e.seconds} s)`)
  } else {
    totals.failed += 1
    summary.push(`end-to-end: FAILED to report (${e2e.seconds} s)`)
  }
} else {
  totals.failed += 1
  summary.push('end-to-end: not run (build failed)')
}

process.stdout.write('\n' + summary.map((s) => `  ${s}`).join('\n') + '\n')
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`)
process.exit(totals.failed > 0 ? 1 : 0)
