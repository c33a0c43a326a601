import { UPLOAD_CHUNK_BYTES } from '../../../../shared/bridge/contracts/files';
import { api } from '../../bridge';

/** A file picked in the browser, with its place relative to what was dropped or chosen. */
export interface PickedFile {
  readonly file: File;
  readonly relPath: string;
}

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * Streams picked files to the core: one files:upload-begin for all (so the queue shows the total), then each file's
 * bytes in ≤ 256 KiB chunks, one call at a time. "busy" means the core's buffer is full: the same chunk is sent again.
 */
export async function uploadFromBrowser(remoteDir: string, picked: readonly PickedFile[], onError: (message: string) => void): Promise<void> {
  if (picked.length === 0) return;
  const begin = await api.invoke('files:upload-begin', {
    remoteDir,
    files: picked.map((p) => ({ relPath: p.relPath, size: p.file.size, modifiedAt: p.file.lastModified })),
  });
  if (!begin.ok) return onError(begin.error.message);
  for (let i = 0; i < picked.length; i++) {
    const { file } = picked[i]!;
    const uploadId = begin.value.uploadIds[i]!;
    let offset = 0;
    do {
      const end = Math.min(file.size, offset + UPLOAD_CHUNK_BYTES);
      const data = toBase64(await file.slice(offset, end).arrayBuffer());
      const last = end === file.size;
      let answer;
      do {
        const r = await api.invoke('files:upload-chunk', { uploadId, offset, data, last });
        if (!r.ok) return onError(r.error.message);
        answer = r.value.state;
      } while (answer === 'busy');
      if (answer !== 'accepted') break;
      offset = end;
    } while (offset < file.size);
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
