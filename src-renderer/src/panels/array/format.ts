// The app's one number formatter (src-core/format/si.ts), under the names this panel uses.
export { formatSi as si, formatPercent as pct } from '@core/format/si'
