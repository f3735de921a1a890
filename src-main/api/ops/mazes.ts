// Operations of the mazes domain: add each as 'domain.verb': op(inputSchema, outputSchema), and its
// name to names/mazes.ts; events go in mazesEvents (payload schemas) and names/mazes.ts.
export const mazesOps = {}
export const mazesEvents = {}
