import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DOWNLOAD_PATH, type DownloadOffers } from '../core/files/download-offers';

/** True for a request to one of the core's one-time downloads. */
export function isDownload(pathname: string): boolean {
  return pathname.startsWith(DOWNLOAD_PATH);
}

/** Streams an offered file as an attachment (the request is already authenticated); 404 when not offered. */
export function serveDownload(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  offers: DownloadOffers,
): void {
  if (req.method !== 'GET') {
    res.writeHead(405, { Allow: 'GET' }).end();
    return;
  }
  const offer = offers.take(pathname.slice(DOWNLOAD_PATH.length));
  if (!offer) {
    res
      .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('This download was already fetched or has expired.\n');
    return;
  }
  const stream = createReadStream(offer.file);
  stream.once('open', () => {
    res.writeHead(200, {
      'Content-Type': offer.mime,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(offer.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    stream.pipe(res);
  });
  stream.once('error', () => {
    if (res.headersSent) res.destroy();
    else res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The file is gone.\n');
  });
}
