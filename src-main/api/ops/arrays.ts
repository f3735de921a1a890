// Operations of the arrays domain: add each as 'domain.verb': op(inputSchema, outputSchema), and its
// name to names/arrays.ts; events go in arraysEvents (payload schemas) and names/arrays.ts.
export const arraysOps = {}
export const arraysEvents = {}
