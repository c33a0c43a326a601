// The host folders the bench may write into for the user, and the host paths it may read: the app's own folders in
// its data dir, plus what the user chose in a native dialog of the desktop app. Every request naming a host path
// is confined here, by real path, so a page (or any process holding browser mode's token) cannot name /etc.
import { mkdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { HostFolderPurpose, HostFoldersView } from '../../../shared/bridge/contracts/host';
import { BenchError } from '../../../shared/result';
import { confineHostPath, isInside, isSystemPath, realWritableFolder } from './host-paths';
import { z } from 'zod';
import { JsonStore } from '../json-store';

/** The app's own folder for each purpose, inside the data dir. */
const DEFAULT_NAMES: Record<HostFolderPurpose, string> = {
  recordings: 'recordings',
  'serial-logs': 'serial-logs',
  downloads: 'downloads',
};

/** What each purpose is, in words (error messages). */
export const PURPOSE_WORDS: Record<HostFolderPurpose, string> = {
  recordings: 'recordings and exports',
  'serial-logs': 'serial logs',
  downloads: 'downloads from the board',
};

/** The native dialogs of the desktop app (src/main/app/dialogs.ts); absent in browser mode. */
export interface HostDialogs {
  /** A folder, or undefined when cancelled. */
  chooseFolder(title: string, defaultPath: string): Promise<string | undefined>;
  /** A file to write, or undefined when cancelled. */
  chooseSaveFile(
    title: string,
    defaultPath: string,
    extensions: readonly string[],
  ): Promise<string | undefined>;
  /** Files or one folder to read; empty when cancelled. */
  chooseOpen(title: string, kind: 'files' | 'folder'): Promise<readonly string[]>;
  /** Shows a file or folder in the system's file manager (an alarm capture bundle). */
  showItemInFolder?(path: string): void;
}

const folder = z.string().max(4096).optional();
/** host-folders.json: the folder the user chose for each purpose (absent: the app's own). */
const fileSchema = z.object({ recordings: folder, 'serial-logs': folder, downloads: folder });

/** The chosen folders (kept in host-folders.json) and the paths granted for upload (kept in memory). */
export class HostFolders {
  private chosen: Partial<Record<HostFolderPurpose, string>>;
  private readonly grants = new Set<string>();
  private readonly store: JsonStore<typeof fileSchema>;

  constructor(
    private readonly dataDir: string,
    configDir: string,
    private readonly log: (m: string) => void,
  ) {
    this.store = new JsonStore({ file: join(configDir, 'host-folders.json'), schema: fileSchema, log });
    this.chosen = this.load();
  }

  /** The app's own folder for a purpose (created when missing). */
  defaultFolder(purpose: HostFolderPurpose): string {
    const dir = join(this.dataDir, DEFAULT_NAMES[purpose]);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Where files of this purpose go now: the folder the user chose, or the app's own. */
  current(purpose: HostFolderPurpose): string {
    return this.chosen[purpose] ?? this.defaultFolder(purpose);
  }

  view(canChoose: boolean): HostFoldersView {
    return {
      recordings: this.current('recordings'),
      'serial-logs': this.current('serial-logs'),
      downloads: this.current('downloads'),
      canChoose,
    };
  }

  /** Resolves `path` (an existing folder or file) inside this purpose's folders, by real path. */
  confine(purpose: HostFolderPurpose, path: string): string {
    const roots = [...new Set([this.current(purpose), this.defaultFolder(purpose)])];
    return confineHostPath(path, roots, PURPOSE_WORDS[purpose]);
  }

  /** Makes a folder the user picked in a native dialog the folder of a purpose. */
  choose(purpose: HostFolderPurpose, path: string): string {
    const real = checkWritableFolder(path);
    this.chosen = { ...this.chosen, [purpose]: real };
    try {
      this.store.set(this.chosen);
    } catch (err) {
      this.log(`could not remember the chosen folders: ${(err as Error).message}`);
    }
    return real;
  }

  /** Paths the user picked in a native open dialog may be read (uploaded) once. */
  grant(paths: readonly string[]): string[] {
    return paths.map((p) => {
      let real: string;
      try {
        real = realpathSync(p);
      } catch {
        throw new BenchError('NOT_FOUND', `${p} does not exist on the bench computer.`);
      }
      if (isSystemPath(real)) throw systemRefusal(p);
      this.grants.add(real);
      return real;
    });
  }

  /** Checks that every path was picked in a native dialog (or lies in a picked folder); returns the real paths. */
  takeGranted(paths: readonly string[]): string[] {
    const reals = paths.map((p) => {
      if (!isAbsolute(p) || isSystemPath(resolve(p))) throw notGranted(p);
      let real: string;
      try {
        real = realpathSync(p);
      } catch {
        throw new BenchError('NOT_FOUND', `${p} does not exist on the bench computer.`);
      }
      if (isSystemPath(real) || ![...this.grants].some((g) => isInside(real, g))) throw notGranted(p);
      return real;
    });
    for (const r of reals) this.grants.delete(r);
    return reals;
  }

  private load(): Partial<Record<HostFolderPurpose, string>> {
    const saved = this.store.get();
    const out: Partial<Record<HostFolderPurpose, string>> = {};
    for (const purpose of Object.keys(DEFAULT_NAMES) as HostFolderPurpose[]) {
      const v = saved[purpose];
      if (v === undefined) continue;
      try {
        out[purpose] = checkWritableFolder(v);
      } catch (err) {
        this.log(`the chosen folder for ${PURPOSE_WORDS[purpose]} is not usable: ${(err as Error).message}`);
      }
    }
    return out;
  }
}

function notGranted(path: string): BenchError {
  return new BenchError(
    'FORBIDDEN',
    `${path} was not chosen in the upload dialog; the bench uploads only the files and folders picked there.`,
  );
}

function systemRefusal(path: string): BenchError {
  return new BenchError('FORBIDDEN', `${path} is a system folder; the bench never reads or writes there.`);
}

/** An existing folder the app may write into and that is not a system folder; returns its real path. */
function checkWritableFolder(path: string): string {
  return realWritableFolder(path, (real) => (isSystemPath(real) ? systemRefusal(path) : undefined));
}
