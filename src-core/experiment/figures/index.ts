/** The paper's figures: what each runs (plan), what it reports (reduce, results) and the published numbers (paper). */
export * from './names'
export * from './paper'
export * from './plan'
export * from './results'
export * from './reduce'
export * from './charts'
export * from './chart-config'
export * from './compare'
