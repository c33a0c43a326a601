// The host folders part of the bridge contract: where the bench writes files for the user, and the native dialogs
// of the desktop app that choose them. In browser mode nothing here opens a dialog: the bench keeps its files in
// its own folders and the page offers them as browser downloads.
import { z } from 'zod';
import { command, res } from '../define';

/** What a host folder is for. */
export type HostFolderPurpose = 'recordings' | 'serial-logs' | 'downloads';

/** The folder the bench writes into for each purpose, and whether this transport can choose another. */
export interface HostFoldersView {
  readonly recordings: string;
  readonly 'serial-logs': string;
  readonly downloads: string;
  /** True in the desktop app (native dialogs); false in browser mode. */
  readonly canChoose: boolean;
}

const purpose = z.enum(['recordings', 'serial-logs', 'downloads']);

export const hostCommands = {
  'host:folders': command(z.object({}).strict(), res<HostFoldersView>()),
  /** Desktop app only: a native folder dialog; the folder picked becomes the purpose's folder. */
  'host:choose-folder': command(
    z.object({ purpose }).strict(),
    res<{ readonly path: string | null; readonly folders: HostFoldersView }>(),
  ),
  /** Desktop app only: a native save dialog for a new or existing file; its folder becomes the purpose's. */
  'host:choose-save-file': command(
    z.object({ purpose, defaultName: z.string().min(1).max(255) }).strict(),
    res<{ readonly path: string | null; readonly folders: HostFoldersView }>(),
  ),
  /** Desktop app only: a native open dialog; the files or the folder picked may then be uploaded. */
  'host:choose-upload': command(
    z.object({ kind: z.enum(['files', 'folder']) }).strict(),
    res<{ readonly paths: readonly string[] }>(),
  ),
};
