// One table per invoke method: its channel, the schema of its argument list and of its
// result. Main registers and validates from this table; the type checks at the bottom make
// the table and the DesktopApi interface impossible to drift apart.
import { z } from 'zod';
import { INVOKE_CHANNELS, type InvokeMethod } from './channels';
import type { DesktopApi } from './desktop-api';
import { BridgeContractError } from './errors';
import {
  ActionResultSchema,
  ApiRequestSchema,
  ApiResponseSchema,
  AppInfoSchema,
  GetSessionResultSchema,
  LogArgsSchema,
  ReportStatusArgsSchema,
  VoidResultSchema,
  NotifyArgsSchema,
  OpenExternalArgsSchema,
  RenderPdfArgsSchema,
  RenderPdfResultSchema,
  ReplicaKeyResultSchema,
  SavePdfArgsSchema,
  SavePdfResultSchema,
  SignInArgsSchema,
  SignInResultSchema,
  SignOutResultSchema,
} from './schemas';

export const BRIDGE_CONTRACT = {
  getAppInfo: { channel: INVOKE_CHANNELS.getAppInfo, args: z.tuple([]), result: AppInfoSchema },
  openExternal: {
    channel: INVOKE_CHANNELS.openExternal,
    args: z.tuple([OpenExternalArgsSchema]),
    result: ActionResultSchema,
  },
  notify: { channel: INVOKE_CHANNELS.notify, args: z.tuple([NotifyArgsSchema]), result: ActionResultSchema },
  signIn: { channel: INVOKE_CHANNELS.signIn, args: z.tuple([SignInArgsSchema]), result: SignInResultSchema },
  getSession: { channel: INVOKE_CHANNELS.getSession, args: z.tuple([]), result: GetSessionResultSchema },
  signOut: { channel: INVOKE_CHANNELS.signOut, args: z.tuple([]), result: SignOutResultSchema },
  apiRequest: {
    channel: INVOKE_CHANNELS.apiRequest,
    args: z.tuple([ApiRequestSchema]),
    result: ApiResponseSchema,
  },
  savePdf: {
    channel: INVOKE_CHANNELS.savePdf,
    args: z.tuple([SavePdfArgsSchema]),
    result: SavePdfResultSchema,
  },
  renderPdf: {
    channel: INVOKE_CHANNELS.renderPdf,
    args: z.tuple([RenderPdfArgsSchema]),
    result: RenderPdfResultSchema,
  },
  reportStatus: {
    channel: INVOKE_CHANNELS.reportStatus,
    args: z.tuple([ReportStatusArgsSchema]),
    result: VoidResultSchema,
  },
  log: { channel: INVOKE_CHANNELS.log, args: z.tuple([LogArgsSchema]), result: VoidResultSchema },
  getReplicaKey: {
    channel: INVOKE_CHANNELS.getReplicaKey,
    args: z.tuple([]),
    result: ReplicaKeyResultSchema,
  },
} as const satisfies Record<InvokeMethod, { channel: string; args: z.ZodTuple; result: z.ZodType }>;

export type BridgeArgs<M extends InvokeMethod> = z.output<(typeof BRIDGE_CONTRACT)[M]['args']>;
export type BridgeResult<M extends InvokeMethod> = z.output<(typeof BRIDGE_CONTRACT)[M]['result']>;

/** Validates an argument list; throws BridgeContractError naming the method and the problem. */
export function parseBridgeArgs<M extends InvokeMethod>(method: M, args: readonly unknown[]): BridgeArgs<M> {
  const parsed = BRIDGE_CONTRACT[method].args.safeParse(args);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => (i.path.length > 1 ? `${i.path.slice(1).join('.')}: ${i.message}` : i.message))
      .join('; ');
    throw new BridgeContractError(`tamDesktop.${method} was called with invalid arguments: ${problems}`);
  }
  return parsed.data as BridgeArgs<M>;
}

/**
 * Passes a result through its schema before it crosses the bridge: unknown keys are
 * stripped (a token added to a session object by mistake would not leak), and a result
 * that breaks the contract is a bug we want to see, not ship.
 */
export function parseBridgeResult<M extends InvokeMethod>(method: M, result: unknown): BridgeResult<M> {
  const parsed = BRIDGE_CONTRACT[method].result.safeParse(result);
  if (!parsed.success) {
    throw new BridgeContractError(
      `tamDesktop.${method} produced a result outside the contract: ${parsed.error.message}`,
    );
  }
  return parsed.data as BridgeResult<M>;
}

// Compile-time agreement between the table and DesktopApi (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type MethodAgrees<M extends InvokeMethod> =
  Same<Parameters<DesktopApi[M]>, z.input<(typeof BRIDGE_CONTRACT)[M]['args']>> extends true
    ? Same<Awaited<ReturnType<DesktopApi[M]>>, BridgeResult<M>>
    : false;
type AllAgree = false extends { [M in InvokeMethod]: MethodAgrees<M> }[InvokeMethod] ? false : true;
const contractMatchesDesktopApi: AllAgree = true;
void contractMatchesDesktopApi;
