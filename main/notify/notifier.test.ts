import { describe, expect, it, vi } from 'vitest';
import { createNotifier, type NotificationClassLike, type NotificationLike } from './notifier';

function fakeNotificationClass(supported = true) {
  const created: Array<{
    options: { title: string; body: string; id?: string };
    n: NotificationLike & { fire(e: string): void; closed: boolean; shown: boolean };
  }> = [];
  class FakeNotification implements NotificationLike {
    static isSupported = () => supported;
    listeners = new Map<string, Array<() => void>>();
    closed = false;
    shown = false;
    constructor(options: { title: string; body: string; id?: string }) {
      created.push({ options, n: this as never });
    }
    show() {
      this.shown = true;
    }
    close() {
      this.closed = true;
      this.fire('close');
    }
    on(event: string, l: () => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
      return this;
    }
    fire(event: string) {
      for (const l of this.listeners.get(event) ?? []) l();
    }
  }
  return { Notification: FakeNotification as unknown as NotificationClassLike, created };
}

describe('createNotifier', () => {
  it('shows a native notification with title and body, and focuses the app on click', () => {
    const f = fakeNotificationClass();
    const onClick = vi.fn();
    expect(
      createNotifier(f.Notification, onClick).notify({ title: 'SLA breach in 10 min', body: 'INC-7 (Acme)' }),
    ).toEqual({ ok: true });
    expect(f.created[0]?.options).toEqual({ title: 'SLA breach in 10 min', body: 'INC-7 (Acme)' });
    expect(f.created[0]?.n.shown).toBe(true);
    f.created[0]?.n.fire('click');
    expect(onClick).toHaveBeenCalledOnce();
    expect(onClick).toHaveBeenCalledWith(undefined);
  });

  it("passes the notification's incident to the click handler", () => {
    const f = fakeNotificationClass();
    const onClick = vi.fn();
    const open = { kind: 'incident' as const, id: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c' };
    createNotifier(f.Notification, onClick).notify({
      title: 'SLA breached',
      body: 'INC-7',
      tag: 'sla:x',
      open,
    });
    expect(f.created[0]?.options).toEqual({ title: 'SLA breached', body: 'INC-7', id: 'sla:x' });
    f.created[0]?.n.fire('click');
    expect(onClick).toHaveBeenCalledWith(open);
  });

  it('replaces an earlier notification with the same tag', () => {
    const f = fakeNotificationClass();
    const notifier = createNotifier(f.Notification, () => {});
    notifier.notify({ title: 'a', body: '1', tag: 'sla-INC-7' });
    notifier.notify({ title: 'b', body: '2', tag: 'sla-INC-7' });
    notifier.notify({ title: 'c', body: '3', tag: 'other' });
    expect(f.created.map((c) => c.n.closed)).toEqual([true, false, false]);
    expect(f.created[1]?.options.id).toBe('sla-INC-7');
  });

  it('returns an actionable error where the system has no notifications', () => {
    const f = fakeNotificationClass(false);
    const r = createNotifier(f.Notification, () => {}).notify({ title: 't', body: 'b' });
    expect(r).toMatchObject({ ok: false, error: { code: 'notifications-unavailable' } });
    expect(f.created).toHaveLength(0);
  });
});
