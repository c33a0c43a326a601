// Which input each board's serial console takes, driven by the board sessions (not by the focus, not by the hub):
// while a virtual board's session exists its UART feeds its own console; when a real board's session starts, the
// serial device its profile names opens as its console (watched or focused alike), and closes when it ends.
import type { BoardProfile, WireState } from '../../../shared/bridge/contracts/links';
import { serialSettingsSchema, type SerialConsoleState } from '../../../shared/bridge/contracts/serial';
import type { FocusSource } from '../sessions/focus';
import type { VirtualBoardService } from '../virtual-board';
import type { BoardConsoles } from './board-consoles';
import { serialWire, virtualUartWire } from './serial-wire';

/** A virtual board's UART: its service's line feed. */
export type VirtualUart = Pick<VirtualBoardService, 'onUartLine'>;

/** What the follower needs of the rest of the core. */
export interface BoardSerialDeps {
  readonly consoles: BoardConsoles;
  /** The session set (the SessionOwner): which boards are watched or focused now. */
  readonly sessions: {
    list(): readonly { readonly id: string }[];
    onSessionsChanged(cb: () => void): () => void;
  };
  /** The focused board, whose console is kept within the budget. */
  readonly onFocus: FocusSource;
  readonly profile: (id: string) => BoardProfile | undefined;
  /** A virtual board's UART (undefined for a real board). */
  readonly uartOf: (id: string) => VirtualUart | undefined;
  /** What board `id`'s Serial chip says (`undefined`: the profile's own words). */
  readonly setWire: (id: string, state: WireState | undefined) => void;
  readonly log: (message: string) => void;
}

/** What this follower started on a board's console, so it stops only that. */
type Auto =
  | { readonly kind: 'uart'; readonly detach: () => void; readonly since: number }
  | { readonly kind: 'device'; readonly path: string };

/** Follows the session set; the focused board's console is kept within the consoles' budget. */
export class BoardSerial {
  private readonly live = new Set<string>();
  private readonly autos = new Map<string, Auto>();
  /** Words for a board's chip that its console's state cannot say (its device held by another board). */
  private readonly notes = new Map<string, WireState>();
  private readonly shown = new Map<string, string>();
  private readonly watching = new Map<string, () => void>();
  /** Where each board's UART feed has got to, so a feed attached again does not repeat its replayed lines. */
  private readonly uartSeen = new Map<string, { t: number; atT: number }>();
  private queue: Promise<void> = Promise.resolve();
  private readonly stops: Array<() => void>;

  constructor(private readonly deps: BoardSerialDeps) {
    this.stops = [
      deps.onFocus((id) => {
        if (id !== undefined) deps.consoles.get(id); // the focused board's console stays in the budget
      }),
      deps.sessions.onSessionsChanged(() => this.reconcile()),
    ];
    this.reconcile();
  }

  /** Stops following and detaches what it attached; the consoles themselves are closed by their owner. */
  async close(): Promise<void> {
    for (const stop of this.stops) stop();
    await this.queue;
    for (const id of [...this.live]) {
      this.live.delete(id);
      await this.stop(id);
    }
  }

  private reconcile(): void {
    const now = new Set(this.deps.sessions.list().map((s) => s.id));
    for (const id of now) {
      if (this.live.has(id)) continue;
      this.live.add(id);
      this.enqueue(() => this.start(id));
    }
    for (const id of [...this.live]) {
      if (now.has(id)) continue;
      this.live.delete(id);
      this.enqueue(() => this.stop(id));
    }
  }

  private enqueue(fn: () => Promise<void>): void {
    this.queue = this.queue.then(fn).catch((err: unknown) => this.deps.log(`serial: ${String(err)}`));
  }

  private async start(id: string): Promise<void> {
    if (!this.live.has(id)) return;
    const { consoles } = this.deps;
    const c = consoles.get(id);
    consoles.pin(id, true);
    if (!this.watching.has(id))
      this.watching.set(
        id,
        c.onStateChange((s) => this.onState(id, s)),
      );
    const p = this.deps.profile(id);
    if (p?.kind === 'virtual') this.attachUart(id);
    else if (p?.kind === 'real' && p.serialPath && c.state().input.kind === 'none') {
      const holder = consoles.holderOf(p.serialPath, id);
      if (holder !== undefined) {
        this.notes.set(id, {
          kind: 'idle',
          detail: `${p.serialPath} is open as the serial console of ${this.deps.profile(holder)?.name ?? holder}, so this board's console was left closed.`,
        });
      } else {
        this.autos.set(id, { kind: 'device', path: p.serialPath });
        try {
          await c.open(serialSettingsSchema.parse({ path: p.serialPath }));
        } catch (err) {
          this.deps.log(
            `serial: ${p.name}'s console ${p.serialPath} did not open: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
    }
    this.showWire(id);
  }

  private async stop(id: string): Promise<void> {
    const c = this.deps.consoles.peek(id);
    const auto = this.autos.get(id);
    this.autos.delete(id);
    this.notes.delete(id);
    this.shown.delete(id);
    if (auto?.kind === 'uart') auto.detach();
    if (auto?.kind === 'device' && c) {
      const input = c.state().input;
      if (input.kind === 'device' && input.settings.path === auto.path) await c.close();
    }
    if (this.live.has(id)) return; // the session came back meanwhile: the start queued after this one runs
    this.watching.get(id)?.();
    this.watching.delete(id);
    this.deps.consoles.pin(id, false);
    if (!this.deps.profile(id)) {
      this.uartSeen.delete(id);
      await this.deps.consoles.forget(id); // the board was removed: its scrollback goes with it
    }
  }

  /** A virtual board's console takes its UART while nothing else (a device opened on the Serial page) is open. */
  private attachUart(id: string): void {
    const c = this.deps.consoles.get(id);
    const uart = this.deps.uartOf(id);
    const name = this.deps.profile(id)?.name ?? id;
    if (!uart || this.autos.has(id) || c.state().input.kind !== 'none') return;
    const seen = this.uartSeen.get(id) ?? { t: -Infinity, atT: 0 };
    this.uartSeen.set(id, seen);
    // The feed replays the board's recent lines first: skip those this console already holds.
    let skipBefore = seen.t;
    let skipAt = seen.atT;
    const detach = c.attachSource({
      name,
      onLine: (cb) =>
        uart.onUartLine((l) => {
          if (l.time < skipBefore || (l.time === skipBefore && skipAt-- > 0)) return;
          skipBefore = -Infinity;
          if (l.time === seen.t) seen.atT++;
          else Object.assign(seen, { t: l.time, atT: 1 });
          cb(l.text, l.time);
        }),
    });
    this.autos.set(id, { kind: 'uart', detach, since: Date.now() });
  }

  private onState(id: string, s: SerialConsoleState): void {
    const auto = this.autos.get(id);
    // A device opened on the Serial page replaced the UART; closing it gives the UART back.
    if (auto?.kind === 'uart' && s.input.kind === 'device') this.autos.delete(id);
    if (this.live.has(id) && s.input.kind === 'none' && !this.autos.has(id)) {
      if (this.deps.profile(id)?.kind === 'virtual') this.attachUart(id);
    }
    this.showWire(id);
  }

  private showWire(id: string): void {
    if (!this.live.has(id)) return;
    const c = this.deps.consoles.peek(id);
    const input = c?.state().input;
    const auto = this.autos.get(id);
    const p = this.deps.profile(id);
    let wire: WireState | undefined;
    if (input?.kind === 'source' && auto?.kind === 'uart') wire = virtualUartWire(auto.since);
    else if (input?.kind === 'device') wire = serialWire(input.link);
    else if (this.notes.has(id)) wire = this.notes.get(id);
    else if (p?.kind === 'real' && p.serialPath)
      wire = {
        kind: 'idle',
        detail: `The serial console ${p.serialPath} is closed; open it again on the Serial page.`,
      };
    if (input?.kind === 'device') this.notes.delete(id);
    // The console's state goes out with every batch of lines; the chip changes only when its words do.
    const key = JSON.stringify(wire ?? null);
    if (this.shown.get(id) === key) return;
    this.shown.set(id, key);
    this.deps.setWire(id, wire);
  }
}
