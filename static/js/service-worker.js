// The service worker's logic. /sw.js (feed/views/app.py) sets self.SORA_WORKER (the version, the
// offline page, what to keep at install, where static files live) and imports this file, so the
// worker answers for the whole site while this file keeps its hashed static name.
//
// It keeps the offline page and static files, nothing else: pages are private to whoever is
// signed in, so they always come from the network (the offline page when there is none). Videos,
// media, htmx fragments, POSTs and websockets are never handled here and never kept.
"use strict";

const CONFIG = self.SORA_WORKER;
const CACHE = "sora-" + CONFIG.version;
const STATIC = new URL(CONFIG.static, self.location).href;
const OFFLINE = new URL(CONFIG.offline, self.location).href;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Past the HTTP cache, and without cookies: the offline page is the same for everyone.
    await cache.addAll(CONFIG.precache.map((url) => new Request(url, { cache: "reload", credentials: "omit" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("sora-") && name !== CACHE) await caches.delete(name);
    }
    // The page's request starts while the worker wakes up, instead of after.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(pageOrOffline(event));
  } else if (request.url.startsWith(STATIC) && !request.headers.has("range")) {
    event.respondWith(CONFIG.hashed ? cacheFirst(event) : networkFirst(event));
  }
  // Anything else goes to the network as if there were no worker.
});

async function pageOrOffline(event) {
  try {
    return (await event.preloadResponse) || (await fetch(event.request));
  } catch (error) {
    const offline = await caches.match(OFFLINE, { cacheName: CACHE });
    if (offline) return offline;
    throw error;
  }
}

async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(event.request);
  if (kept) return kept;
  const response = await fetch(event.request);
  keep(event, cache, response);
  return response;
}

async function networkFirst(event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(event.request);
    keep(event, cache, response);
    return response;
  } catch (error) {
    const kept = await cache.match(event.request);
    if (kept) return kept;
    throw error;
  }
}

function keep(event, cache, response) {
  // Whole answers from this site only, and never a video or a sound, even under /static/.
  const type = response.headers.get("Content-Type") || "";
  if (response.status === 200 && response.type === "basic" && !/^(video|audio)\//.test(type)) {
    event.waitUntil(cache.put(event.request, response.clone()));
  }
}
