import { z } from 'zod'
import calibrated from './calibrated.json'

/**
 * Parameters of the bio-inspired RRAM network (science README §2). Every field is defaulted;
 * each default says where it comes from. Currents in µA and voltages in volts, as the lab sets them.
 */
const positiveUA = z.number().positive({ message: 'expected µA > 0' })
const negativeV = z.number().negative({ message: 'expected a negative voltage (V)' })

export const bioRramParamsSchema = z.strictObject({
  kind: z.literal('bio-rram'),
  /**
   * 'device': thresholds are state-device conductances (homeostasis = SET on an I_C ladder, reward =
   * RESET at V_STOP, penalty = high-I_C SET), so the preset's I_C and V_STOP settings matter.
   * 'abstract': the authors' MATLAB rule (3·θ0 / 10·θ0 / 0 / 0.8·θ0). Our default: 'device'.
   */
  thresholdMode: z.enum(['device', 'abstract']).default('device'),
  /**
   * Synaptic RRAM devices per position: devicesPerPosition / 8 devices in parallel per direction, whose
   * read currents add (science README §2: "the sources count 16 devices per position: two per
   * direction"). Bianchi 2023: 16. Reported as the memory elements; the threshold state device of each
   * position is modelled apart (see docs/agents.md).
   */
  devicesPerPosition: z
    .number()
    .int()
    .min(8, { message: 'expected ≥ 8 (at least one device per direction)' })
    .refine((n) => n % 8 === 0, { message: 'expected a multiple of 8 (devices in parallel per direction × 8 directions)' })
    .default(16),
  /** θ0 in units of one tick of a synapse's median LRS read current at the Hebbian I_C (all its parallel
   * devices). Science README §2.7: an LRS synapse fires in about two integration steps; our default 1.5
   * (crossed on the 2nd tick). */
  theta0LrsTicks: z.number().positive().default(calibrated.theta0LrsTicks),
  /**
   * Which neuron fires. 'first-crossing' (our default): the first integrator to reach its threshold in
   * continuous time (θ/I smallest) fires and resets the others — a winner-take-all of integrate-and-fire
   * neurons, README §2.2 "the largest candidate fires" read at the instant of the first crossing.
   * 'largest-integral': of the directions above threshold at the end of a tick, the largest integral fires
   * (the tick-quantized rule of earlier versions and of the bench's reference loops).
   */
  winner: z.enum(['first-crossing', 'largest-integral']).default('first-crossing'),
  /** Relative σ of each read current (0 = off). Our default: off — 1 % read noise (README §1) is
   * small against cycle-to-cycle spread, and a draw per read would dominate the hot loop. */
  readNoise: z.boolean().default(false),
  programming: z
    .strictObject({
      /** Highest compliance current the controller applies (reward potentiation, penalty SET, top of
       * the homeostasis ladder); the I_C of the paper's accuracy table. README §1: ≈150–165 µA at full
       * gate drive; our default 160 µA. */
      iComplianceUA: positiveUA.default(160),
      /** Deepest RESET (reward RESET of the state device, synaptic depression); the V_STOP of the
       * paper's accuracy table. Bianchi 2023 data: −1.0…−1.6 V; our default −1.6 V. */
      vStopV: negativeV.default(-1.6)
    })
    .prefault({}),
  synapse: z
    .strictObject({
      /** Science README §2.7: each synapse starts LRS with probability 0.9 (authors' model). */
      initialLrsProbability: z.number().min(0).max(1).default(0.9),
      /** The other synapses start HRS after a RESET to this V_STOP. Our default −1.05 V (the same shallow
       * RESET as the state devices' rest): weak but not dead synapses. */
      initialHrsVStopV: negativeV.default(-1.05),
      /** I_C of Hebbian potentiation (the SET after each spike; also the LRS of the initial synapses).
       * Below the lowest reward I_C of Table 1 (50 µA) so rewarded synapses stand out at every I_C; calibrated
       * by `npm run calibrate` (Table-1 objective). Clipped at programming.iComplianceUA. */
      hebbianIcUA: positiveUA.default(calibrated.hebbianIcUA),
      /**
       * A SET never weakens a synapse: a device already at a lower resistance than the SET's compliance
       * gives keeps it (the filament is already wider than the current limit builds), so Hebbian potentiation
       * at a low I_C does not undo a reward's potentiation at a high I_C. Unset (our default): on in device
       * mode, off in abstract mode — the authors' rule, where every SET is a new draw (README §2.3); with it
       * the abstract network freezes into loops (docs/agents.md). false: every SET is a fresh draw.
       */
      setNeverWeakens: z.boolean().optional()
    })
    .prefault({}),
  homeostasis: z
    .strictObject({
      /** Device mode: the state device of a position at rest is RESET to this V_STOP (θ0). Calibrated by
       * `npm run calibrate`: −1.05 V, the shallowest stop voltage of the Bianchi 2023 HRS data whose spread is
       * moderate, so that a reward pulse at V_STOP = −1.6 V steps the threshold by ×0.29 (hardware trace: ≈ ×0.2)
       * and at −1.0 V by ×1 (docs/agents.md, "Threshold states"). */
      restVStopV: negativeV.default(calibrated.restVStopV),
      /** Device mode: on its k-th departure in a trial (k = 1, 2, …) the state device of the position is
       * SET at rung min(k, n) of this I_C ladder (clipped at programming.iComplianceUA). README §2.3: the
       * threshold climbs step by step and saturates. Calibrated by `npm run calibrate` (objective: the
       * hardware trace's ≈ ×1.6 per spike): the I_C whose fitted LRS median is 1.6, 1.6², 1.6³ × the rest
       * conductance (3.3, 7.04, 15.01 µA: the LRS power law extrapolated below its 50 µA data). */
      icLadderUA: z
        .array(positiveUA)
        .min(1, { message: 'expected at least 1 rung' })
        .default(() => [...calibrated.icLadderUA]),
      /** Abstract mode: threshold of a position just left, × θ0. Authors' MATLAB model: 3. */
      abstractFactor: z.number().positive().default(3),
      /** Authors' model: the homeostatic rise is cleared at the end of each trial. */
      clearAtTrialEnd: z.boolean().default(true)
    })
    .prefault({}),
  penalty: z
    .strictObject({
      /** Device mode: the wall's state device is SET at this I_C (clipped at programming I_C). Calibrated by
       * `npm run calibrate` (objective: the hardware trace's ×4 penalty; authors' model 10·θ0): 14.45 µA, whose
       * fitted LRS median is 4 × the rest conductance. */
      iComplianceUA: positiveUA.default(calibrated.penaltyIcUA),
      /**
       * Device mode: each further bump into the same wall steps its threshold up again by the first step
       * (×4, the hardware trace's step per penalty), saturating at a SET at programming.iComplianceUA (full
       * gate drive, ≈ 17.8·θ0 at 160 µA). Our default true; false: every bump is a SET at penalty I_C (≈ 4·θ0).
       */
      stepped: z.boolean().default(true),
      /** Abstract mode: wall threshold × θ0. Authors' MATLAB model: 10 (hardware trace: ×4). */
      abstractFactor: z.number().positive().default(10),
      /** README §2.3 (optional): also depress the synapse pointing at the wall (RESET at V_STOP). Our
       * default: off — a depressed synapse is not restored by the deadlock escape, so a wall that later
       * opens (dynamic maze) would stay closed to the agent. */
      depressSynapse: z.boolean().default(false),
      /** Terrain: entering a penalty cell with at least this many penalty points gives it the wall penalty
       * (persistent); gentler cells are plain moves. Our default 5 points (terrain slopes of the
       * synthetic Mars cost 0.9–2.2 points, so only rough cells count). */
      terrainPoints: z.number().min(0).default(5)
    })
    .prefault({}),
  reward: z
    .strictObject({
      /** Positions rewarded when the goal is reached. Pseudocode: 10; MATLAB model: 50. Calibrated by
       * `npm run calibrate` (its objective over Table 1 and the dynamic maze): 10, the pseudocode's value, counting
       * explored positions. The MATLAB model's 50 leaves the start of a path learned from a long first trial
       * unrewarded, so that part is explored again in every trial. */
      lastPositions: z.number().int().min(1).default(calibrated.lastPositions),
      /**
       * What lastPositions counts. 'visited': every position left, burst recall along a remembered path included
       * (README §2.4 "the last K visited positions", read literally). 'explored': only positions left while not
       * remembered, so the reward reaches back past a burst along the remembered path to the K positions explored
       * before it — the learned path grows backward from the goal trial after trial (seed article: the network
       * "progressively maps" the maze). Calibrated by `npm run calibrate`: 'explored' (docs/calibration-log.md).
       */
      counts: z.enum(['visited', 'explored']).default(calibrated.rewardCounts as 'visited' | 'explored'),
      /** Abstract mode: rewarded threshold × θ0. Authors' MATLAB model: 0. */
      abstractFactor: z.number().min(0).default(0),
      /**
       * Device mode. true (our default): a reward is a gradual RESET — each reward pulse at V_STOP scales the
       * state device's conductance by G_HRS(V_STOP)/G_HRS(rest V_STOP) (fitted HRS law; ×0.29 at −1.6 V, the
       * hardware trace's ≈ ×0.2 step), so a path rewarded a few times reaches the near-zero threshold of burst
       * recall (README §2.4; authors' model: 0). false: every reward is a fresh RESET draw at V_STOP (≈ 0.29·θ0,
       * the rule of the bench's reference loops).
       */
      gradual: z.boolean().default(true),
      /**
       * Reward the loop-erased path of the trace (our default true): from the oldest of the last
       * lastPositions positions, each position's last departure leads on to the goal; only those positions
       * and synapses are rewarded, so the trace's loops and dead-end excursions are not learned. false: every
       * position of the trace and every departure's synapse (the authors' model; the bench's reference loops).
       */
      loopErased: z.boolean().default(true),
      /**
       * The goal reached is rewarded too, as the last visited position (our default true): the final move of a
       * learned path is then a burst like the others. false: only the positions left (the bench's reference loops).
       */
      includeGoal: z.boolean().default(true),
      /**
       * With loopErased (our default true): from each rewarded position the reward goes on to its neighbour
       * that the trace left last (the one nearest the goal along the trace), and the synapse toward it is the
       * one potentiated — so the learned path cuts the corners of the exploring trace (README §2.4 names the
       * rewarded positions, not which of their synapses). Learned paths ≈ 40 % shorter (docs/calibration-log.md).
       * false: each position's last departure (the bench's reference loops).
       */
      shortcut: z.boolean().default(true)
    })
    .prefault({}),
  forgetting: z
    .strictObject({
      /** README §2.5: when a remembered path is found blocked, its thresholds relax to slightly below θ0. */
      enabled: z.boolean().default(true),
      /**
       * Which remembered positions relax. 'trace' (our default): those of the path the agent just followed
       * into the block (its last reward.lastPositions positions) — README §2.5 "its near-zero thresholds", so
       * a path remembered elsewhere (maze 1 beyond the changed cells) survives a change and is recalled on
       * the return. 'all': every rewarded position of the network (earlier versions).
       */
      scope: z.enum(['trace', 'all']).default('trace'),
      /** Authors' MATLAB model: 0.8·θ0 (device mode: a RESET at the V_STOP whose median gives 0.8·θ0). */
      relaxFactor: z.number().positive().max(1).default(0.8),
      /**
       * Our option (default false; docs/calibration-log.md): a forgotten position already left in this trial keeps
       * its homeostatic rise until the end-of-trial clear, which re-programs it to the relaxed level — README §2.5
       * read literally, "its near-zero thresholds relax": a risen threshold is not near zero. false: it relaxes at once.
       */
      keepRise: z.boolean().default(false),
      /**
       * Our option (default false; docs/calibration-log.md): forgetting also RESETs each reward-strength synapse of a
       * forgotten position and SETs it again at the Hebbian I_C, so the old path stays only "mildly favoured"
       * (README §2.5) by its 0.8·θ0 thresholds, not by its synapses (×2.8 at 160 µA).
       */
      relaxSynapses: z.boolean().default(false),
      /** Our extension, off by default: forgetting also returns penalised positions to θ0 (the layout changed,
       * walls may have opened). false (our default): penalties persist, as README §2.3 says; a wall that opened
       * is tried again after a deadlock escape (README §2.6) or when the old path's strong synapses outweigh
       * it. 'changed': only walls penalised where a remembered path ran (where the layout is known to have
       * changed); true: every penalised position (earlier versions, which wiped what exploring had learned
       * about walls at every forgetting: docs/calibration-log.md). */
      relaxPenalties: z.union([z.boolean(), z.literal('changed')]).default(false)
    })
    .prefault({}),
  deadlock: z
    .strictObject({
      /** README §2.6: after this many ticks without a spike, the neighbours' thresholds go back to θ0.
       * Our default 6 (about three times the ticks an LRS synapse needs to reach θ0). */
      ticks: z.number().int().min(1).default(6),
      /** Our option: leave penalised neighbours alone (default false: the authors reset the neighbourhood). */
      keepPenalties: z.boolean().default(false)
    })
    .prefault({})
})

export type BioRramParams = z.infer<typeof bioRramParamsSchema>
export type BioRramParamsInput = z.input<typeof bioRramParamsSchema>

/** Defaults, as the schema fills them in. */
export function defaultBioRramParams(): BioRramParams {
  return bioRramParamsSchema.parse({ kind: 'bio-rram' })
}
