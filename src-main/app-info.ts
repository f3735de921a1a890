import pkg from '../package.json'

/** The version stored with every run, so a result can be traced to the code that produced it. */
export const APP_VERSION: string = pkg.version
export const APP_NAME = 'rram-workbench'
