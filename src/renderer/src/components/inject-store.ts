// Fault injection's data layer: whether each virtual board's telemetry is stalled (from `vboard:status`, kept by
// board id while a fault group is shown) and the request that injects a fault into one board.
import type { BenchApi, RequestOf } from '../../../shared/bridge/contract';
import type { Result } from '../../../shared/result';

/** A fault as the buttons make it; the board it is for is added when it is sent. */
export type Fault =
  RequestOf<'vboard:fault'> extends infer F ? (F extends unknown ? Omit<F, 'boardId'> : never) : never;

export class InjectStore {
  /** Board id → its telemetry is stalled, as its last status said. */
  private readonly stalled = new Map<string, boolean>();
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | undefined;

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'on'>) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.off ??= this.bridge.on('vboard:status', (s) => {
      const stalled = s.kind === 'running' && s.board.telemetryStalled;
      if (this.stalled.get(s.boardId) === stalled) return;
      this.stalled.delete(s.boardId);
      this.stalled.set(s.boardId, stalled);
      for (const l of this.listeners) l();
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      // Nothing shows the faults now: what was heard would be stale by the next time.
      this.off?.();
      this.off = undefined;
      this.stalled.clear();
    };
  };

  /** Board `boardId`'s telemetry is stalled (false until its status says so). */
  isStalled(boardId: string): boolean {
    return this.stalled.get(boardId) ?? false;
  }

  inject(boardId: string, fault: Fault): Promise<Result<unknown>> {
    return this.bridge.invoke('vboard:fault', { ...fault, boardId });
  }
}
