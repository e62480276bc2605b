// Browser mode only: a service worker keeps the app's own files so that the app opens (and
// shows the offline replica) after a reload without network. The desktop app loads its
// files from app:// and needs none.
export async function registerOfflineShell(): Promise<void> {
  if (!import.meta.env.PROD) return; // the dev server serves changing modules
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;
  try {
    await navigator.serviceWorker.register('./sw.js', { scope: './' });
    const ready = await navigator.serviceWorker.ready;
    // Files loaded before the worker took control (code-split chunks, fonts).
    const urls = [
      location.href.split('#')[0],
      ...performance.getEntriesByType('resource').map((e) => e.name),
    ].filter(
      (u): u is string => typeof u === 'string' && u.startsWith(location.origin) && !u.includes('/v1/'),
    );
    ready.active?.postMessage({ type: 'cache-urls', urls });
  } catch {
    // No offline shell (private mode, disabled workers): the app still works while open.
  }
}
