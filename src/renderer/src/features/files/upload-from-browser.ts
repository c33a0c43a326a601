import { UPLOAD_CHUNK_BYTES } from '../../../../shared/bridge/contracts/files';
import type { FilesStore } from './files-store';

/** A file picked in the browser, with its place relative to what was dropped or chosen. */
export interface PickedFile {
  readonly file: File;
  readonly relPath: string;
}

/** Base64 of a slice, by the browser's own encoder (much faster than btoa over a string). */
function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).slice(String(r.result).indexOf(',') + 1));
    r.onerror = () => reject(r.error ?? new Error('could not read the file'));
    r.readAsDataURL(blob);
  });
}

/** Chunks of one file in flight at once: hides the bridge's round trip; the core puts them in order. */
const IN_FLIGHT = 3;

/**
 * Streams picked files to the core: one files:upload-begin for all (so the queue shows the total), then each file's
 * bytes in ≤ 256 KiB chunks, a few in flight. "busy" means the core's buffer is full: the same chunk is sent again.
 */
export async function uploadFromBrowser(
  store: Pick<FilesStore, 'uploadBegin' | 'uploadChunk'>,
  boardId: string,
  remoteDir: string,
  picked: readonly PickedFile[],
  onError: (message: string) => void,
): Promise<void> {
  if (picked.length === 0) return;
  const begin = await store.uploadBegin(
    boardId,
    remoteDir,
    picked.map((p) => ({ relPath: p.relPath, size: p.file.size, modifiedAt: p.file.lastModified })),
  );
  if (!begin.ok) return onError(begin.error.message);
  for (let i = 0; i < picked.length; i++) {
    const { file } = picked[i]!;
    const uploadId = begin.value.uploadIds[i]!;
    let stop: string | undefined;
    const send = async (offset: number): Promise<void> => {
      const end = Math.min(file.size, offset + UPLOAD_CHUNK_BYTES);
      const data = await toBase64(file.slice(offset, end));
      for (;;) {
        if (stop) return;
        const r = await store.uploadChunk(uploadId, offset, data, end === file.size);
        if (!r.ok) {
          stop = r.error.message;
          return onError(r.error.message);
        }
        if (r.value.state === 'busy') continue;
        if (r.value.state !== 'accepted') stop = r.value.state;
        return;
      }
    };
    const offsets: number[] = [];
    for (let o = 0; o < file.size || (o === 0 && file.size === 0); o += UPLOAD_CHUNK_BYTES) offsets.push(o);
    const inFlight = new Set<Promise<void>>();
    for (const o of offsets) {
      if (stop) break;
      const p: Promise<void> = send(o).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  }
}

/** Files of a drop, folders walked recursively (webkitGetAsEntry), with relative paths. */
export async function filesFromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(dt.items)
    .map((i) => (i.kind === 'file' ? i.webkitGetAsEntry?.() : null))
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return Array.from(dt.files).map((file) => ({ file, relPath: file.name }));
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ file, relPath: prefix + entry.name });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const e of entries) await walk(e, '');
  return out;
}

/** Files of an <input type=file> (webkitdirectory gives webkitRelativePath). */
export function filesFromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? []).map((file) => ({ file, relPath: file.webkitRelativePath || file.name }));
}
