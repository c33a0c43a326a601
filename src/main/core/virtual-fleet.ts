// Every virtual board the app runs: one VirtualBoardService per virtual profile, each with its own ports and eMMC
// folder. Every board prefers the same ports (the firmware's 8080, and 8000/2121), each used only where free: the
// first board to start while they are free takes them, the others get ports the OS picks, so they never collide.
import { join } from 'node:path';
import type { EventHub } from './event-hub';
import type { VirtualBoardProvider } from './sessions/session-deps';
import { VirtualBoardService, type VirtualBoardDefaults } from './virtual-board';

/** Ports and folders of the fleet. */
export interface VirtualFleetOptions {
  /** The app's data directory: board `id`'s eMMC is `emmc-<id>/` (`emmc/` for `virtual`, see emmcFolderOf). */
  readonly dataDir: string;
  /** Preferred ports of every board, each taken where free (default 8080/8000/2121; tests give 0: OS ports). */
  readonly ports?: Pick<VirtualBoardDefaults, 'wsPort' | 'httpPort' | 'ftpPort'>;
}

/**
 * Folder name of a virtual board's eMMC under the data directory (ids are the app's own: `virtual`, `virtual-2`, …).
 * Board `virtual` keeps `emmc/`, the folder it had when it was the one virtual board the app ran: data
 * compatibility, so the files of users who had it stay with it. Every other board has `emmc-<id>/`.
 */
export function emmcFolderOf(boardId: string): string {
  return boardId === 'virtual' ? 'emmc' : `emmc-${boardId.replace(/[^a-zA-Z0-9-]/g, '_')}`;
}

/** A virtual board has booted and listens: where, and whether its WebSocket address moved since its last boot. */
export interface VirtualBoot {
  readonly ws: string;
  readonly moved: boolean;
}

export class VirtualFleet {
  private readonly boards = new Map<string, VirtualBoardService>();
  private readonly statusListeners = new Set<(boardId: string) => void>();
  private readonly bootListeners = new Set<(boardId: string, boot: VirtualBoot) => void>();
  /** Each board's WebSocket address at its last boot. */
  private readonly lastWs = new Map<string, string>();

  constructor(
    private readonly hub: EventHub,
    private readonly options: VirtualFleetOptions,
  ) {}

  /** Board `id`'s service, made on first use (it starts only when asked to). */
  service(id: string): VirtualBoardService {
    let s = this.boards.get(id);
    if (!s) {
      const emmcDir = join(this.options.dataDir, emmcFolderOf(id));
      s = new VirtualBoardService(this.hub, id, { emmcDir, ...this.options.ports });
      s.onStatus(() => {
        for (const l of this.statusListeners) l(id);
      });
      this.boards.set(id, s);
      s.onBooted((ws) => this.booted(id, ws));
    }
    return s;
  }

  /** Hears which board's status changed (started, stopped, other ports), for boards made now or later. */
  onStatus(listener: (boardId: string) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Hears every virtual board boot (started, or rebooted): a session of that board then tries its links at once,
   * or opens them again where the board moved. Returns the unsubscribe.
   */
  onBoot(listener: (boardId: string, boot: VirtualBoot) => void): () => void {
    this.bootListeners.add(listener);
    return () => this.bootListeners.delete(listener);
  }

  private booted(id: string, ws: string): void {
    const before = this.lastWs.get(id);
    this.lastWs.set(id, ws);
    const boot = { ws, moved: before !== undefined && before !== ws };
    for (const listener of this.bootListeners) listener(id, boot);
  }

  /** The service of board `id` if one was made. */
  get(id: string): VirtualBoardService | undefined {
    return this.boards.get(id);
  }

  /** Every service made so far. */
  all(): VirtualBoardService[] {
    return [...this.boards.values()];
  }

  /** Stops and forgets board `id` (its profile was removed); its eMMC folder is left as it is. */
  async remove(id: string): Promise<void> {
    const s = this.boards.get(id);
    this.boards.delete(id);
    this.lastWs.delete(id);
    if (s?.running) await s.stop();
    await s?.close();
  }

  /** What a board session needs of board `id`: its endpoints, the board started on first use. */
  provider(id: string): VirtualBoardProvider {
    return {
      ensureStarted: async () => {
        const { endpoints } = await this.service(id).ensureStarted();
        return { ws: endpoints.ws, http: endpoints.http, ftp: endpoints.ftp };
      },
      isRunning: () => this.boards.get(id)?.running !== undefined,
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((s) => s.close()));
  }
}
