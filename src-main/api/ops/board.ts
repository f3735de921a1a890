// Operations of the board domain: add each as 'domain.verb': op(inputSchema, outputSchema), and its
// name to names/board.ts; events go in boardEvents (payload schemas) and names/board.ts.
export const boardOps = {}
export const boardEvents = {}
