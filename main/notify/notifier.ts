// Native notifications for the bridge's notify(). A tag replaces the earlier notification
// with the same tag (Web Notification semantics; mapped to the OS id on macOS/Windows and
// emulated by closing the old one elsewhere). Shown notifications are referenced until
// closed so their click handler is not garbage-collected.
import { bridgeError, ErrorCodes } from '../../shared/bridge/errors';
import type { DeepLinkTarget } from '../../shared/bridge/deep-link';
import type { ActionResult, NotifyArgs } from '../../shared/bridge/schemas';

export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface NotificationClassLike {
  new (options: { title: string; body: string; id?: string; icon?: string }): NotificationLike;
  isSupported(): boolean;
}

const MAX_LIVE = 50;

export interface Notifier {
  notify(args: NotifyArgs): ActionResult;
}

/** onClick gets the view the notification names (its incident), if it names one. */
export function createNotifier(
  Notification: NotificationClassLike,
  onClick: (target?: DeepLinkTarget) => void,
  icon?: string,
): Notifier {
  const byTag = new Map<string, NotificationLike>();
  const live = new Set<NotificationLike>();

  return {
    notify({ title, body, tag, open }) {
      if (!Notification.isSupported()) {
        return {
          ok: false,
          error: bridgeError(
            ErrorCodes.notificationsUnavailable,
            'This computer does not show desktop notifications (no notification service is running). Alerts stay visible in the app.',
          ),
        };
      }
      if (tag) byTag.get(tag)?.close();
      const n = new Notification({ title, body, ...(tag ? { id: tag } : {}), ...(icon ? { icon } : {}) });
      live.add(n);
      // Some Linux notification daemons never report 'close'; do not grow without bound.
      if (live.size > MAX_LIVE) {
        const oldest = live.values().next().value;
        if (oldest) live.delete(oldest);
      }
      if (tag) byTag.set(tag, n);
      const target = open ? { kind: open.kind, id: open.id } : undefined;
      n.on('click', () => onClick(target));
      n.on('close', () => {
        live.delete(n);
        if (tag && byTag.get(tag) === n) byTag.delete(tag);
      });
      n.show();
      return { ok: true };
    },
  };
}
