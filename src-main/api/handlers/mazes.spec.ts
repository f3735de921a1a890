import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../dispatch'
import { Services } from '../../services'

const FIXTURES = path.resolve(__dirname, '../../../e2e/fixtures/mazes')
let services: Services | null = null
function ctx() {
  services = new Services({ dbFile: ':memory:' })
  return { services, transport: 'lab-host' as const, actor: 'test', appVersion: '0.0.0-test' }
}
afterEach(() => services?.close())

describe('mazes operations over dispatch', () => {
  it('import a text maze, then export it as JSON that imports to the same rows', async () => {
    const c = ctx()
    const text = fs.readFileSync(path.join(FIXTURES, 'maze-bianchi-2.txt'), 'utf8')
    const imported = await dispatch(c, 'mazes.import', { fileName: 'maze-bianchi-2.txt', text, save: true })
    expect(imported).toMatchObject({ ok: true, value: { format: 'text', saved: { name: 'maze-bianchi-2', width: 30, height: 30 } } })
    const id = (imported as { value: { saved: { id: number } } }).value.saved.id
    const exported = await dispatch(c, 'mazes.export', { id, format: 'json' })
    expect(exported).toMatchObject({ ok: true, value: { fileName: 'maze-bianchi-2.json', encoding: 'utf8', mimeType: 'application/json' } })
    const back = await dispatch(c, 'mazes.import', { fileName: 'x.json', text: (exported as { value: { content: string } }).value.content })
    expect((back as { value: { maze: { rows: string[] } } }).value.maze.rows).toEqual((imported as { value: { maze: { rows: string[] } } }).value.maze.rows)
  })

  it('imports a grayscale PNG as terrain without saving when save is not asked', async () => {
    const c = ctx()
    const png = new PNG({ width: 16, height: 12 })
    for (let i = 0; i < 16 * 12; i++) png.data.set([(i * 3) % 50, (i * 3) % 50, (i * 3) % 50, 255], 4 * i)
    const r = await dispatch(c, 'mazes.import', { fileName: 'hill.png', base64: PNG.sync.write(png).toString('base64') })
    expect(r).toMatchObject({ ok: true, value: { format: 'elevation-png', name: 'hill', saved: null, maze: { width: 16, height: 12 } } })
    expect((r as { value: { maze: { elevationM: number[] } } }).value.maze.elevationM).toHaveLength(16 * 12)
    expect(await dispatch(c, 'mazes.list', {})).toEqual({ ok: true, value: [] })
  })

  it('refuses both text and base64, extra fields, and a schedule pointing at nothing, naming the field', async () => {
    const c = ctx()
    expect(await dispatch(c, 'mazes.import', { fileName: 'a.txt', text: 'x', base64: 'eA==' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'text' } })
    expect(await dispatch(c, 'mazes.list', { kind: 'layout', colour: 'red' })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'unknown field: colour' } })
    const schedule = { format: 'rram-workbench.schedule', version: 1, trialCount: 10, layouts: [{ fromTrial: 1, mazeId: 42 }], starts: [{ fromTrial: 1, start: { row: 1, col: 1 } }] }
    expect(await dispatch(c, 'mazes.saveSchedule', { name: 's', schedule })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'schedule.layouts[0].mazeId', message: 'schedule.layouts[0].mazeId: layout 42 does not exist' }
    })
  })

  it('a malformed file comes back as invalid input naming line and column, and nothing is stored', async () => {
    const c = ctx()
    const text = fs.readFileSync(path.join(FIXTURES, 'malformed.txt'), 'utf8')
    const r = await dispatch(c, 'mazes.import', { fileName: 'malformed.txt', text, save: true })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'file' } })
    expect((r as { error: { message: string } }).error.message).toMatch(/^malformed\.txt: line 3, column 4: /)
    expect(await dispatch(c, 'mazes.list', {})).toEqual({ ok: true, value: [] })
  })
})
