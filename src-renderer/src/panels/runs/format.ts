import { formatSi } from '@core/format/si'

// The app's one number formatter (src-core/format/si.ts), under the names this panel uses.
export { formatDuration } from '@core/format/si'

/** Energy with an SI prefix: 2.5e-9 → "2.5 nJ". */
export const formatEnergy = (joules: number): string => formatSi(joules, 'J')
