import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from './migrations'
import { FigureResultsRepo } from './figure-results-repo'

const all = loadMigrations()

describe('0010_figure_results', () => {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, all.slice(0, 10))
  const repo = new FigureResultsRepo(db)

  it('keeps one result a figure, the newest replacing the one before', () => {
    repo.save('fig4g', { figure: 'fig4g', n: 1 }, 'r1', '2026-12-08T05:00:00Z')
    repo.save('table1', { figure: 'table1' }, 'r1', '2026-12-08T05:00:01Z')
    repo.save('fig4g', { figure: 'fig4g', n: 2 }, 'r2', '2026-12-08T06:00:00Z')
    expect(repo.all()).toEqual([
      { figure: 'fig4g', status: { figure: 'fig4g', n: 2 }, reproductionId: 'r2', finishedAt: '2026-12-08T06:00:00Z' },
      { figure: 'table1', status: { figure: 'table1' }, reproductionId: 'r1', finishedAt: '2026-12-08T05:00:01Z' }
    ])
  })

  it('takes only the paper’s figure names and JSON', () => {
    expect(() => repo.save('fig9', {}, 'r', 't')).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO figure_results VALUES ('fig4b', 'not json', 'r', 't')").run()).toThrow(/CHECK/)
  })
})
