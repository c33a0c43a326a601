// The focused board (the one the pages show) has one owner, the SessionOwner. Whatever follows it is handed this
// source as a dependency; nothing in the core follows the focus by listening to the outward event hub.

/** Hears the focused board: called at once with the present one, then on each move; returns the unsubscribe. */
export type FocusSource = (cb: (id: string | undefined) => void) => () => void;
