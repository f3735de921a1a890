import type { Command } from 'commander'
import { registerMaze } from './maze'
import { registerRun } from './run'
import { registerSweep } from './sweep'
import { registerBoard } from './board'
import { registerBoardEmulator } from './board-emulator'
import { registerDevice } from './device'
import { registerSlurm } from './slurm'
import { registerSmu } from './smu'
import { registerSmuEmulator } from './smu-emulator'
import { registerReproduce } from './reproduce'

/** A CLI command module registers its sub-commands on the root program. */
export type RegisterCommands = (program: Command) => void

/** Every command module of the CLI, in the order `--help` lists them. Add new modules here. */
export const commandModules: RegisterCommands[] = [
  registerMaze,
  registerRun,
  registerSweep,
  registerReproduce,
  registerBoard,
  registerBoardEmulator,
  registerDevice,
  registerSmu,
  registerSmuEmulator,
  registerSlurm
]
