// The alarm service (docs/alarms.md §Where alarms show): feeds the rule engine from every watched board, ticks it,
// and turns what it holds raised into the alarms people see: raises and clears told to listeners (markers,
// notifications, MQTT, captures), the recent list and acknowledgements. No window needed: the agent runs it too.
import type { PayloadOf } from '../../../shared/bridge/contract';
import type { AlarmRule } from '../../../shared/alarms/rules';
import type { AlarmRecord, AlarmsState } from '../../../shared/bridge/contracts/alarms';
import type { PoolStatus } from '../../../shared/protocol/pool-status';
import { AlarmBook } from './alarm-book';
import { followBoards, type AlarmBoards, type AlarmPools, type BoardInputSink } from './board-inputs';
import { AlarmEngine } from './engine';
import type { AlarmEngineApi, AlarmSource, AlarmTransition, EngineBoard } from './types';

/** How often time passes for the engine (silence, minimum durations, holds). */
export const TICK_MS = 250;

export type AlarmEventName = 'alarms:changed' | 'alarms:transition';
export type AlarmEmitter = <E extends AlarmEventName>(name: E, payload: PayloadOf<E>) => void;

/** Makes the rule engine, given where it tells each raise and clear (tests give a fake one). */
export type EngineFactory = (opts: {
  readonly rules: readonly AlarmRule[];
  readonly onTransition: (t: AlarmTransition) => void;
}) => AlarmEngineApi;

export interface AlarmServiceOptions {
  /** Default: the AlarmEngine (engine.ts). */
  readonly engine?: EngineFactory;
  readonly boards: AlarmBoards;
  /** Pool-status reports (absent: pool rules never hold). */
  readonly pools?: AlarmPools;
  readonly rules?: readonly AlarmRule[];
  /** Where `alarms:changed` and `alarms:transition` go (the app's EventHub; nothing in the agent). */
  readonly emit?: AlarmEmitter;
  readonly now?: () => number;
  /** The engine's tick period (default TICK_MS; 0: no timer, the caller ticks). */
  readonly tickMs?: number;
  readonly log?: (message: string) => void;
}

/** Every watched board's alarms, as one list. */
export class AlarmService implements AlarmSource {
  private readonly engine: AlarmEngineApi;
  private readonly book = new AlarmBook();
  private readonly listeners = new Set<(t: AlarmTransition) => void>();
  private readonly changeListeners = new Set<(s: AlarmsState) => void>();
  /** Raises and clears the engine told during the current input, told to listeners once it has returned. */
  private pending: AlarmTransition[] = [];
  private busy = false;
  private readonly now: () => number;
  private readonly log: (m: string) => void;
  private readonly emit: AlarmEmitter;
  private readonly stopBoards: () => void;
  private readonly timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(opts: AlarmServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => {});
    this.emit = opts.emit ?? (() => {});
    const make: EngineFactory = opts.engine ?? ((o) => new AlarmEngine(o));
    this.engine = make({ rules: opts.rules ?? [], onTransition: (t) => this.noted(t) });
    const sink: BoardInputSink = {
      addBoard: (b: EngineBoard, t: number) => this.input(t, () => this.engine.addBoard(b, t)),
      removeBoard: (id: string, t: number) => this.input(t, () => this.engine.removeBoard(id, t)),
      telemetry: (id: string, t: number, data: Readonly<Record<string, unknown>>) =>
        this.input(t, () => this.engine.telemetry(id, t, data)),
      link: (id: string, t: number, open: boolean) => this.input(t, () => this.engine.link(id, t, open)),
      reboot: (id: string, t: number) => this.input(t, () => this.engine.reboot(id, t)),
      pools: (id: string, t: number, s: PoolStatus) => this.input(t, () => this.engine.pools(id, t, s)),
    };
    this.stopBoards = followBoards(opts.boards, opts.pools, sink, this.now);
    const every = opts.tickMs ?? TICK_MS;
    if (every > 0) {
      this.timer = setInterval(() => this.tick(), every);
      this.timer.unref();
    }
  }

  /** Replaces the rules: alarms of a rule removed, disabled or changed clear (with their transition). */
  setRules(rules: readonly AlarmRule[]): void {
    const t = this.now();
    this.input(t, () => this.engine.setRules(rules, t));
  }

  /** Lets time pass for the engine (the timer calls it; tests call it with a fake clock). */
  tick(): void {
    const t = this.now();
    this.input(t, () => this.engine.tick(t));
  }

  onTransition(listener: (t: AlarmTransition) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears every change of the state (raise, clear, acknowledgement, capture); returns the unsubscribe. */
  onChange(listener: (s: AlarmsState) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  active(): readonly AlarmRecord[] {
    return this.book.active();
  }

  state(): AlarmsState {
    return this.book.state();
  }

  /** Acknowledges one alarm (its id) or every one nobody acknowledged (`all`). Unknown id: NOT_FOUND. */
  ack(which: { readonly id: string } | { readonly all: true }): AlarmsState {
    const t = this.now();
    const changed = 'id' in which ? this.book.ack(which.id, t) : this.book.ackAll(t) > 0;
    if (changed) this.changed();
    return this.book.state();
  }

  /** Names the capture bundle saved for an alarm (the capture part calls it when it starts one). */
  setCapture(alarmId: string, captureId: string): void {
    if (this.book.setCapture(alarmId, captureId)) this.changed();
  }

  /** Stops the timer and the boards' feeds; nothing is told afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.stopBoards();
  }

  /** Passes one input to the engine, then tells what it decided (raises and clears) and the new state. */
  private input(_t: number, fn: () => void): void {
    if (this.closed) return;
    this.busy = true;
    try {
      fn();
    } catch (err) {
      this.log(`alarm engine: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.busy = false;
    }
    this.flush();
  }

  /** A raise or clear from the engine: into the book at once, told once the engine's call has returned. */
  private noted(tr: AlarmTransition): void {
    const kept = tr.kind === 'raised' ? this.book.raised(tr.alarm) : this.book.cleared(tr.alarm);
    if (!kept) {
      this.log(`alarm ${tr.alarm.id}: cleared, but it was not raised`);
      return;
    }
    this.pending.push({ ...tr, alarm: kept });
    if (!this.busy) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const told = this.pending;
    this.pending = [];
    for (const tr of told) this.tell(tr);
    this.changed();
  }

  private tell(tr: AlarmTransition): void {
    this.emit('alarms:transition', { kind: tr.kind, alarm: tr.alarm });
    for (const l of this.listeners) {
      try {
        l(tr);
      } catch (err) {
        this.log(`alarm listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private changed(): void {
    const s = this.book.state();
    this.emit('alarms:changed', s);
    for (const l of this.changeListeners) {
      try {
        l(s);
      } catch (err) {
        this.log(`alarm listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
