// A Web Locks polyfill (navigator.locks) for Node: exclusive locks by name, a FIFO queue,
// ifAvailable and steal (the holder's request rejects with AbortError, as in browsers). One
// instance is one browser profile: every "window" of a test shares it.
import type { LockManagerLike } from '../../../renderer/sync/leader';

interface Holder {
  abort(): void;
}

export class WebLocksPolyfill implements LockManagerLike {
  private readonly held = new Map<string, Holder>();
  private readonly queues = new Map<string, Array<() => void>>();
  grants = 0;

  holds(name: string): boolean {
    return this.held.has(name);
  }

  request(
    name: string,
    optionsOrCallback: { steal?: boolean; ifAvailable?: boolean } | ((lock: unknown) => Promise<void>),
    maybeCallback?: (lock: unknown) => Promise<void>,
  ): Promise<void> {
    // request(name, callback) as well as request(name, options, callback), as in browsers.
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback!;
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        this.grants++;
        let settled = false;
        const holder: Holder = {
          abort: () => {
            if (settled) return;
            settled = true;
            reject(new DOMException('The lock was stolen by another request.', 'AbortError'));
          },
        };
        this.held.set(name, holder);
        const release = () => {
          if (this.held.get(name) !== holder) return;
          this.held.delete(name);
          this.queues.get(name)?.shift()?.();
        };
        Promise.resolve()
          .then(() => callback({ name, mode: 'exclusive' }))
          .then(
            () => {
              release();
              if (!settled) {
                settled = true;
                resolve();
              }
            },
            (err: unknown) => {
              release();
              if (!settled) {
                settled = true;
                reject(err);
              }
            },
          );
      };
      const current = this.held.get(name);
      if (options.steal) {
        if (current) {
          this.held.delete(name);
          current.abort();
        }
        grant();
      } else if (!current) grant();
      else if (options.ifAvailable) {
        Promise.resolve()
          .then(() => callback(null))
          .then(() => resolve(), reject);
      } else {
        const queue = this.queues.get(name) ?? [];
        queue.push(grant);
        this.queues.set(name, queue);
      }
    });
  }
}
