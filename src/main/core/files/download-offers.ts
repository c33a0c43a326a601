// Files the core wrote for a browser-mode page (recordings, CSV, "save last minutes", serial logs), offered once
// under an unguessable URL that the browser-mode server serves (with its token) as a download.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';

/** One file offered for download. */
export interface DownloadOffer {
  readonly file: string;
  readonly name: string;
  readonly mime: string;
}

/** URL path prefix of the offers on the browser-mode server. */
export const DOWNLOAD_PATH = '/download/';
/** An offer the page has not fetched within this long is withdrawn. */
const OFFER_MS = 10 * 60_000;
const MAX_OFFERS = 100;

const MIME: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.ndjson': 'application/x-ndjson',
  '.log': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.zip': 'application/zip',
};

export class DownloadOffers {
  private readonly offers = new Map<string, DownloadOffer & { readonly until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Offers `file` once; returns the URL path the page fetches (`/download/<id>`). */
  offer(file: string): string {
    this.prune();
    const id = randomBytes(18).toString('base64url');
    const name = basename(file);
    const ext = name.slice(name.lastIndexOf('.'));
    this.offers.set(id, {
      file,
      name,
      mime: MIME[ext] ?? 'application/octet-stream',
      until: this.now() + OFFER_MS,
    });
    return `${DOWNLOAD_PATH}${id}`;
  }

  /** The offer for `id`, removed (an offer is served once); undefined when unknown or withdrawn. */
  take(id: string): DownloadOffer | undefined {
    this.prune();
    const offer = this.offers.get(id);
    this.offers.delete(id);
    return offer;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, o] of this.offers) if (o.until < now) this.offers.delete(id);
    while (this.offers.size >= MAX_OFFERS) this.offers.delete(this.offers.keys().next().value!);
  }
}
