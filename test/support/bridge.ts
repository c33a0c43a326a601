import { WEB_BRIDGE_PATH } from '../../src/shared/bridge/contract';

/** The bridge WebSocket URL for a browser-mode page URL, carrying the page's `?token=`. */
export function bridgeUrl(pageUrl: string): string {
  const u = new URL(pageUrl);
  const token = u.searchParams.get('token');
  return `ws://${u.host}${WEB_BRIDGE_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
