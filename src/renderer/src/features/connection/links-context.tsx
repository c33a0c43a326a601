import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type {
  LedStatus,
  LinksState,
  ProfilesView,
  TelemetryLatest,
} from '../../../../shared/bridge/contracts/links';
import type { CoreLost } from './links-store';
import { linksStore } from './use-connection-stores';

export { linksStore };

/** What the app bar, status bar and dashboard know about the focused board. */
export interface LinksView {
  readonly state: LinksState | undefined;
  readonly profiles: ProfilesView | undefined;
  /** The LEDs last reported by the focused board. */
  readonly leds: LedStatus | undefined;
  /** Latest telemetry values of the focused board. */
  readonly telemetry: TelemetryLatest | undefined;
  /** Set while the page has lost the bench core: everything above is the last it said. */
  readonly lost: CoreLost | undefined;
}

/** Keeps the links store listening for the app's lifetime. */
export function LinksProvider({ children }: { children: ReactNode }) {
  useEffect(() => linksStore.retain(), []);
  return <>{children}</>;
}

const focused = () => linksStore.focused;

/** The focused board's links, LEDs and telemetry (re-renders with every latest-values update). */
export function useLinks(): LinksView {
  const f = useSyncExternalStore(linksStore.subscribe, focused);
  const profiles = useBoardProfiles();
  return useMemo(() => ({ ...f, profiles }), [f, profiles]);
}

/** The focused board's links state alone (not the latest values). */
export function useLinksState(): LinksState | undefined {
  return useSyncExternalStore(linksStore.subscribe, () => linksStore.focused.state);
}

/** Why the page cannot trust what the core last said; undefined while connected. */
export function useCoreLost(): CoreLost | undefined {
  return useSyncExternalStore(linksStore.subscribe, () => linksStore.focused.lost);
}

/** The board profiles alone. */
export function useBoardProfiles(): ProfilesView | undefined {
  return useSyncExternalStore(linksStore.subscribe, () => linksStore.profiles);
}

/** The current time, refreshed every `ms` (for countdowns and ages). */
export function useNow(ms = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}
