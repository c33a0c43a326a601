import type { ProfilesView } from '../../shared/bridge/contracts/links';
import type { Bench } from '../core/bench';

/** The origin (`http://host:port`, normalised) of an http(s) URL; undefined for anything else. */
export function httpOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** What the opener needs: the origins a link may go to now, the system browser, and a log. */
export interface ExternalOpenerDeps {
  /** HTTP origins of the boards the UI links to (asked at each click, so they follow the selection). */
  allowedOrigins(): Promise<readonly string[]>;
  open(url: string): Promise<void>;
  log(message: string): void;
}

/**
 * Hands a link to the system browser only when it points at a board's own web server: the UI links only there
 * (a board's dashboard, a file on its eMMC), so a page that tries anything else is refused and the refusal logged.
 */
export function createExternalOpener(deps: ExternalOpenerDeps): (url: string) => Promise<boolean> {
  return async (url) => {
    const origin = httpOrigin(url);
    let allowed: readonly string[] = [];
    try {
      allowed = origin ? await deps.allowedOrigins() : [];
    } catch (err) {
      deps.log(`external link: the boards' addresses are unknown (${(err as Error).message})`);
    }
    if (!origin || !allowed.includes(origin)) {
      deps.log(`external link refused (not a board's web server): ${url.slice(0, 200)}`);
      return false;
    }
    try {
      await deps.open(url);
      return true;
    } catch (err) {
      deps.log(`external link did not open: ${(err as Error).message}`);
      return false;
    }
  };
}

/**
 * The selected board's HTTP origin (its profile's host and HTTP port, or the in-app board's server), and every
 * in-app virtual board's while it runs: the Board page links to its dashboard whichever board is selected.
 */
export async function boardHttpOrigins(bench: Pick<Bench, 'dispatch' | 'virtualBoards'>): Promise<string[]> {
  const origins = new Set<string>();
  for (const board of bench.virtualBoards.all()) {
    const virtual = httpOrigin(board.running?.endpoints.http);
    if (virtual) origins.add(virtual);
  }
  const result = await bench.dispatch('links:profiles', {}, { transport: 'electron' });
  if (!result.ok) throw new Error(result.error.message);
  const view = result.value as ProfilesView;
  const selected = view.profiles.find((p) => p.id === view.selectedId);
  if (selected?.kind === 'real') {
    const host =
      selected.host.includes(':') && !selected.host.startsWith('[') ? `[${selected.host}]` : selected.host;
    const origin = httpOrigin(`http://${host}:${selected.httpPort}`);
    if (origin) origins.add(origin);
  }
  return [...origins];
}
