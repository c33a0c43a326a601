// The Lab page's data layer: the boards the app watches (one session each, `sessions:state` about once a second)
// and the page's requests about them. Components read the state with useSyncExternalStore and call the store's
// methods, each answering with the core's words when it failed.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type { SessionsState } from '../../../../shared/bridge/contracts/sessions';

export class SessionsStore {
  private state: SessionsState | undefined;
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | undefined;

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'on'>) {}

  /** Listens to the store; the core is asked once and then followed while someone listens. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.off) {
      this.off = this.bridge.on('sessions:state', (s) => this.set(s));
      void this.bridge.invoke('sessions:list', {}).then((r) => {
        if (r.ok && !this.state) this.set(r.value);
      });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.off?.();
        this.off = undefined;
      }
    };
  };

  /** The watched boards, undefined until the core answered. */
  readonly snapshot = (): SessionsState | undefined => this.state;

  /** Keeps a board connected whether or not it is shown; the failure in words, or undefined. */
  watch(id: string): Promise<string | undefined> {
    return this.answer(this.bridge.invoke('sessions:watch', { id }));
  }

  unwatch(id: string): Promise<string | undefined> {
    return this.answer(this.bridge.invoke('sessions:unwatch', { id }));
  }

  /** Shows a board on the other pages. */
  focus(id: string): Promise<string | undefined> {
    return this.answer(this.bridge.invoke('sessions:focus', { id }));
  }

  /** Adds a virtual board without moving the other pages, and watches it (which starts it). */
  async addVirtual(): Promise<string | undefined> {
    const added = await this.bridge.invoke('links:add-virtual', { show: false });
    if (!added.ok) return added.error.message;
    return this.watch(added.value.profile.id);
  }

  private async answer(
    call: Promise<{ ok: true; value: SessionsState } | { ok: false; error: { message: string } }>,
  ): Promise<string | undefined> {
    const r = await call;
    if (!r.ok) return r.error.message;
    this.set(r.value);
    return undefined;
  }

  private set(s: SessionsState): void {
    this.state = s;
    for (const listener of this.listeners) listener();
  }
}
