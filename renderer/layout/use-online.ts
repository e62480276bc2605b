import { useSyncExternalStore } from 'react';

// The browser's idea of connectivity. The sync engine adds a heartbeat later because
// navigator.onLine can claim "online" on a captive or dead network.
function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
}
