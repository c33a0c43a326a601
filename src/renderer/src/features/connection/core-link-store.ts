// The page's own connection to the bench core and the core's last heartbeat, for the chip that says whether the
// page still hears the core. Read with useSyncExternalStore; the store listens while anything is subscribed.
import type { BenchApi, PayloadOf } from '../../../../shared/bridge/contract';
import type { BridgeState } from '../../bridge/web-bridge';

export interface CoreLink {
  readonly bridge: BridgeState;
  /** The core's last heartbeat, undefined before the first. */
  readonly beat: PayloadOf<'app:heartbeat'> | undefined;
}

export class CoreLinkStore {
  private view: CoreLink = { bridge: { kind: 'connecting' }, beat: undefined };
  private readonly listeners = new Set<() => void>();
  private offs: Array<() => void> = [];

  constructor(
    private readonly bridge: {
      readonly on: BenchApi['on'];
      readonly onState: (listener: (s: BridgeState) => void) => () => void;
    },
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1)
      this.offs = [
        this.bridge.onState((s) => this.set({ ...this.view, bridge: s })),
        this.bridge.on('app:heartbeat', (beat) => this.set({ ...this.view, beat })),
      ];
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) for (const off of this.offs.splice(0)) off();
    };
  };

  readonly snapshot = (): CoreLink => this.view;

  private set(v: CoreLink): void {
    this.view = v;
    for (const l of this.listeners) l();
  }
}
