/** Reply texts and MIME types of the board's NetX Duo Web HTTP server (docs/firmware-protocol.md §6). */

/** NX_WEB_HTTP_MAX_RESOURCE as the firmware's edited header sets it (80 * 2). */
export const MAX_RESOURCE = 160;

export const TEXT = {
  notFound: (resource: string) => `NetX HTTP Server unable to find file: ${resource}`,
  urlBad: 'NetX HTTP URL Bad',
  notImplemented: 'NetX HTTP Request Not Implemented',
  aborted: 'NetX HTTP Request Aborted',
  createFailed: 'NetX HTTP File Create Failed',
  scan: 'NFCV scanning active',
} as const;

// The firmware's extra maps (searched first, case-insensitively), then NetX's built-in ones.
const MIME: Record<string, string> = {
  css: 'text/css',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpg', // sic: the firmware's map shadows the built-in image/jpeg
  js: 'application/javascript',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  gif: 'image/gif',
  ico: 'image/x-icon',
};

/** Content-Type the board sends for a resource: by extension, `text/plain` for anything unknown. */
export function mimeType(resource: string): string {
  const name = resource.slice(resource.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot < 0) return 'text/plain';
  return MIME[name.slice(dot + 1).toLowerCase()] ?? 'text/plain';
}

/** Parses a request target into the resource NetX would see: the path before `?`, or an error reply. */
export function parseResource(target: string): { ok: true; resource: string; path: string } | { ok: false } {
  let raw = target;
  const abs = /^https?:\/\/[^/]*/i.exec(raw);
  if (abs) raw = raw.slice(abs[0].length) || '/';
  const q = raw.search(/[?#]/);
  const resource = q >= 0 ? raw.slice(0, q) : raw;
  if (!resource.startsWith('/') || resource.length > MAX_RESOURCE) return { ok: false };
  let path: string;
  try {
    path = decodeURIComponent(resource);
  } catch {
    return { ok: false };
  }
  return { ok: true, resource, path: path === '/' ? '/index.html' : path };
}
