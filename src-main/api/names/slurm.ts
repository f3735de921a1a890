export const SLURM_OPERATIONS = ['slurm.submit', 'slurm.status', 'slurm.merge'] as const
export const SLURM_EVENTS = [] as const
