import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { runsCommands } from '../../../shared/bridge/contracts/runs';
import type { FieldUnits } from '../../../shared/telemetry/fields';
import { BenchError } from '../../../shared/result';
import type { CallContext, FeatureHandlers } from '../dispatch';
import type { HostDialogs } from '../files/host-folders';
import { recordingToSessionFile } from '../flight/import-recording';
import { runWindowCsv } from '../runs/run-csv';
import type { RunsService } from '../runs/runs-service';

/** Where exports go, as the live telemetry export has it (handlers/telemetry.ts). */
export interface RunExports {
  /** The checked folder for `dir` (the recordings folder when undefined). */
  readonly folder: (dir: string | undefined) => string;
  readonly units: () => FieldUnits | undefined;
  /** Browser mode: a one-time download of `file`. */
  readonly download: (call: CallContext, file: string) => { download?: string };
}

/** The MCAP magic every session file starts with. */
const MCAP_MAGIC = Buffer.from([0x89, 0x4d, 0x43, 0x41, 0x50]);

/** The Sessions page's commands: the kept runs, review windows and markers (docs/sessions.md §Review). */
export function runsHandlers(
  runs: RunsService,
  dialogs: HostDialogs | undefined,
  benchVersion: string,
  exports: RunExports,
): FeatureHandlers<keyof typeof runsCommands> {
  return {
    'runs:list': () => runs.state(),
    'runs:open': ({ id }) => runs.open(id),
    'runs:open-file': async (_r, call) => {
      if (call.transport !== 'electron' || !dialogs)
        throw new BenchError(
          'UNAVAILABLE',
          'A file from disk is opened in the desktop app; browser mode opens the sessions the bench kept itself.',
        );
      const [picked] = await dialogs.chooseOpen('Open a session (MCAP) or a recording (NDJSON)', 'files');
      if (picked === undefined) return null;
      return openFile(runs, picked, benchVersion);
    },
    'runs:close': async ({ reviewId }) => ({ reviewId, closed: await runs.close(reviewId) }),
    'runs:delete': ({ id }) => runs.delete(id),
    'runs:telemetry': async ({ reviewId, fromT, toT, maxPoints }) => {
      const review = runs.review(reviewId);
      const h = await review.telemetry(fromT, toT, maxPoints);
      return { ...h, boardId: review.run.boardId, reviewId };
    },
    'runs:frames': async ({ reviewId, fromT, toT, limit }) => ({
      reviewId,
      ...(await runs.review(reviewId).frames(fromT, toT, limit)),
    }),
    'runs:frame-detail': async ({ reviewId, seq, t }) => {
      const detail = await runs.review(reviewId).frameDetail(seq, t);
      if (!detail)
        throw new BenchError(
          'NOT_FOUND',
          `Row #${seq} is not in this run at ${new Date(t).toISOString()}: the frame log's rows of that moment hold no such row.`,
        );
      return detail;
    },
    'runs:serial': async ({ reviewId, fromT, toT, limit }) => ({
      reviewId,
      ...(await runs.review(reviewId).serial(fromT, toT, limit)),
    }),
    'runs:events': async ({ reviewId, fromT, toT, limit }) => ({
      reviewId,
      ...(await runs.review(reviewId).events(fromT, toT, limit)),
    }),
    'runs:values-at': async ({ reviewId, t }) => ({
      reviewId,
      t,
      ...(await runs.review(reviewId).valuesAt(t)),
    }),
    'runs:mark': (req) => runs.mark(req),
    'runs:export-csv': async ({ reviewId, fromT, toT, dir }, call) => {
      // The folder first: a path outside the user's folders is refused whatever else the request says.
      const folder = exports.folder(dir);
      const review = runs.review(reviewId);
      const written = await runWindowCsv(review, {
        fromT,
        toT,
        dir: folder,
        units: exports.units(),
      });
      return { ...written, ...exports.download(call, written.file) };
    },
  };
}

/**
 * Opens a file the user chose: an MCAP file in place (read only: never repaired, never written), an NDJSON
 * recording converted into a session file in a temporary folder first (removed when the review closes).
 */
export async function openFile(runs: RunsService, path: string, benchVersion: string) {
  const head = Buffer.alloc(MCAP_MAGIC.length);
  try {
    const h = await open(path, 'r');
    try {
      await h.read(head, 0, head.length, 0);
    } finally {
      await h.close();
    }
  } catch (e) {
    throw new BenchError(
      'NOT_FOUND',
      `Cannot read ${basename(path)}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (head.equals(MCAP_MAGIC)) return runs.openPath(path, path);
  const dir = await mkdtemp(join(tmpdir(), 'nucleo-bench-recording-'));
  const target = join(dir, `${basename(path).replace(/\.[^.]*$/, '')}.mcap`);
  try {
    await recordingToSessionFile(path, target, benchVersion);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw new BenchError(
      'BAD_REQUEST',
      `${basename(path)} is neither a session file (MCAP) nor a recording the bench can read: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return runs.openPath(target, path, () => rm(dir, { recursive: true, force: true }));
}
