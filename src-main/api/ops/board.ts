import { z } from 'zod'
import { SMU_MODEL_IDS } from '../schemas/instruments'
import { op } from './op'

const linkSchema = z.enum(['none', 'connecting', 'ready', 'busy', 'lost'])
const statusSchema = z.object({ instrumentBackend: z.string().describe('"simulated", "serial:PATH" or "smu:MODEL:ADDRESS"'), link: linkSchema })
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
  /**
   * Connect a SCPI source-measure unit (Keithley 2400 on a serial port; Keithley 2450 or Keysight
   * B2900 on a raw LAN socket, port 5025, or /dev/usbtmcN) and make it the instrument of every
   * recipe; refused while a job holds the instrument, or when *IDN? is not the model given.
   */
  'board.connectSmu': op(
    z
      .object({
        model: z.enum(SMU_MODEL_IDS),
        address: z
          .string()
          .trim()
          .regex(/^(serial:.+|tcp:.+:\d{1,5}|usbtmc:.+)$/, 'give serial:PATH, tcp:HOST:PORT (e.g. tcp:192.168.0.20:5025) or usbtmc:/dev/usbtmc0')
          .max(500),
        baudRate: z.number().int().min(300, 'baudRate must be ≥ 300 baud').max(115200, 'baudRate must be ≤ 115200 baud').optional(),
        flowControl: z.enum(['none', 'xon-xoff', 'rts-cts']).optional(),
        // our default: 0.1 NPLC (2 ms at 50 Hz); the instruments accept 0.01…10.
        nplc: z.number().min(0.01, 'nplc must be ≥ 0.01').max(10, 'nplc must be ≤ 10').default(0.1),
        lineFrequencyHz: z.union([z.literal(50), z.literal(60)]).default(50)
      })
      .strict()
      .refine((o) => o.model === 'keithley-2400' || !o.address.startsWith('serial:'), { path: ['address'], message: 'the 2450 and the B2900 are reached over tcp: or usbtmc:' })
      .refine((o) => o.model !== 'keithley-2400' || !o.address.startsWith('usbtmc:'), {
        path: ['address'],
        message: 'the Keithley 2400 is reached over serial:PATH (or tcp: through a serial-to-Ethernet converter)'
      }),
    z.object({
      status: statusSchema,
      firmwareName: z.string(),
      firmwareVersion: z.string(),
      limits: limitsSchema
    })
  ),
  /** Close the board or SMU and go back to the simulated device (refused while a job holds it). */
  'board.disconnect': op(z.object({}).strict(), statusSchema),
  'board.status': op(z.object({}).strict(), statusSchema)
}

export const boardEvents = {}
