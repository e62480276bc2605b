import type { z } from 'zod';
import type { MutationContext, MutationResult } from './types';

export interface MutationDefinition<S extends z.ZodType = z.ZodType> {
  args: S;
  run(args: z.output<S>, ctx: MutationContext): Promise<MutationResult>;
}

export function defineMutation<S extends z.ZodType>(
  args: S,
  run: (args: z.output<S>, ctx: MutationContext) => Promise<MutationResult>,
): MutationDefinition<S> {
  return { args, run };
}
