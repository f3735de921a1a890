import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readTextMaze } from '../../../src-core/env/formats/text-maze'
import { countDifferentCells } from '../../../src-core/env/grid-ops'
import { parseRunSpec, resolveEnvironment } from '../../../src-core/experiment'
import { MAZE_SCHEDULE_FORMAT, type StoredSchedule } from '../../api/ops/mazes'
import { Services } from '..'
import { InputError } from '../errors'
import { gridOf, mazeJsonOf } from './mazes-service'

const FIXTURES = path.resolve(__dirname, '../../../e2e/fixtures/mazes')
const maze1Text = fs.readFileSync(path.join(FIXTURES, 'maze-bianchi-1.txt'), 'utf8')
const maze2Text = fs.readFileSync(path.join(FIXTURES, 'maze-bianchi-2.txt'), 'utf8')

function setup() {
  const services = new Services({ dbFile: ':memory:' })
  const events: string[] = []
  services.events.on('mazes.changed', (p) => events.push(`${p.action} ${p.id}`))
  return { mazes: services.mazes, store: services.store, events }
}

const oneToTwoToOne = (a: number, b: number): StoredSchedule => ({
  format: MAZE_SCHEDULE_FORMAT,
  version: 1,
  trialCount: 180,
  layouts: [
    { fromTrial: 1, mazeId: a },
    { fromTrial: 61, mazeId: b },
    { fromTrial: 121, mazeId: a }
  ],
  starts: [{ fromTrial: 1, start: { row: 3, col: 27 } }]
})

describe('MazesService', () => {
  it('saves a drawn layout and gives back the same grid, announcing the change', () => {
    const { mazes, events } = setup()
    const grid = readTextMaze(maze1Text).grid
    const saved = mazes.saveLayout({ name: 'maze 1', maze: mazeJsonOf(grid) }, 'test')
    expect(saved).toMatchObject({ name: 'maze 1', kind: 'layout', width: 30, height: 30, source: 'drawn' })
    const doc = mazes.get(saved.id)
    expect(doc.kind).toBe('layout')
    if (doc.kind === 'layout') expect(countDifferentCells(gridOf(doc.maze), grid)).toBe(0)
    expect(events).toEqual([`created ${saved.id}`])
  })

  it('refuses a second maze with the same name, naming the field', () => {
    const { mazes } = setup()
    const maze = mazeJsonOf(readTextMaze(maze1Text).grid)
    mazes.saveLayout({ name: 'maze 1', maze }, 'test')
    expect(() => mazes.saveLayout({ name: 'maze 1', maze }, 'test')).toThrow(expect.objectContaining({ code: 'conflict', field: 'name' }))
  })

  it('renames, duplicates and deletes, and writes each to the audit log', () => {
    const { mazes, store } = setup()
    const a = mazes.saveLayout({ name: 'maze 1', maze: mazeJsonOf(readTextMaze(maze1Text).grid) }, 'test')
    expect(mazes.rename(a.id, 'first maze', 'test').name).toBe('first maze')
    const copy = mazes.duplicate(a.id, undefined, 'test')
    expect(copy.name).toBe('first maze copy')
    expect(copy.source).toBe('copy of "first maze"')
    mazes.delete(a.id, 'test')
    expect(mazes.list().map((m) => m.name)).toEqual(['first maze copy'])
    expect(store.audit.recent().map((e) => e.action)).toEqual(['delete', 'create', 'rename', 'create'])
  })

  it('stores the 1→2→1 schedule and will not delete a layout it uses', () => {
    const { mazes } = setup()
    const a = mazes.saveLayout({ name: 'maze 1', maze: mazeJsonOf(readTextMaze(maze1Text).grid) }, 'test')
    const b = mazes.saveLayout({ name: 'maze 2', maze: mazeJsonOf(readTextMaze(maze2Text).grid) }, 'test')
    const s = mazes.saveSchedule({ name: '1→2→1', schedule: oneToTwoToOne(a.id, b.id) }, 'test')
    expect(s.links).toEqual([a.id, b.id])
    expect(mazes.get(a.id).summary.links).toEqual([s.id])
    expect(() => mazes.delete(b.id, 'test')).toThrow(/used by the schedule "1→2→1"/)
    const resolved = mazes.resolve(s.id)
    expect(resolved.trialCount).toBe(180)
    expect(resolved.schedule.layouts.map((l) => l.layoutId)).toEqual([String(a.id), String(b.id), String(a.id)])
    expect(countDifferentCells(gridOf(resolved.layouts[String(a.id)]), gridOf(resolved.layouts[String(b.id)]))).toBe(8)
    // What resolve gives is what a run spec takes as an inline environment.
    const env = resolveEnvironment(
      parseRunSpec({ environment: { inline: { name: resolved.name, layouts: resolved.layouts, schedule: resolved.schedule } }, agent: { kind: 'bio-rram' }, trials: 180, maxStepsPerTrial: 10 })
    )
    expect(Object.keys(env.layouts)).toEqual([String(a.id), String(b.id)])
    mazes.delete(s.id, 'test')
    mazes.delete(b.id, 'test')
  })

  it('refuses an edit of a layout that would break a schedule using it, and keeps the old grid', () => {
    const { mazes } = setup()
    const grid = readTextMaze(maze1Text).grid
    const a = mazes.saveLayout({ name: 'maze 1', maze: mazeJsonOf(grid) }, 'test')
    mazes.saveSchedule({ name: 'uses maze 1', schedule: oneToTwoToOne(a.id, a.id) }, 'test')
    const walled = readTextMaze(maze1Text).grid
    walled.cells[3 * 30 + 27] = 1 // a wall on the schedule's start (row 4, column 28)
    walled.starts = [3 * 30 + 26]
    expect(() => mazes.saveLayout({ id: a.id, name: 'maze 1', maze: mazeJsonOf(walled) }, 'test')).toThrow(/would break the schedule "uses maze 1".*is a wall/)
    const doc = mazes.get(a.id)
    if (doc.kind === 'layout') expect(countDifferentCells(gridOf(doc.maze), grid)).toBe(0)
  })

  it('refuses a schedule mixing layouts of different sizes (a run needs one size)', () => {
    const { mazes } = setup()
    const a = mazes.saveLayout({ name: 'maze 1', maze: mazeJsonOf(readTextMaze(maze1Text).grid) }, 'test')
    const small = mazes.saveLayout({ name: 'small', maze: mazeJsonOf(readTextMaze('#####\n#S.G#\n#####\n').grid) }, 'test')
    expect(() => mazes.saveSchedule({ name: 's', schedule: oneToTwoToOne(a.id, small.id) }, 'test')).toThrow(
      expect.objectContaining({ field: 'schedule.layouts[1].mazeId', message: expect.stringMatching(/5×3 cells, but the schedule's first layout is 30×30/) })
    )
  })

  it('refuses a schedule whose start is a wall or whose change comes after the last trial', () => {
    const { mazes } = setup()
    const a = mazes.saveLayout({ name: 'maze 1', maze: mazeJsonOf(readTextMaze(maze1Text).grid) }, 'test')
    const onWall = { ...oneToTwoToOne(a.id, a.id), starts: [{ fromTrial: 1, start: { row: 0, col: 0 } }] }
    expect(() => mazes.saveSchedule({ name: 's', schedule: onWall }, 'test')).toThrow(
      expect.objectContaining({ field: 'schedule.starts[0].start', message: 'schedule.starts[0].start: (0, 0) is a wall in layout "maze 1" at trial 1' })
    )
    const late = { ...oneToTwoToOne(a.id, a.id), trialCount: 100 }
    expect(() => mazes.saveSchedule({ name: 's', schedule: late }, 'test')).toThrow(expect.objectContaining({ field: 'schedule.layouts[2].fromTrial' }))
    const missing = oneToTwoToOne(a.id, 999)
    expect(() => mazes.saveSchedule({ name: 's', schedule: missing }, 'test')).toThrow(/layout 999 does not exist/)
    expect(mazes.list('schedule')).toEqual([])
  })

  it('imports the Bianchi text maze, and a malformed file saves nothing and names line and column', () => {
    const { mazes } = setup()
    const ok = mazes.import({ fileName: 'maze-bianchi-1.txt', content: { text: maze1Text }, save: true }, 'test')
    expect(ok.saved).toMatchObject({ name: 'maze-bianchi-1', width: 30, height: 30, source: 'imported maze-bianchi-1.txt (text)' })
    const bad = fs.readFileSync(path.join(FIXTURES, 'malformed.txt'), 'utf8')
    let err: unknown
    try {
      mazes.import({ fileName: 'malformed.txt', content: { text: bad }, save: true }, 'test')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toMatch(/^malformed\.txt: line 3, column 4: unknown character "x"/)
    expect(mazes.list()).toHaveLength(1)
  })

  it('exports a stored layout as the authors matrix with −100 walls and 1000 goals', () => {
    const { mazes } = setup()
    const a = mazes.saveLayout({ name: 'maze 1', maze: mazeJsonOf(readTextMaze(maze1Text).grid) }, 'test')
    const file = mazes.export({ id: a.id }, 'matrix-csv')
    expect(file.fileName).toBe('maze-1.csv')
    const rows = file
      .text!.trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'))
    expect(rows).toHaveLength(30)
    expect(rows[0].split(',').every((v) => v === '-100')).toBe(true)
    expect(
      rows
        .join(',')
        .split(',')
        .filter((v) => v === '1000')
    ).toHaveLength(4)
    expect(() => mazes.export({ id: a.id }, 'elevation-png')).toThrow(/no elevation/)
  })

  it('copies the 180-trial built-in as two layouts and a schedule that switches at 61 and 121', () => {
    const { mazes } = setup()
    const out = mazes.copyBuiltin('bianchi-dynamic-180', undefined, 'test')
    expect(out.layouts.map((l) => l.name)).toEqual(['Bianchi maze 1', 'Bianchi maze 2'])
    const doc = mazes.get(out.schedule!.id)
    if (doc.kind !== 'schedule') throw new Error('expected a schedule')
    expect(doc.schedule.layouts.map((l) => l.fromTrial)).toEqual([1, 61, 121])
    expect(doc.schedule.trialCount).toBe(180)
    expect(() => mazes.copyBuiltin('nope', undefined, 'test')).toThrow(/no built-in environment "nope"/)
    // The Morris arena has one layout and a start sequence: the schedule keeps the plain title.
    const morris = mazes.copyBuiltin('morris-arena', undefined, 'test')
    expect([morris.layouts[0].name, morris.schedule?.name]).toEqual(['Morris water-maze arena — layout', 'Morris water-maze arena'])
  })
})
