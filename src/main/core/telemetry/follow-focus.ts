// The pipeline shows one board, the focused one; it follows the focus's owner (SessionOwner) through `FocusSource`
// and hears profile removals from the profile store itself, so nothing here listens to the outward event hub.
import type { FocusSource } from '../sessions/focus';
import type { TelemetryPipeline } from './pipeline';

/** What the pipeline's focus follower needs to know about boards. */
export interface FocusFollowDeps {
  /** The focused board: called at once with the present one, then on each move. */
  readonly onFocus: FocusSource;
  /** Whether board `id` keeps its session when left (watched on the Lab page): its history then keeps growing. */
  readonly isWatched: (id: string) => boolean;
  /** Whether board `id` still has a profile; a board without one has its history forgotten. */
  readonly exists: (id: string) => boolean;
  /** Hears a profile being removed; returns the unsubscribe. */
  readonly onRemoved: (cb: (id: string) => void) => () => void;
}

/**
 * Shows the focused board in the pipeline as soon as it is focused (its kept history, before anything arrives),
 * and forgets a removed board's history. The shown board cannot be forgotten (the pipeline refuses), so a board
 * removed while shown is forgotten as soon as the focus leaves it. Returns the unsubscribe.
 */
export function followFocus(
  pipeline: Pick<TelemetryPipeline, 'select' | 'forget' | 'held'>,
  deps: FocusFollowDeps,
): () => void {
  let shown: string | undefined;
  const forgetRemoved = () => {
    for (const b of pipeline.held()) if (!deps.exists(b.boardId)) pipeline.forget(b.boardId);
  };
  const offFocus = deps.onFocus((id) => {
    if (!id) return;
    // A board left that is still watched keeps its links, so its history keeps growing (no disconnect mark).
    pipeline.select(id, shown !== undefined && deps.isWatched(shown));
    shown = id;
    forgetRemoved();
  });
  const offRemoved = deps.onRemoved(() => forgetRemoved());
  return () => {
    offFocus();
    offRemoved();
  };
}
