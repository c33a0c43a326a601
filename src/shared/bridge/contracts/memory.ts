// The memory feature's part of the bridge contract. Handlers: src/main/core/handlers/memory.ts.
import { z } from 'zod';
import { memoryConfigSchema, type MemoryConfig, type ResolvedConfig } from '../../memory/config';
import type { ImportedBuild } from '../../memory/import';
import type { MemoryLayout } from '../../memory/types';
import type { MemoryUsage } from '../../memory/usage';
import type { PoolStatus } from '../../protocol/pool-status';
import { command, event, res } from '../define';

/** Largest linker script / map file the import takes (characters of text, each file). */
export const MAX_IMPORT_CHARS = 3_500_000;

/**
 * Characters in one part of an upload (memory:import-part). The page sends files in parts because JSON can make a
 * character 6 bytes (`\u0001`; a Windows path's `\` is 2) and the browser-mode socket carries at most 4 MiB a
 * message (MAX_BRIDGE_MESSAGE_BYTES): 256 Ki characters are at most 1.5 MiB.
 */
export const IMPORT_PART_CHARS = 256 * 1024;

/** Which file of an import. */
export const importFileSchema = z.enum(['linkerScript', 'mapFile']);

/** A name the page makes up for one upload of files in parts. */
const uploadId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an upload name is 1 to 64 letters, digits, "-" or "_"');

/** Whose pools are shown: a virtual board's or a real board's (by profile id), or nobody's (no board shown). */
export type PoolSource =
  | { readonly kind: 'virtual'; readonly id: string }
  | { readonly kind: 'board'; readonly id: string }
  | { readonly kind: 'none' };

/** The live pool picture of the selected board. */
export type PoolFeedState =
  /** The board sends no pool-status (or the virtual board is not running): only the static layout is known. */
  | { readonly kind: 'none'; readonly source: PoolSource; readonly reason: string }
  /** Pool counters as last received. */
  | {
      readonly kind: 'live';
      readonly source: PoolSource;
      readonly at: number;
      readonly status: PoolStatus;
      readonly skipped: readonly string[];
    }
  /** The board reported before but has been silent for a while; the figures are old. */
  | {
      readonly kind: 'stale';
      readonly source: PoolSource;
      readonly at: number;
      readonly status: PoolStatus;
      readonly skipped: readonly string[];
    };

/** One sample of pool use over time, for sparklines: packets in use per packet pool, by pool name. */
export interface PoolSample {
  readonly t: number;
  readonly inUse: Readonly<Record<string, number>>;
}

/** The focused board's pool picture, as the core sends it (at most 4 a second), named by board. */
export interface PoolsEvent {
  readonly boardId: string;
  readonly state: PoolFeedState;
}

/** What the Memory page needs first, for one board. */
export interface MemoryModel {
  /** The board this model describes. */
  readonly boardId: string;
  /** The firmware's static layout (regions, pools, threads, MPU). */
  readonly layout: MemoryLayout;
  /** Usage of the firmware as built. */
  readonly usage: MemoryUsage;
  /** Usage of the configuration the board's pools follow now (differs after memory:apply on a virtual board). */
  readonly applied: MemoryUsage;
  readonly pools: PoolFeedState;
  /** Recent samples (oldest first, ≤ 240). */
  readonly history: readonly PoolSample[];
  /** The last what-if applied to this board (virtual boards only), with the configuration it applied. */
  readonly lastApply?: AppliedWhatIf;
}

/** A what-if applied to a board: what was asked and what came of it. */
export interface AppliedWhatIf {
  readonly asked: MemoryConfig;
  readonly result: MemoryApplyResult;
}

/** The outcome of applying a what-if to the virtual board. */
export interface MemoryApplyResult {
  readonly config: ResolvedConfig;
  readonly applied: readonly string[];
  readonly notApplied: readonly string[];
  readonly usage: MemoryUsage;
}

const text = (what: string) =>
  z
    .string()
    .max(
      MAX_IMPORT_CHARS,
      `${what} is larger than ${(MAX_IMPORT_CHARS / 1e6).toFixed(1)} MB, more than the import takes`,
    );

export const memoryCommands = {
  /** Static layout, usage as built, and the live pool state of board `boardId` (the focused one when absent). */
  'memory:model': command(z.object({ boardId: z.string().min(1).optional() }).strict(), res<MemoryModel>()),
  /** Region usage for a what-if (nothing changes on the board). */
  'memory:what-if': command(z.object({ config: memoryConfigSchema }).strict(), res<MemoryUsage>()),
  /**
   * Holds part `index` (0, 1, … in order) of one file of upload `upload`, for memory:import; answers the characters
   * of that file held so far. A file of the import may be up to MAX_IMPORT_CHARS, in parts of IMPORT_PART_CHARS.
   */
  'memory:import-part': command(
    z
      .object({
        upload: uploadId,
        which: importFileSchema,
        index: z
          .number()
          .int()
          .min(0)
          .max(Math.ceil(MAX_IMPORT_CHARS / IMPORT_PART_CHARS)),
        text: z.string().max(IMPORT_PART_CHARS, `a part holds at most ${IMPORT_PART_CHARS} characters`),
      })
      .strict(),
    res<{ readonly chars: number }>(),
  ),
  /**
   * Parses a user's linker script and/or map file: their text inline (over the browser-mode socket only while the
   * message stays under 4 MiB), or the parts sent as upload `upload`.
   * Errors: BAD_REQUEST naming file and line, or the limit passed (docs/architecture.md §12.5).
   */
  'memory:import': command(
    z
      .object({
        linkerScript: text('The linker script').optional(),
        mapFile: text('The map file').optional(),
        upload: uploadId.optional(),
      })
      .strict()
      .refine((r) => r.upload === undefined || (r.linkerScript === undefined && r.mapFile === undefined), {
        message: 'name an upload or send the files inline, not both',
      }),
    res<ImportedBuild>(),
  ),
  /**
   * Resizes virtual board `boardId`'s live pools (the focused board when absent) to a what-if. BAD_REQUEST for a
   * real board (its memory is its firmware's), UNAVAILABLE when the virtual board is not running.
   */
  'memory:apply': command(
    z.object({ config: memoryConfigSchema, boardId: z.string().min(1).optional() }).strict(),
    res<MemoryApplyResult>(),
  ),
};

export const memoryEvents = {
  /** Live pool state of the focused board, named by its id; at most 4 per second. */
  'memory:pools': event<PoolsEvent>(),
};
