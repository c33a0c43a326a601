import { basename, dirname, extname, join } from 'node:path';
import type { hostCommands } from '../../../shared/bridge/contracts/host';
import { BenchError } from '../../../shared/result';
import type { CallContext, FeatureHandlers } from '../dispatch';
import type { DownloadOffers } from '../files/download-offers';
import { PURPOSE_WORDS, type HostDialogs, type HostFolders } from '../files/host-folders';

/** The host-path policy every handler that names a host path goes through. */
export interface HostAccess {
  readonly folders: HostFolders;
  readonly offers: DownloadOffers;
  /** The desktop app's native dialogs; absent in browser mode. */
  readonly dialogs?: HostDialogs;
}

/** For a browser-mode call, the URL path of a one-time download of `file`; nothing for the desktop app. */
export function downloadFor(host: HostAccess, call: CallContext, file: string): { download?: string } {
  return call.transport === 'browser' ? { download: host.offers.offer(file) } : {};
}

/** Handlers of host:* (the folders, and the desktop app's native dialogs). */
export function hostHandlers(host: HostAccess): FeatureHandlers<keyof typeof hostCommands> {
  const canChoose = (call: CallContext) => call.transport === 'electron' && host.dialogs !== undefined;
  const dialogs = (call: CallContext): HostDialogs => {
    if (!canChoose(call) || !host.dialogs)
      throw new BenchError(
        'UNAVAILABLE',
        'Folders are chosen in the desktop app; browser mode keeps its files in the bench’s own folders and offers them as downloads.',
      );
    return host.dialogs;
  };
  return {
    'host:folders': (_r, call) => host.folders.view(canChoose(call)),
    'host:choose-folder': async ({ purpose }, call) => {
      const picked = await dialogs(call).chooseFolder(
        `Folder for ${PURPOSE_WORDS[purpose]}`,
        host.folders.current(purpose),
      );
      const path = picked === undefined ? null : host.folders.choose(purpose, picked);
      return { path, folders: host.folders.view(true) };
    },
    'host:choose-save-file': async ({ purpose, defaultName }, call) => {
      const ext = extname(defaultName).slice(1);
      const picked = await dialogs(call).chooseSaveFile(
        `File for ${PURPOSE_WORDS[purpose]}`,
        join(host.folders.current(purpose), defaultName),
        ext ? [ext] : [],
      );
      if (picked === undefined) return { path: null, folders: host.folders.view(true) };
      const dir = host.folders.choose(purpose, dirname(picked));
      return { path: join(dir, basename(picked)), folders: host.folders.view(true) };
    },
    'host:choose-upload': async ({ kind }, call) => {
      const picked = await dialogs(call).chooseOpen(
        kind === 'folder' ? 'Folder to upload to the board' : 'Files to upload to the board',
        kind,
      );
      return { paths: host.folders.grant(picked) };
    },
  };
}
