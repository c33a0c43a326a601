import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type {
  LedStatus,
  LinksState,
  ProfilesView,
  TelemetryLatest,
} from '../../../../shared/bridge/contracts/links';
import { api } from '../../bridge';

/** What the app bar, status bar and dashboard know about the selected board. */
export interface LinksView {
  readonly state: LinksState | undefined;
  readonly profiles: ProfilesView | undefined;
  /** The LEDs last reported by the selected board. */
  readonly leds: LedStatus | undefined;
  /** Latest telemetry values of the selected board. */
  readonly telemetry: TelemetryLatest | undefined;
}

// Three contexts, not one: the latest values and LEDs change ten times a second while a board streams, and a page
// that needs only the profiles or the links' state (the Telemetry page, the app bar) must not re-render with them.
const StateContext = createContext<LinksState | undefined>(undefined);
const ProfilesContext = createContext<ProfilesView | undefined>(undefined);
const LiveContext = createContext<Pick<LinksView, 'leds' | 'telemetry'>>({
  leds: undefined,
  telemetry: undefined,
});

/** Subscribes once to the links events and shares them with every component below. */
export function LinksProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<LinksState>();
  const [profiles, setProfiles] = useState<ProfilesView>();
  const [leds, setLeds] = useState<LedStatus>();
  const [telemetry, setTelemetry] = useState<TelemetryLatest>();

  useEffect(() => {
    let cancelled = false;
    const offs = [
      api.on('links:state', setState),
      api.on('links:profiles', setProfiles),
      api.on('board:led-status', setLeds),
      api.on('board:telemetry-latest', setTelemetry),
    ];
    void (async () => {
      const [s, p] = await Promise.all([api.invoke('links:state', {}), api.invoke('links:profiles', {})]);
      if (cancelled) return;
      if (s.ok) {
        setState((cur) => cur ?? s.value.state);
        setLeds((cur) => cur ?? s.value.leds);
        setTelemetry((cur) => cur ?? s.value.telemetry);
      }
      if (p.ok) setProfiles((cur) => cur ?? p.value);
    })();
    return () => {
      cancelled = true;
      offs.forEach((off) => off());
    };
  }, []);

  const boardId = state?.board?.id;
  const live = useMemo(
    () => ({
      // Values of a board we no longer watch are never shown.
      leds: leds && leds.boardId === boardId ? leds : undefined,
      telemetry: telemetry && telemetry.boardId === boardId ? telemetry : undefined,
    }),
    [leds, telemetry, boardId],
  );
  return (
    <StateContext.Provider value={state}>
      <ProfilesContext.Provider value={profiles}>
        <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
      </ProfilesContext.Provider>
    </StateContext.Provider>
  );
}

/** The selected board's links, LEDs and telemetry (re-renders with every latest-values update). */
export function useLinks(): LinksView {
  const state = useContext(StateContext);
  const profiles = useContext(ProfilesContext);
  const live = useContext(LiveContext);
  return useMemo(() => ({ state, profiles, ...live }), [state, profiles, live]);
}

/** The selected board's links state alone (not the latest values). */
export function useLinksState(): LinksState | undefined {
  return useContext(StateContext);
}

/** The board profiles alone. */
export function useBoardProfiles(): ProfilesView | undefined {
  return useContext(ProfilesContext);
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
