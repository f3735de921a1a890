import type { z } from 'zod'

export interface OperationDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

/** Declare one operation: its input schema (strict objects: extra fields are errors) and output schema. */
export function op<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): OperationDef<I, O> {
  return { input, output }
}
