// The folders the bench writes into on the host, as the renderer sees them: asked whenever something starts
// showing them (another window or a save dialog may have moved one), changed through the core's native dialogs
// (desktop app only). Components read them with useSyncExternalStore and call the store's methods.
import type { BenchApi } from '../../../shared/bridge/contract';
import type { HostFolderPurpose, HostFoldersView } from '../../../shared/bridge/contracts/host';
import type { Result } from '../../../shared/result';

export class HostFoldersStore {
  private view: HostFoldersView | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'transport'>) {}

  /** The desktop app: files can be picked from the host's disk with native dialogs. */
  get desktop(): boolean {
    return this.bridge.transport === 'electron';
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1)
      void this.bridge.invoke('host:folders', {}).then((r) => r.ok && this.set(r.value));
    return () => this.listeners.delete(listener);
  };

  /** The folders, undefined until the core answered. */
  readonly snapshot = (): HostFoldersView | undefined => this.view;

  /** Desktop app only: a native dialog picks the folder for `purpose`; the failure in words, or undefined. */
  async choose(purpose: HostFolderPurpose): Promise<string | undefined> {
    const r = await this.bridge.invoke('host:choose-folder', { purpose });
    if (!r.ok) return r.error.message;
    this.set(r.value.folders);
    return undefined;
  }

  /** Desktop app only: a native open dialog; the paths picked (none when cancelled). */
  chooseUpload(kind: 'files' | 'folder'): Promise<Result<{ readonly paths: readonly string[] }>> {
    return this.bridge.invoke('host:choose-upload', { kind });
  }

  private set(v: HostFoldersView): void {
    this.view = v;
    for (const l of this.listeners) l();
  }
}
