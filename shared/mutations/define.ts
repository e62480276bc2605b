import type { z } from 'zod';
import type { MutationContext, MutationResult } from './types';

export interface MutationOptions {
  /**
   * The logic itself checked the actor's authority for rows of customers outside the actor's
   * scope (an alert's recipient records its acknowledgement on the incident): the server's
   * scope check then covers what the mutation read, not the customers of what it writes.
   */
  writesBeyondScope?: boolean;
}

export interface MutationDefinition<S extends z.ZodType = z.ZodType> extends MutationOptions {
  args: S;
  run(args: z.output<S>, ctx: MutationContext): Promise<MutationResult>;
}

export function defineMutation<S extends z.ZodType>(
  args: S,
  run: (args: z.output<S>, ctx: MutationContext) => Promise<MutationResult>,
  options: MutationOptions = {},
): MutationDefinition<S> {
  return { args, run, ...options };
}
