import type { filesCommands, TransfersSnapshot } from '../../../shared/bridge/contracts/files';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { FilesService } from '../files/files-service';
import type { FtpTargetProvider } from '../files/target';
import { BenchError } from '../../../shared/result';
import type { HostAccess } from './host';

/** Builds the files service on the event hub and registers its cleanup. */
export function createFilesService(
  ctx: BenchContext,
  provider: FtpTargetProvider,
  /** Also told every queue snapshot (the flight recorder keeps the transfers that ended). */
  onTransfers?: (s: TransfersSnapshot) => void,
): FilesService {
  const service = new FilesService({
    provider,
    dataDir: ctx.dataDir,
    log: ctx.log,
    events: {
      state: (s) => ctx.hub.emit('files:state', s),
      transfers: (s) => {
        ctx.hub.emit('files:transfers', s);
        onTransfers?.(s);
      },
      conflict: (q) => ctx.hub.emit('files:conflict', q),
    },
  });
  ctx.onClose(() => service.close());
  return service;
}

/**
 * Handlers of the eMMC browser (files:*). Downloads go only into the downloads folder the user chose (or the app's
 * own); uploads from a host path only of what was picked in the desktop app's open dialog, never in browser mode
 * (the page uploads from the browser instead).
 */
export function filesHandlers(
  service: FilesService,
  host: HostAccess,
): FeatureHandlers<keyof typeof filesCommands> {
  return {
    'files:attach': () => service.attach(),
    'files:detach': () => (service.detach(), { ok: true as const }),
    'files:state': (r) => service.state(r.boardId),
    'files:transfers': () => service.queue.snapshot(),
    'files:list': (r) => service.list(r.path, r.boardId),
    'files:mkdir': (r) => service.mkdir(r.path, r.boardId),
    'files:rename': (r) => service.rename(r.from, r.to, r.boardId),
    'files:delete': (r) => service.delete(r.paths, r.boardId),
    'files:capacity': (r) => service.capacity(r.boardId),
    'files:read': (r) => service.read(r.path, r.maxBytes, r.boardId),
    'files:download': (r) =>
      service.download(r.paths, host.folders.confine('downloads', r.localDir), r.boardId),
    'files:upload-from-host': (r, call) => {
      if (call.transport === 'browser')
        throw new BenchError(
          'FORBIDDEN',
          'In browser mode, upload from this browser: drop files on the list or use the upload buttons.',
        );
      return service.uploadFromHost(host.folders.takeGranted(r.localPaths), r.remoteDir, r.boardId);
    },
    'files:upload-begin': (r) => service.uploadBegin(r.remoteDir, r.files, r.boardId),
    'files:upload-chunk': (r) => service.uploadChunk(r.uploadId, r.offset, r.data, r.last),
    'files:cancel': (r) => ({ cancelled: service.cancel(r.id) }),
    'files:clear-finished': () => ({ removed: service.queue.clearFinished() }),
    'files:resolve-conflict': (r) => (
      service.resolveConflict(r.conflictId, r.action, r.applyToAll),
      { ok: true as const }
    ),
  };
}
