import { Command } from 'commander'
import { APP_VERSION } from '../app-info'
import { commandModules } from './commands'
import { registerServe } from './commands/serve'

/** The CLI: headless experiments, the lab host, diagnostics. */
export function buildProgram(): Command {
  const program = new Command()
  program.name('rram-workbench').description('RRAM learning-hardware workbench: lab host, headless experiments, board diagnostics').version(APP_VERSION).showHelpAfterError()
  registerServe(program)
  for (const register of commandModules) register(program)
  return program
}
