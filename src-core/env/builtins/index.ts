export { BIANCHI_MAZE_1_TEXT, BIANCHI_MAZE_2_TEXT } from './bianchi-mazes'
export { BIANCHI_START, BUILTIN_ENVIRONMENTS, MATLAB_PROTOCOL_STARTS, type BuiltinEnvironment } from './builtin-environments'
