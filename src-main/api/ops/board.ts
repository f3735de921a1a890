import { z } from 'zod'
import { op } from './op'

const linkSchema = z.enum(['none', 'connecting', 'ready', 'busy', 'lost'])
const statusSchema = z.object({ instrumentBackend: z.string().describe('"simulated" or "serial:PATH"'), link: linkSchema })
const limitsSchema = z.object({ vMaxAbsV: z.number(), iComplianceMaxA: z.number(), pulseWidthMinS: z.number(), pulseWidthMaxS: z.number() })

export const boardOps = {
  /** Serial ports of this machine (USB serial, ACM, UARTs, ptys; found without udev). A socat link name is not listed: type its path. */
  'board.ports': op(
    z.object({}).strict(),
    z.array(
      z.object({
        path: z.string(),
        kind: z.enum(['usb-serial', 'usb-acm', 'uart', 'pty', 'named']),
        /** Where a symlink points (a named port). */
        target: z.string().nullable(),
        manufacturer: z.string().nullable(),
        serialNumber: z.string().nullable()
      })
    )
  ),
  /** Connect a controller board and make it the instrument of every recipe (refused while a job holds the instrument). */
  'board.connect': op(
    z
      .object({
        path: z.string().trim().min(1, 'give the serial port path, e.g. /dev/ttyUSB0').max(500),
        baudRate: z.number().int().min(1200, 'baudRate must be ≥ 1200 baud').max(4_000_000, 'baudRate must be ≤ 4 Mbaud').default(115200)
      })
      .strict(),
    z.object({
      status: statusSchema,
      firmwareName: z.string(),
      firmwareVersion: z.string(),
      protocolVersion: z.number().int(),
      rows: z.number().int(),
      cols: z.number().int(),
      limits: limitsSchema
    })
  ),
  /** Close the board and go back to the simulated device (refused while a job holds the board). */
  'board.disconnect': op(z.object({}).strict(), statusSchema),
  'board.status': op(z.object({}).strict(), statusSchema)
}

export const boardEvents = {}
