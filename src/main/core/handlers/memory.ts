import type {
  AppliedWhatIf,
  MemoryApplyResult,
  memoryCommands,
} from '../../../shared/bridge/contracts/memory';
import type { MemoryConfig } from '../../../shared/memory/config';
import { nucleoMemLayout } from '../../../shared/memory/firmware-layout';
import { analyzeImportSteps, type ImportFiles } from '../../../shared/memory/import';
import { ParseError } from '../../../shared/memory/linker-script';
import type { MemoryLayout } from '../../../shared/memory/types';
import { computeUsage, type MemoryUsage } from '../../../shared/memory/usage';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { ImportUploads } from '../memory/import-uploads';
import type { PoolStatusFeed } from '../memory/pool-feed';
import { PoolMonitor } from '../memory/pool-monitor';
import { runSliced } from '../memory/sliced';
import type { FocusSource } from '../sessions/focus';

/**
 * A virtual board's memory as the what-if panel drives it: its layout, the configuration its pools follow, and
 * "apply" (a control, like the Board page's faults). Its live pools are not read here: they
 * come over the wire in pool-status messages, as a real board's do.
 */
export interface VirtualMemory {
  readonly layout: MemoryLayout;
  usage(): MemoryUsage;
  apply(config: MemoryConfig): Omit<MemoryApplyResult, 'usage'>;
}

/** What the memory feature needs: the virtual boards' memory controls, every board's pool-status feed, the focus. */
export interface MemoryDeps {
  /** The memory of virtual board `id` while it runs; undefined for a real board or a stopped one. */
  readonly virtualMemory: (id: string) => VirtualMemory | undefined;
  readonly feed: PoolStatusFeed;
  /** The focused board (the one the pages show), from its one owner; the pools shown follow it. */
  readonly focus: FocusSource;
  /** Whether board `id` is an in-app virtual board, and whether it runs. */
  readonly isVirtual: (id: string) => boolean;
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

/** Applies a what-if to a virtual board's memory: the core-side action behind the page's "Apply". */
export function applyToBoard(memory: VirtualMemory, config: MemoryConfig): MemoryApplyResult {
  const r = whatIf(() => memory.apply(config));
  return { ...r, usage: memory.usage() };
}

/** Handlers for the memory map, what-if, build import and live pools, each for one board. */
export function memoryHandlers(
  ctx: BenchContext,
  deps: MemoryDeps,
): FeatureHandlers<keyof typeof memoryCommands> {
  const monitor = new PoolMonitor({
    feed: deps.feed,
    focus: deps.focus,
    isVirtual: deps.isVirtual,
    virtualRunning: deps.virtualRunning ?? ((id) => deps.virtualMemory(id) !== undefined),
    emit: (event) => ctx.hub.emit('memory:pools', event),
  });
  // The last what-if applied, per board: one entry per virtual board at most, so it stays small.
  const applied = new Map<string, AppliedWhatIf>();
  const uploads = new ImportUploads();
  ctx.onClose(() => monitor.close());

  /** The board a request names, or the focused one; a request for "the shown board" when none is shown fails. */
  const boardOf = (boardId: string | undefined): string => {
    const id = boardId ?? monitor.focusedBoard();
    if (id === undefined)
      throw new BenchError('UNAVAILABLE', 'No board is shown: choose one in the app bar.');
    return id;
  };

  return {
    'memory:model': ({ boardId }) => {
      const id = boardOf(boardId);
      const memory = deps.virtualMemory(id);
      const layout = memory?.layout ?? nucleoMemLayout;
      const usage = computeUsage(layout);
      const last = applied.get(id);
      return {
        boardId: id,
        layout,
        usage,
        applied: memory?.usage() ?? usage,
        pools: monitor.state(id),
        history: monitor.history(id),
        ...(last ? { lastApply: last } : {}),
      };
    },
    'memory:what-if': ({ config }) => whatIf(() => computeUsage(nucleoMemLayout, config)),
    'memory:import-part': ({ upload, which, index, text }) => ({
      chars: uploads.add(upload, which, index, text),
    }),
    'memory:import': async ({ upload, ...inline }) => {
      const files: ImportFiles = upload !== undefined ? uploads.take(upload) : inline;
      try {
        // In slices: a big map must not hold up telemetry, links or other clients (§12.5).
        return await runSliced(analyzeImportSteps(files));
      } catch (err) {
        if (err instanceof ParseError) throw new BenchError('BAD_REQUEST', err.message);
        throw err;
      }
    },
    'memory:apply': ({ config, boardId }) => {
      const id = boardOf(boardId);
      if (!deps.isVirtual(id))
        throw new BenchError(
          'BAD_REQUEST',
          "A what-if cannot change a real board's memory: its pools are fixed by the firmware it runs. Build the firmware with these settings and flash it, or try them on a virtual board.",
        );
      const memory = deps.virtualMemory(id);
      if (!memory)
        throw new BenchError(
          'UNAVAILABLE',
          'This virtual board is not running: start it on the Board page, then apply.',
        );
      const result = applyToBoard(memory, config);
      applied.set(id, { asked: config, result });
      ctx.log(
        `memory: applied what-if to ${id} (${result.applied.length} changes, ${result.notApplied.length} not applied)`,
      );
      return result;
    },
  };
}
