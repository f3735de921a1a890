/** Experiments: run spec, trial loop, energy, sweeps, memory elements. */
export * from './zod-issues'
export * from './spec'
export * from './energy'
export * from './trial-record'
export * from './resolve'
export * from './run'
export * from './sweep'
export * from './memory-elements'
