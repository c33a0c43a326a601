import SaveIcon from '@mui/icons-material/SaveAltOutlined';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Tooltip,
} from '@mui/material';
import { useState } from 'react';
import type { SerialConsoleState } from '../../../../shared/bridge/contracts/serial';
import { offerDownload } from '../../bridge/downloads';
import { useHostFolders } from '../../components/HostFolder';
import type { SerialStore } from './serial-store';

/**
 * "Log to file…" or, while logging, where it goes and a Stop button. The desktop app picks the file in a native
 * save dialog; browser mode names a file in the bench's serial-logs folder and downloads it when logging stops.
 */
export function LogToFile({
  store,
  boardId,
  logging,
}: {
  store: SerialStore;
  boardId: string | undefined;
  logging: SerialConsoleState['logging'];
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('serial.log');
  const [error, setError] = useState<string | undefined>();
  const { view } = useHostFolders();

  if (logging) {
    return (
      <Tooltip title={`Appending every received line to ${logging.path}`}>
        <Button
          size="small"
          color="warning"
          variant="outlined"
          data-testid="serial-log-stop"
          onClick={() => boardId !== undefined && void store.stopLog(boardId).then(offerDownload)}
        >
          Stop log ({(logging.bytes / 1024).toFixed(1)} KB)
        </Button>
      </Tooltip>
    );
  }
  const startAt = async (path: string) => {
    if (boardId === undefined) return;
    const failed = await store.startLog(boardId, path);
    setError(failed);
    if (!failed) setOpen(false);
  };
  const start = async () => {
    if (!view) return;
    if (!view.canChoose) return startAt(`${view['serial-logs']}/${name.trim()}`);
    const picked = await store.chooseLogFile(name);
    if (picked.error) return setError(picked.error);
    if (picked.path) await startAt(picked.path);
  };
  const folder = view?.['serial-logs'] ?? '…';
  return (
    <>
      <Button
        size="small"
        color="inherit"
        variant="outlined"
        startIcon={<SaveIcon />}
        onClick={() => setOpen(true)}
        disabled={boardId === undefined}
      >
        Log to file
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>Log serial output to a file</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>
            {view?.canChoose
              ? 'Choose the file in the next dialog. Lines are appended with their receive time; an existing file is never overwritten.'
              : `The log is kept on the bench computer in ${folder} and downloaded to this browser when you stop it. Lines are appended with their receive time.`}
          </DialogContentText>
          {view && !view.canChoose && (
            <TextField
              autoFocus
              fullWidth
              margin="dense"
              label="File name (.log or .txt)"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void start()}
              error={!!error}
              helperText={error ?? ' '}
              slotProps={{ htmlInput: { 'data-testid': 'serial-log-name', spellCheck: false } }}
            />
          )}
          {view?.canChoose && error && <DialogContentText color="error">{error}</DialogContentText>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant="contained"
            onClick={() => void start()}
            disabled={!view || (!view.canChoose && (!name.trim() || /[/\\]/.test(name)))}
          >
            {view?.canChoose ? 'Choose file and start' : 'Start logging'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
