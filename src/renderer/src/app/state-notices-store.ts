// What the core had to say about its state files at start (a setting reset to its default, a damaged file kept
// aside): asked once per window, shown one after the other until dismissed.
import { api } from '../bridge';

type Listener = () => void;

let shown: readonly string[] = [];
let asked = false;
const listeners = new Set<Listener>();

function emit(): void {
  for (const l of listeners) l();
}

/** Subscribes (and asks the core the first time): the useSyncExternalStore contract. */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (!asked) {
    asked = true;
    void api.invoke('app:notices', {}).then((r) => {
      if (!r.ok || r.value.length === 0) return;
      shown = [...shown, ...r.value];
      emit();
    });
  }
  return () => {
    listeners.delete(listener);
  };
}

/** The notices not yet dismissed, oldest first. */
export function snapshot(): readonly string[] {
  return shown;
}

/** Dismisses the oldest notice. */
export function dismiss(): void {
  shown = shown.slice(1);
  emit();
}
