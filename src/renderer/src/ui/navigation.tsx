import { createContext, useContext, useEffect } from 'react';
import type { Settings } from '../../../shared/bridge/contracts/app';

/** A page of the app, as the settings name it. */
export type PageId = Settings['page'];

/** A request to show one moment on a page (a telemetry sample on the chart, the frame that carried it). */
export interface FocusRequest {
  readonly page: PageId;
  /** ms since the epoch. */
  readonly t: number;
}

/** Page switching with an optional moment to show, provided by the App shell. */
export interface Navigation {
  goTo(page: PageId, focusT?: number): void;
  readonly focus: FocusRequest | undefined;
  /** Marks the focus request as handled. */
  clearFocus(): void;
}

export const NavigationContext = createContext<Navigation>({
  goTo: () => undefined,
  focus: undefined,
  clearFocus: () => undefined,
});

/** Page switching from inside a page. */
export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}

/** Calls `handle(t)` once for a focus request addressed to `page`, then clears it. */
export function useFocusRequest(page: PageId, handle: (t: number) => boolean | void): void {
  const { focus, clearFocus } = useNavigation();
  useEffect(() => {
    // A handler that returns false is not ready yet (its data is still loading) and is asked again on the next render.
    if (focus && focus.page === page && handle(focus.t) !== false) clearFocus();
  });
}
