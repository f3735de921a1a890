/** The SMU models the workbench drives (docs/instruments.md); each has a command table in services/instruments/smu/models.ts. */
export const SMU_MODEL_IDS = ['keithley-2400', 'keithley-2450', 'keysight-b2900'] as const
export type SmuModelId = (typeof SMU_MODEL_IDS)[number]
