import { Alert, Box, Snackbar, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { READ_MAX_BYTES, type RemoteEntry } from '../../../../shared/bridge/contracts/files';
import { EmptyState } from '../../components/EmptyState';
import { hostFolders } from '../../components/use-host-folders';
import { FilesHeader } from './FilesHeader';
import { ConflictDialog } from './ConflictDialog';
import { ConfirmDeleteDialog, DownloadFolderDialog, NameDialog } from './Dialogs';
import { FileList } from './FileList';
import { ShownBoard, useShownBoard } from '../connection/ShownBoard';
import { filesStore, useBoardFiles, useTransfers } from './files-store';
import { FilesToolbar } from './FilesToolbar';
import { FolderTree } from './FolderTree';
import { joinPath, parentPath, previewKind } from './format';
import { PreviewPane } from './PreviewPane';
import { TransferPanel } from './TransferPanel';
import { filesFromDrop, uploadFromBrowser, type PickedFile } from './upload-from-browser';
import { UploadInput } from './UploadInput';

type Dialog = 'none' | 'mkdir' | 'rename' | 'delete' | 'download';

/**
 * The focused board's eMMC over FTP: folder tree, file list, preview, transfers (FileZilla-like). Everything shown
 * is that board's, from the files store; each board gets its own view (selection and dialogs do not carry over).
 */
export function FilesPage() {
  const boardId = useShownBoard()?.id ?? '';
  useEffect(() => filesStore.attach(), []);
  useEffect(() => void filesStore.show(boardId), [boardId]);
  return <BoardFilesPage key={boardId} boardId={boardId} />;
}

function BoardFilesPage({ boardId }: { boardId: string }) {
  const view = useBoardFiles(boardId);
  const state = view.state;
  const path = view.path;
  const transfers = useTransfers();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>('none');
  const [toast, setToast] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const folder = view.folders[path];
  const listing = folder?.listing;
  const error = folder?.error;
  const loading = folder?.loading ?? false;
  const capacity = view.capacity;
  const reload = useCallback(() => void filesStore.refresh(boardId), [boardId]);
  const load = useCallback((p: string) => void filesStore.list(boardId, p), [boardId]);
  const read = useCallback((p: string, max: number) => filesStore.read(boardId, p, max), [boardId]);

  const open = (p: string) => {
    filesStore.open(boardId, p);
    setSelected(new Set());
  };
  const entries = listing?.entries ?? [];
  const chosen = entries.filter((e) => selected.has(e.name));
  const single = chosen.length === 1 ? chosen[0] : undefined;

  const upload = async (picked: PickedFile[]) => {
    if (picked.length) await uploadFromBrowser(filesStore, boardId, path, picked, setToast);
  };
  const onDrop = async (ev: DragEvent) => {
    ev.preventDefault();
    setDragging(false);
    await upload(await filesFromDrop(ev.dataTransfer));
  };
  const saveHere = async (e: RemoteEntry) => {
    const r = await filesStore.read(boardId, joinPath(path, e.name));
    if (!r.ok) return setToast(r.error.message);
    const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes]));
    const a = document.createElement('a');
    a.href = url;
    a.download = e.name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  // Desktop app only: a folder picked in the native dialog is streamed from disk (browser mode uploads from the page).
  const uploadFromHost = async () => {
    const r = await hostFolders.chooseUpload('folder');
    if (!r.ok) return setToast(r.error.message);
    if (!r.value.paths.length) return;
    const queued = await filesStore.uploadFromHost(boardId, [...r.value.paths], path);
    if (!queued.ok) setToast(queued.error.message);
  };
  const act = async (p: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await p;
    if (!r.ok) return r.error?.message;
    setDialog('none');
    reload();
    return undefined;
  };

  if (!state) return null;
  if (!state.target) {
    return (
      <Box sx={{ p: 2 }}>
        <Box data-testid="files-board">
          <ShownBoard page="Files" />
        </Box>
        <EmptyState title="No eMMC to browse">
          The board's eMMC is browsed over FTP. Start a virtual board on the Board page, or select a real
          board that has an FTP port, to see its files.
        </EmptyState>
      </Box>
    );
  }

  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <FilesHeader words={state.words} capacity={capacity} />
      <FilesToolbar
        path={path}
        onOpen={open}
        actions={{
          uploadFiles: () => fileInput.current?.click(),
          uploadFolder: () => folderInput.current?.click(),
          uploadFromHost: hostFolders.desktop ? () => void uploadFromHost() : undefined,
          newFolder: () => setDialog('mkdir'),
          rename: single ? () => setDialog('rename') : undefined,
          remove: chosen.length ? () => setDialog('delete') : undefined,
          download: chosen.length ? () => setDialog('download') : undefined,
          saveHere:
            single?.kind === 'file' && single.size <= READ_MAX_BYTES
              ? () => void saveHere(single)
              : undefined,
          refresh: reload,
        }}
      />
      <UploadInput inputRef={fileInput} testId="upload-files-input" onFiles={upload} />
      <UploadInput inputRef={folderInput} folder testId="upload-folder-input" onFiles={upload} />
      <Box
        sx={{
          flex: 1,
          display: 'grid',
          gridTemplateColumns:
            single && previewKind(single.name) ? '220px minmax(0, 1fr) 340px' : '220px minmax(0, 1fr)',
          minHeight: 0,
        }}
      >
        <Box sx={{ borderRight: 1, borderColor: 'divider', minHeight: 0 }}>
          <FolderTree view={view} onOpen={open} load={load} />
        </Box>
        <Box
          sx={{ position: 'relative', minHeight: 0, minWidth: 0 }}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
          onDrop={(e) => void onDrop(e)}
          data-testid="drop-zone"
        >
          <Box sx={{ position: 'absolute', inset: 0, display: 'flex', flexDirection: 'column' }}>
            {error && (
              <Alert severity="error" sx={{ m: 1 }}>
                {error}
              </Alert>
            )}
            {!listing && loading && (
              <Typography sx={{ p: 2 }} color="text.secondary">
                Listing {path}…
              </Typography>
            )}
            <Box sx={{ flex: 1, minHeight: 0, position: 'relative' }}>
              {listing && (
                <FileList
                  entries={entries}
                  selected={selected}
                  onSelect={(s) => setSelected(s)}
                  onOpen={(e) =>
                    e.kind === 'dir' ? open(joinPath(path, e.name)) : setSelected(new Set([e.name]))
                  }
                  onUp={() => path !== '/' && open(parentPath(path))}
                  onDelete={() => setDialog('delete')}
                />
              )}
              {listing && entries.length === 0 && (
                <Typography
                  color="text.secondary"
                  sx={{ position: 'absolute', top: 60, width: '100%', textAlign: 'center' }}
                >
                  This folder is empty. Drop files here to upload them.
                </Typography>
              )}
            </Box>
            {listing && (
              <Typography
                variant="caption"
                color="text.secondary"
                data-testid="listed-at"
                sx={{ px: 1.5, py: 0.25, borderTop: 1, borderColor: 'divider' }}
              >
                {entries.length} items{chosen.length ? ` · ${chosen.length} selected` : ''} · listed at{' '}
                {new Date(listing.listedAt).toLocaleTimeString('en-GB', { hour12: false })}
                {loading ? ' · refreshing…' : ''}
                {state.session.kind !== 'open' || listing.generation < state.generation
                  ? ' · the FTP session it came from is closed: refresh before trusting it'
                  : ''}
              </Typography>
            )}
          </Box>
          {dragging && (
            <Box
              data-testid="drop-overlay"
              sx={{
                position: 'absolute',
                inset: 4,
                border: 2,
                borderStyle: 'dashed',
                borderColor: 'primary.main',
                borderRadius: 2,
                bgcolor: 'rgba(16,18,20,0.72)',
                display: 'grid',
                placeItems: 'center',
                pointerEvents: 'none',
                zIndex: 3,
              }}
            >
              <Typography variant="h6" color="primary">
                Drop to upload to {path}
              </Typography>
            </Box>
          )}
        </Box>
        {single && previewKind(single.name) && (
          <PreviewPane
            path={joinPath(path, single.name)}
            entry={single}
            httpBase={state.target.httpBase}
            read={read}
          />
        )}
      </Box>
      <TransferPanel t={transfers} />
      <ConflictDialog />
      <NameDialog
        open={dialog === 'mkdir'}
        title={`New folder in ${path}`}
        initial=""
        action="Create"
        onClose={() => setDialog('none')}
        onSubmit={(n) => act(filesStore.mkdir(boardId, joinPath(path, n)))}
      />
      <NameDialog
        open={dialog === 'rename'}
        title={`Rename “${single?.name ?? ''}”`}
        initial={single?.name ?? ''}
        action="Rename"
        onClose={() => setDialog('none')}
        onSubmit={async (n) => {
          const err = await act(filesStore.rename(boardId, joinPath(path, single!.name), joinPath(path, n)));
          if (!err) setSelected(new Set([n]));
          return err;
        }}
      />
      <ConfirmDeleteDialog
        names={dialog === 'delete' ? chosen.map((e) => e.name) : []}
        hasFolders={chosen.some((e) => e.kind === 'dir')}
        onClose={() => setDialog('none')}
        onConfirm={() =>
          void act(
            filesStore.remove(
              boardId,
              chosen.map((e) => joinPath(path, e.name)),
            ),
          ).then((err) => {
            setSelected(new Set());
            if (err) {
              setToast(err);
              setDialog('none');
            }
          })
        }
      />
      <DownloadFolderDialog
        open={dialog === 'download'}
        title={`Download ${chosen.length === 1 ? `“${chosen[0]!.name}”` : `${chosen.length} items`}`}
        onClose={() => setDialog('none')}
        onSubmit={(dir) =>
          act(
            filesStore.download(
              boardId,
              chosen.map((e) => joinPath(path, e.name)),
              dir,
            ),
          )
        }
      />
      <Snackbar open={!!toast} autoHideDuration={8000} onClose={() => setToast(undefined)}>
        <Alert severity="error" onClose={() => setToast(undefined)} sx={{ maxWidth: 640 }}>
          {toast}
        </Alert>
      </Snackbar>
    </Box>
  );
}
