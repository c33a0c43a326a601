// The recorder's data layer: its status and folders, asked when something first shows them and then kept current
// from `telemetry:recording`. Components read it with useSyncExternalStore; a component that must act on each
// status the core sends (a finished recording's download) listens with `onEvent`.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type { RecordingFolders, RecordingStatus } from '../../../../shared/bridge/contracts/telemetry';

export interface RecordingView {
  readonly status: RecordingStatus | undefined;
  readonly folders: RecordingFolders | undefined;
}

export class RecordingStore {
  private view: RecordingView = { status: undefined, folders: undefined };
  /** Count of statuses heard: an answer to an older question does not overwrite a newer event. */
  private heard = 0;
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<(s: RecordingStatus) => void>();
  private off: (() => void) | undefined;

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'on'>) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.off) {
      this.off = this.bridge.on('telemetry:recording', (s) => {
        this.take(s);
        for (const l of this.eventListeners) l(s);
      });
      const asked = this.heard;
      void this.bridge.invoke('telemetry:recording-status', {}).then((r) => {
        // An event heard meanwhile is the newer status, but it carries no folders: those come from this answer alone.
        if (!r.ok) return;
        this.view = { status: this.heard === asked ? r.value : this.view.status, folders: r.value.folders };
        this.changed();
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

  readonly snapshot = (): RecordingView => this.view;

  /** Calls `listener` with each status the core sends, until the returned function is called. */
  onEvent(listener: (s: RecordingStatus) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Takes a status a command answered (start, stop). */
  take(s: RecordingStatus): void {
    this.heard++;
    this.view = { ...this.view, status: s };
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
