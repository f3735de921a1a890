import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import {
  figureCharts,
  figureCsvTables,
  FIGURE_TITLES,
  paperComparison,
  paperTable1Accuracy,
  slowestByPhase,
  type Fig4bResult,
  type FigureName,
  type FigureResult,
  type FigureResults
} from '../../../src-core/experiment/figures'
import { APP_VERSION } from '../../app-info'
import { renderFigurePng } from './png'
import type { FigureStatus, ReproductionStatus } from './reproduce-service'

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const pct = (a: number | null) => (a === null ? '–' : `${(100 * a).toFixed(1)} %`)

/** Table 1 as the paper prints it, ours beside the paper's, for the report. */
function table1Html(r: FigureResults['table1']): string {
  const ics = [...new Set(r.cells.map((c) => c.iComplianceUA))]
  const vs = [...new Set(r.cells.map((c) => c.vStopV))]
  const head = `<tr><th>I_C \\ V_STOP</th>${vs.map((v) => `<th>${v.toFixed(1)} V</th>`).join('')}</tr>`
  const rows = ics.map((ic) => {
    const tds = vs.map((v) => {
      const c = r.cells.find((x) => x.iComplianceUA === ic && x.vStopV === v)
      const p = paperTable1Accuracy(ic, v)
      return `<td>${pct(c?.accuracy ?? null)}<br><small>paper ${pct(p)}</small></td>`
    })
    return `<tr><th>${ic} µA</th>${tds.join('')}</tr>`
  })
  return `<table>${head}${rows.join('')}</table>`
}

/** A one-paragraph reading of the figure for the report and the CLI. */
export function figureSummary(figure: FigureName, result: FigureResult): string {
  switch (figure) {
    case 'table1': {
      const r = result as FigureResults['table1']
      const acc = r.cells.map((c) => c.accuracy).filter((a): a is number => a !== null)
      return acc.length
        ? `accuracy ${pct(Math.min(...acc))} → ${pct(Math.max(...acc))} over ${r.cells.length} cells (${r.cells[0]?.seeds ?? 0} seeds a cell); paper 69.4 % → 99.3 %`
        : 'no cell finished'
    }
    case 'fig4b': {
      const r = result as FigureResults['fig4b']
      const at = (t: number) => r.trials.find((x) => x.trial === t)
      const f = (t: number) => (at(t) ? `${at(t)!.medianTimeUs.toFixed(0)} µs` : '–')
      const [, , sw, back] = paperComparison('fig4b', r).map((x) => x.ours ?? '–')
      return `median time to reward: trial 1 ${f(1)}, 60 ${f(60)}, 61 ${f(61)}, 120 ${f(120)}, 121 ${f(121)}, 180 ${f(180)} (cut-off ${r.cutoffUs.toFixed(0)} µs); after the switch: ${sw}; back on maze 1: ${back}`
    }
    case 'fig4c': {
      const r = result as FigureResults['fig4c']
      const first = r.trials[0]
      const last = r.trials.at(-1)
      const nj = (j: number | undefined) => (j === undefined ? '–' : `${(j * 1e9).toPrecision(3)} nJ`)
      return `median energy, trial 1 → ${last?.trial ?? '–'}: firing ${nj(first?.fireJ)} → ${nj(last?.fireJ)}, integration ${nj(first?.integrationJ)} → ${nj(last?.integrationJ)}, controller ${nj(first?.controllerJ)} → ${nj(last?.controllerJ)}`
    }
    case 'fig4f': {
      const r = result as FigureResults['fig4f']
      const m = (agent: string) => {
        const a = r.cells.filter((c) => c.agent === agent && c.accuracy !== null).map((c) => c.accuracy as number)
        return a.length ? `${pct(Math.min(...a))} – ${pct(Math.max(...a))} (${r.cells.find((c) => c.agent === agent)?.seeds ?? 0} seeds a cell)` : '–'
      }
      return `accuracy over the map: bio-RRAM ${m('bio-rram')}, deep Q ${m('dqn')}`
    }
    case 'fig4g': {
      const r = result as FigureResults['fig4g']
      const last = r.rows.at(-1)
      return last
        ? `at ${last.positions.toLocaleString('en')} positions: bio-RRAM ${last.bioRram.toLocaleString('en')}, tabular Q ${last.qTable.toLocaleString('en')}, deep Q ${last.dqn.toLocaleString('en')} memory elements`
        : '–'
    }
    case 'fig5d': {
      const r = result as FigureResults['fig5d']
      const [, ratio] = paperComparison('fig5d', r).map((x) => x.ours)
      return ratio ? `learned path / shortest (${r.shortestMoves ?? 97} moves): ${ratio}; paper ≈ 1.8×` : '–'
    }
    case 'fig5g': {
      const r = result as FigureResults['fig5g']
      const n = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(0))
      const first = r.trials[0]
      const last = r.trials.at(-1)
      return `mean moves, trial 1: from scratch ${n(first?.beforeMeanMoves)}, from the learned state ${n(first?.afterMeanMoves)}; trial ${last?.trial ?? '–'}: ${n(last?.beforeMeanMoves)} vs ${n(last?.afterMeanMoves)}`
    }
  }
}

/** One figure's files: its CSV, any extra CSV (fig4b's seeds), and its PNG. */
interface FigureFiles {
  csv: { name: string; text: string }[]
  png: { name: string; data: Buffer }
}

function filesOf(f: FigureStatus): FigureFiles {
  const result = f.result as never
  const csv = figureCsvTables(f.figure, result).map(({ name, rows }) => ({ name, text: Papa.unparse(rows as unknown[][], { newline: '\n' }) + '\n' }))
  return { csv, png: { name: `${f.figure}.png`, data: renderFigurePng(figureCharts(f.figure, result)) } }
}

/** The report page around its sections; `about` is the line under the title (HTML). */
function reportPage(about: string, sections: string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rram-workbench reproduce — Bianchi et al. 2023</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:1500px;margin:1.5em auto;padding:0 1em;color:#222}
h2{margin-top:2em;border-bottom:1px solid #ccc}img{max-width:100%;border:1px solid #ddd}table{border-collapse:collapse;margin:.6em 0}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}.beside td,.beside th{text-align:left;vertical-align:top}small{color:#666}.partial{color:#b00}code{background:#f4f4f4;padding:0 .2em}</style></head>
<body><h1>Reproduction of Bianchi et al., <i>Nat. Commun.</i> 14, 1565 (2023)</h1>
<p>${about}
Every run behind these figures is stored in the notebook (tag <code>reproduce</code>; sweeps named <code>reproduce …</code>). Protocols: <code>docs/reproduce.md</code>.</p>
${sections.join('\n')}
</body></html>
`
}

/**
 * `--out DIR`: per figure `NAME.csv` and `NAME.png`, and one `index.html` with all figures, our
 * numbers beside the paper's where the docs hold them.
 */
export function writeReport(dir: string, status: ReproductionStatus): string[] {
  fs.mkdirSync(dir, { recursive: true })
  const written: string[] = []
  const sections: string[] = []
  for (const f of status.figures) {
    if (!f.result) continue
    const files = filesOf(f)
    for (const c of files.csv) fs.writeFileSync(path.join(dir, c.name), c.text)
    fs.writeFileSync(path.join(dir, files.png.name), files.png.data)
    written.push(files.csv[0].name, files.png.name, ...files.csv.slice(1).map((c) => c.name))
    sections.push(section(f, { png: files.png.name, csv: files.csv.map((c) => ({ name: c.name, href: c.name })) }))
  }
  const about = `rram-workbench ${esc(APP_VERSION)} · reproduction <code>${esc(status.id)}</code> · ${esc(status.startedAt)} → ${esc(status.finishedAt ?? 'running')} · ${status.seeds === null ? 'default seeds per figure' : `${status.seeds} seeds per figure`} · ${esc(status.state)}.`
  fs.writeFileSync(path.join(dir, 'index.html'), reportPage(about, sections))
  written.push('index.html')
  return written
}

/**
 * The same report as one self-contained HTML file (the Paper view's "Download report"): each figure's PNG and
 * CSVs inlined as data URLs, so the page opens and its data links save, wherever the file is put. `figures`: the
 * newest result of each figure (they may come from different reproductions, of this session or an earlier one).
 */
export function reportDocument(figures: readonly FigureStatus[], exportedAt: Date): string {
  const sections = figures
    .filter((f) => f.result)
    .map((f) => {
      const files = filesOf(f)
      return section(f, {
        png: `data:image/png;base64,${files.png.data.toString('base64')}`,
        csv: files.csv.map((c) => ({ name: c.name, href: `data:text/csv;charset=utf-8,${encodeURIComponent(c.text)}` }))
      })
    })
  const about = `rram-workbench ${esc(APP_VERSION)} · the newest result of each figure in the notebook · exported ${esc(exportedAt.toISOString())}.`
  return reportPage(about, sections)
}

/** Where a section's image and data files are: file names beside index.html, or data URLs. */
interface SectionFiles {
  png: string
  csv: { name: string; href: string }[]
}

function section(f: FigureStatus, files: SectionFiles): string {
  const result = f.result as FigureResult
  const beside = paperComparison(f.figure, result as never)
  const paperList = beside.length
    ? `<table class="beside"><tr><th></th><th>ours</th><th>the paper</th></tr>${beside
        .map((p) => `<tr><th>${esc(p.what)}</th><td>${esc(p.ours ?? '–')}</td><td>${esc(p.value)}<br><small>${esc(p.source)}</small></td></tr>`)
        .join('')}</table>`
    : ''
  return `<h2 id="${f.figure}">${esc(FIGURE_TITLES[f.figure])}${result.partial ? ' <span class="partial">(partial: cancelled before every run finished)</span>' : ''}</h2>
<p><b>Ours:</b> ${esc(figureSummary(f.figure, result))}.</p>
${f.figure === 'table1' ? table1Html(result as FigureResults['table1']) : ''}
${paperList}
<p><img src="${esc(files.png)}" alt="${esc(FIGURE_TITLES[f.figure])}"></p>
${f.figure === 'fig4b' ? slowestHtml(result as Fig4bResult) : ''}
<p><small>Data: ${files.csv.map((c) => `<a href="${esc(c.href)}" download="${esc(c.name)}">${esc(c.name)}</a>`).join(' · ')} · ${f.runIds.length} stored runs${f.sweepIds.length ? ` · sweeps ${f.sweepIds.map(esc).join(', ')}` : ''}</small></p>`
}

/** Fig. 4b: the seeds that paid most after the switch and back on maze 1, with the notebook's run id of each (the Paper view links them). */
function slowestHtml(r: Fig4bResult): string {
  const lines = slowestByPhase(r, 5).map((o) => `${o.what}: ${o.seeds.map((s) => `seed ${s.seed}${s.runId === null ? '' : ` (run ${s.runId})`}: ${s.trials}`).join(', ')}`)
  return lines.length ? `<p><b>Slowest seeds</b> (trials of time-outs and re-learning; the run ids are in the notebook): ${lines.map(esc).join('; ')}.</p>` : ''
}
