export { MazesService, mazeJsonOf, gridOf } from './mazes-service'
export { MazesRepo } from './mazes-repo'
export { readMazeFile, writeMazeFile, formatOfFile, formatForOutput } from './maze-files'
export { readElevationPng, writeElevationPng, DEFAULT_PNG_RELIEF_M } from './elevation-png'
