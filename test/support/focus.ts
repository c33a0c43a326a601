/**
 * A focus owner as the session owner is one: `source` tells a listener the present board at once, then each move;
 * `move` changes the focused board.
 */
export function focusOwner(initial: string | undefined) {
  let id = initial;
  const listeners = new Set<(id: string | undefined) => void>();
  return {
    source: (cb: (id: string | undefined) => void) => (listeners.add(cb), cb(id), () => listeners.delete(cb)),
    move: (next: string | undefined) => ((id = next), listeners.forEach((l) => l(next))),
  };
}
