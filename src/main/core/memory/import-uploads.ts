import { IMPORT_PART_CHARS, MAX_IMPORT_CHARS } from '../../../shared/bridge/contracts/memory';
import type { ImportFiles } from '../../../shared/memory/import';
import { BenchError } from '../../../shared/result';

/** Uploads kept at once; a new one past this replaces the oldest (a page that went away leaves one behind). */
export const MAX_STAGED_UPLOADS = 4;
/** An upload with no new part for this long is forgotten. */
export const UPLOAD_IDLE_MS = 120_000;

type FileKind = keyof ImportFiles;

interface Staged {
  readonly parts: Record<FileKind, string[]>;
  readonly chars: Record<FileKind, number>;
  touched: number;
}

const LABEL: Record<FileKind, string> = { linkerScript: 'The linker script', mapFile: 'The map file' };

/**
 * The files of an import, received in parts (memory:import-part) so that no bridge message grows past what the
 * browser-mode socket carries, whatever the text's escaping costs. Bounded: MAX_STAGED_UPLOADS uploads of at most
 * MAX_IMPORT_CHARS per file, forgotten after UPLOAD_IDLE_MS without news or once imported.
 */
export class ImportUploads {
  private readonly staged = new Map<string, Staged>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Adds part `index` (0, 1, 2, … in order) of one file of upload `upload`; returns the characters held so far. */
  add(upload: string, file: FileKind, index: number, text: string): number {
    this.forgetIdle();
    let s = this.staged.get(upload);
    if (!s) {
      if (index !== 0) throw gone(upload);
      if (this.staged.size >= MAX_STAGED_UPLOADS) this.staged.delete(this.staged.keys().next().value!);
      s = {
        parts: { linkerScript: [], mapFile: [] },
        chars: { linkerScript: 0, mapFile: 0 },
        touched: this.now(),
      };
      this.staged.set(upload, s);
    }
    if (index !== s.parts[file].length)
      throw new BenchError(
        'BAD_REQUEST',
        `Part ${index + 1} of ${LABEL[file].toLowerCase()} came, but part ${s.parts[file].length + 1} was expected: pick the file again.`,
      );
    if (text.length > IMPORT_PART_CHARS)
      throw new BenchError(
        'BAD_REQUEST',
        `A part of an import holds at most ${IMPORT_PART_CHARS} characters.`,
      );
    if (s.chars[file] + text.length > MAX_IMPORT_CHARS) {
      this.staged.delete(upload);
      throw new BenchError(
        'BAD_REQUEST',
        `${LABEL[file]} is larger than ${(MAX_IMPORT_CHARS / 1e6).toFixed(1)} MB, more than the import takes.`,
      );
    }
    s.parts[file].push(text);
    s.chars[file] += text.length;
    s.touched = this.now();
    return s.chars[file];
  }

  /** The files of upload `upload`, which is forgotten: an import is run once. */
  take(upload: string): ImportFiles {
    this.forgetIdle();
    const s = this.staged.get(upload);
    if (!s) throw gone(upload);
    this.staged.delete(upload);
    const join = (file: FileKind) => (s.parts[file].length ? s.parts[file].join('') : undefined);
    const linkerScript = join('linkerScript');
    const mapFile = join('mapFile');
    return {
      ...(linkerScript !== undefined ? { linkerScript } : {}),
      ...(mapFile !== undefined ? { mapFile } : {}),
    };
  }

  /** Uploads held now (for tests of the bound). */
  get size(): number {
    return this.staged.size;
  }

  private forgetIdle(): void {
    const cutoff = this.now() - UPLOAD_IDLE_MS;
    for (const [id, s] of this.staged) if (s.touched < cutoff) this.staged.delete(id);
  }
}

function gone(upload: string): BenchError {
  return new BenchError(
    'BAD_REQUEST',
    `The bench holds no upload "${upload.slice(0, 40)}" (it was imported already, replaced by newer ones, or waited over ${UPLOAD_IDLE_MS / 1000} s): pick the file again.`,
  );
}
