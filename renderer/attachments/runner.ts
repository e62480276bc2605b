// Runs the uploads of the current replica: at start, every few seconds, when the network comes
// back and when a file is attached. One round at a time per window; with several windows the
// Web Lock lets one upload while the others wait (if the browser has Web Locks).
import { useEffect } from 'react';
import { getBridge } from '../bridge';
import type { ReplicaDb } from '../replica/db';
import { bridgeTransport, type Transport } from '../sync/transport';
import { uploadPending } from './uploader';

const ROUND_MS = 5_000;
let nudge: (() => void) | null = null;

/** Ask for an upload round now (after attaching files). */
export function nudgeUploads(): void {
  nudge?.();
}

export function attachmentTransport(): Transport {
  return bridgeTransport(getBridge());
}

export function useAttachmentUploader(db: ReplicaDb | null, active: boolean): void {
  useEffect(() => {
    if (!db || !active) return;
    const transport = attachmentTransport();
    let running = false;
    let again = false;
    let stopped = false;
    const round = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const work = () => uploadPending(db, transport).catch(() => undefined);
          const locks = (navigator as Navigator & { locks?: LockManager }).locks;
          if (locks) await locks.request(`tam-attachment-uploads:${db.name}`, work);
          else await work();
        } while (again && !stopped);
      } finally {
        running = false;
      }
    };
    const onOnline = () => void round();
    nudge = onOnline;
    const timer = setInterval(onOnline, ROUND_MS);
    window.addEventListener('online', onOnline);
    void round();
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
      if (nudge === onOnline) nudge = null;
    };
  }, [db, active]);
}
