import type { MemoryApplyResult, memoryCommands } from '../../../shared/bridge/contracts/memory';
import type { MemoryConfig } from '../../../shared/memory/config';
import { nucleoMemLayout } from '../../../shared/memory/firmware-layout';
import { analyzeImport } from '../../../shared/memory/import';
import { ParseError } from '../../../shared/memory/linker-script';
import type { MemoryLayout } from '../../../shared/memory/types';
import { computeUsage, type MemoryUsage } from '../../../shared/memory/usage';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import type { PoolStatusFeed } from '../memory/pool-feed';
import { PoolMonitor } from '../memory/pool-monitor';

/**
 * The virtual board's memory as the what-if panel drives it: its layout, the configuration its pools follow, and
 * "apply to the virtual board" (a control, like the Board page's faults). Its live pools are not read here: they
 * come over the wire in pool-status messages, as a real board's do.
 */
export interface VirtualMemory {
  readonly layout: MemoryLayout;
  usage(): MemoryUsage;
  apply(config: MemoryConfig): Omit<MemoryApplyResult, 'usage'>;
}

/** What the memory feature needs: the running virtual board's memory control, and every board's pool-status feed. */
export interface MemoryDeps {
  /** The memory of the virtual board the what-if drives, or undefined when it is not running. */
  readonly virtualMemory: () => VirtualMemory | undefined;
  readonly feed: PoolStatusFeed;
  /** The board the pages show (the focused session); undefined while none is, and then no board's pools show. */
  readonly selectedBoard: () => string | undefined;
  /** Whether board `id` is an in-app virtual board, and whether it runs. */
  readonly isVirtual?: (id: string) => boolean;
  readonly virtualRunning?: (id: string) => boolean;
}

function whatIf<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    // resolveConfig refuses unknown regions with a plain sentence.
    throw new BenchError('BAD_REQUEST', err instanceof Error ? err.message : String(err));
  }
}

/** Applies a what-if to the virtual board's memory: the core-side action behind "apply to the virtual board". */
export function applyToBoard(memory: VirtualMemory, config: MemoryConfig): MemoryApplyResult {
  const r = whatIf(() => memory.apply(config));
  return { ...r, usage: memory.usage() };
}

/** Handlers for the memory map, what-if, build import and live pools. */
export function memoryHandlers(
  ctx: BenchContext,
  deps: MemoryDeps,
): FeatureHandlers<keyof typeof memoryCommands> {
  const monitor = new PoolMonitor({
    feed: deps.feed,
    ...(deps.isVirtual ? { isVirtual: deps.isVirtual } : {}),
    virtualRunning: deps.virtualRunning ?? (() => deps.virtualMemory() !== undefined),
    selectedBoard: deps.selectedBoard,
    emit: (state) => ctx.hub.emit('memory:pools', state),
  });
  // The pools follow the board on screen, never the saved setting (which can name a board not shown, or gone).
  let selected = deps.selectedBoard();
  const follow = () => {
    const now = deps.selectedBoard();
    if (now !== selected) {
      selected = now;
      monitor.selectionChanged();
    }
  };
  const offs = [ctx.hub.on('settings:changed', follow), ctx.hub.on('links:state', follow)];
  ctx.onClose(() => {
    offs.forEach((off) => off());
    monitor.close();
  });

  return {
    'memory:model': () => {
      const memory = deps.virtualMemory();
      const layout = memory?.layout ?? nucleoMemLayout;
      const usage = computeUsage(layout);
      return {
        layout,
        usage,
        applied: memory?.usage() ?? usage,
        pools: monitor.state(),
        history: monitor.history(),
      };
    },
    'memory:what-if': ({ config }) =>
      whatIf(() => computeUsage(deps.virtualMemory()?.layout ?? nucleoMemLayout, config)),
    'memory:import': (files) => {
      try {
        return analyzeImport(files);
      } catch (err) {
        if (err instanceof ParseError) throw new BenchError('BAD_REQUEST', err.message);
        throw err;
      }
    },
    'memory:apply': ({ config }) => {
      const memory = deps.virtualMemory();
      if (!memory)
        throw new BenchError(
          'UNAVAILABLE',
          'The virtual board is not running: start it on the Board page, then apply.',
        );
      const result = applyToBoard(memory, config);
      ctx.log(
        `memory: applied what-if to the virtual board (${result.applied.length} changes, ${result.notApplied.length} not applied)`,
      );
      return result;
    },
  };
}
