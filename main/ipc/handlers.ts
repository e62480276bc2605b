// ipcMain.handle for every bridge method, table-driven from shared/bridge. Each call is
// checked twice before any service runs: the sender must be the main frame of the app
// window showing the app's origin, and the arguments must match the contract's schema.
// Results pass through the result schema on the way out.
import { INVOKE_METHODS, type InvokeMethod } from '../../shared/bridge/channels';
import {
  BRIDGE_CONTRACT,
  parseBridgeArgs,
  parseBridgeResult,
  type BridgeArgs,
  type BridgeResult,
} from '../../shared/bridge/contract';
import { BridgeContractError } from '../../shared/bridge/errors';

/** The parts of Electron's IpcMainInvokeEvent used to decide who is calling. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type BridgeServices = {
  [M in InvokeMethod]: (...args: BridgeArgs<M>) => Promise<BridgeResult<M>> | BridgeResult<M>;
};

export interface SenderPolicy {
  /** webContents id of the app window, undefined while there is none. */
  appWebContentsId(): number | undefined;
  isAppUrl(url: string): boolean;
}

/** Why a sender is refused, or null if it is the app. */
export function senderProblem(event: InvokeEventLike, policy: SenderPolicy): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null) return 'it came from a subframe';
  const appId = policy.appWebContentsId();
  if (appId === undefined || event.sender.id !== appId)
    return 'it came from a window other than the app window';
  if (!policy.isAppUrl(frame.url)) return `the sending page (${frame.url}) is not the app`;
  return null;
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  services: BridgeServices,
  policy: SenderPolicy,
  log: (message: string) => void = () => {},
): () => void {
  const register = <M extends InvokeMethod>(method: M): void => {
    const { channel } = BRIDGE_CONTRACT[method];
    ipcMain.handle(channel, async (event, ...args) => {
      const problem = senderProblem(event, policy);
      if (problem) {
        log(`refused ${channel}: ${problem}`);
        throw new BridgeContractError(`tamDesktop.${method} refused: ${problem}`);
      }
      const parsed = parseBridgeArgs(method, args);
      const service = services[method] as (...a: BridgeArgs<M>) => Promise<BridgeResult<M>> | BridgeResult<M>;
      const result = await service(...parsed);
      return parseBridgeResult(method, result);
    });
  };
  for (const method of INVOKE_METHODS) register(method);
  return () => {
    for (const method of INVOKE_METHODS) ipcMain.removeHandler(BRIDGE_CONTRACT[method].channel);
  };
}
