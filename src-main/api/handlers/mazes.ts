import type { Handlers } from './types'
import type { mazesOps } from '../ops/mazes'

export const mazesHandlers: Pick<Handlers, keyof typeof mazesOps> = {
  'mazes.list': (input, ctx) => ctx.services.mazes.list(input.kind),
  'mazes.get': (input, ctx) => ctx.services.mazes.get(input.id),
  'mazes.saveLayout': (input, ctx) => ctx.services.mazes.saveLayout(input, ctx.actor),
  'mazes.saveSchedule': (input, ctx) => ctx.services.mazes.saveSchedule(input, ctx.actor),
  'mazes.rename': (input, ctx) => ctx.services.mazes.rename(input.id, input.name, ctx.actor),
  'mazes.duplicate': (input, ctx) => ctx.services.mazes.duplicate(input.id, input.name, ctx.actor),
  'mazes.delete': (input, ctx) => {
    ctx.services.mazes.delete(input.id, ctx.actor)
    return { deleted: input.id }
  },
  'mazes.import': (input, ctx) => {
    const content = input.base64 !== undefined ? { bytes: Buffer.from(input.base64, 'base64') } : { text: input.text ?? '' }
    const { read, saved, maze } = ctx.services.mazes.import(
      {
        fileName: input.fileName,
        content,
        save: input.save,
        ...(input.format ? { format: input.format } : {}),
        ...(input.name ? { name: input.name } : {}),
        ...(input.terrain ? { terrain: input.terrain } : {}),
        ...(input.starts ? { starts: input.starts } : {})
      },
      ctx.actor
    )
    return { format: read.format, name: saved?.name ?? read.name, maze, warnings: read.warnings, saved }
  },
  'mazes.export': (input, ctx) => {
    const file = ctx.services.mazes.export(input.id !== undefined ? { id: input.id } : { maze: input.maze! }, input.format)
    return file.bytes
      ? { fileName: file.fileName, mimeType: file.mimeType, encoding: 'base64' as const, content: file.bytes.toString('base64') }
      : { fileName: file.fileName, mimeType: file.mimeType, encoding: 'utf8' as const, content: file.text ?? '' }
  },
  'mazes.copyBuiltin': (input, ctx) => ctx.services.mazes.copyBuiltin(input.key, input.name, ctx.actor),
  'mazes.resolve': (input, ctx) => ctx.services.mazes.resolve(input.id)
}
