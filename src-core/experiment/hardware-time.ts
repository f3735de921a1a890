import { z } from 'zod'

/**
 * The hardware time model of a trial (docs/agents.md, "Hardware time"). The bio network times each
 * decision as the chip does: its integration time — the winning neuron's continuous crossing time θ/I,
 * in units of the spec's `tickSeconds` — plus one spike, except in a burst: a neuron whose target has a
 * near-zero threshold crosses within a fraction of a tick and fires without a spike-and-program cycle of
 * its own (burst recall of a learned path, Bianchi 2023). The software baselines take steps × tickSeconds.
 */
export const hardwareTimeSchema = z
  .strictObject({
    /** Spike (fire-and-program) time of one exploring decision, µs. Bianchi 2023: ≈ 5 µs. */
    spikeUs: z.number().min(0).default(5),
    /**
     * A decision whose integration is shorter than this fraction of a tick is a burst (no spike time).
     * Our default 0.1: a tenth of a tick (≈ 4 µs), far below the ≈ 46 µs of an exploring decision.
     */
    burstTicks: z.number().min(0).default(0.1),
    /**
     * Cut-off of a trial's measured window, µs, or null (no cut-off: the step budget alone ends a trial).
     * A trial whose time to reward passes it is a time-out: it reads the cut-off, its energy is that of the
     * window, and — as in the Morris water-maze protocol the experiments follow — the agent still goes on
     * to the goal within the step budget. Bianchi 2023 hardware: ≈ 900 µs. Our default null.
     */
    cutoffUs: z.number().positive({ message: 'expected a cut-off in µs > 0' }).nullable().default(null)
  })
  .prefault({})

export type HardwareTime = z.infer<typeof hardwareTimeSchema>
