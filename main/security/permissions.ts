// Web permissions (camera, geolocation, clipboard, USB, ...): Electron grants them all by
// default. The app's own pages get exactly two, everything else is denied:
//   - notifications (SLA alerts),
//   - persistent-storage: navigator.storage.persist(), so Chromium never evicts the offline
//     replica (and its unsynced outbox) under disk pressure. It reaches nothing outside the
//     app's own storage.

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'persistent-storage']);

export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (
      webContents: { getURL(): string },
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: { getURL(): string } | null,
      permission: string,
      requestingOrigin: string,
    ) => boolean,
  ): void;
}

export function isPermissionAllowed(
  permission: string,
  url: string,
  isAppUrl: (url: string) => boolean,
): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(url);
}

export function installPermissionHandlers(
  session: PermissionSessionLike,
  isAppUrl: (url: string) => boolean,
): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? webContents.getURL(), isAppUrl));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, isAppUrl),
  );
}
