// Operations of the iv domain: add each as 'domain.verb': op(inputSchema, outputSchema), and its
// name to names/iv.ts; events go in ivEvents (payload schemas) and names/iv.ts.
export const ivOps = {}
export const ivEvents = {}
