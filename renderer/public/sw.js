/* global self, caches, fetch, URL, Response */
// Offline app shell for browser mode (the desktop app loads its files from app://): keeps the
// built app's files so that a reload without network still opens the app and its offline
// replica. The API (/v1/) is never touched: the sync engine handles the network itself.
// Registered by renderer/session/offline-shell.ts.
const CACHE = 'tam-shell-v1';
const INDEX = new URL('./index.html', self.location.href).href;

const isApi = (url) => url.pathname.includes('/v1/');
const isHashedAsset = (url) => /[.-][0-9a-zA-Z_-]{8,}\.(js|css|woff2?|ttf|png|svg)$/.test(url.pathname);

async function precache() {
  const cache = await caches.open(CACHE);
  const res = await fetch(INDEX, { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(INDEX, res);
  const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map((m) => new URL(m[1], INDEX))
    .filter((u) => u.origin === self.location.origin && !isApi(u))
    .map((u) => u.href);
  await Promise.all(urls.map((u) => cache.add(u).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    precache()
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('tam-shell-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The page lists what it loaded before this worker took control (chunks, fonts).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        data.urls
          .map((u) => new URL(String(u), self.location.href))
          .filter((u) => u.origin === self.location.origin && !isApi(u))
          .map((u) => cache.match(u.href).then((hit) => hit || cache.add(u.href).catch(() => undefined))),
      ),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isApi(url)) return;

  if (request.mode === 'navigate') {
    // Network first (a fresh app when online), the kept copy when offline.
    event.respondWith(
      fetch(request)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(CACHE).then((c) => c.put(INDEX, copy));
          }
          return res;
        })
        .catch(() => caches.match(INDEX).then((hit) => hit || Response.error())),
    );
    return;
  }

  event.respondWith(
    caches.match(request).then((hit) => {
      if (hit && isHashedAsset(url)) return hit; // immutable
      const network = fetch(request).then((res) => {
        if (res.ok) {
          const copy = res.clone();
          void caches.open(CACHE).then((c) => c.put(request, copy));
        }
        return res;
      });
      return hit ? network.catch(() => hit) : network;
    }),
  );
});
