import SaveIcon from '@mui/icons-material/SaveAltOutlined';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Tooltip } from '@mui/material';
import { useState } from 'react';
import type { SerialConsoleState } from '../../../../shared/bridge/contracts/serial';
import { api } from '../../bridge';

/** "Log to file…" (asks for a full path to a .log/.txt file) or, while logging, where it goes and a Stop button. */
export function LogToFile({
  logging,
  onError,
}: {
  logging: SerialConsoleState['logging'];
  onError: (message: string | undefined) => void;
}) {
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | undefined>();

  if (logging) {
    return (
      <Tooltip title={`Appending every received line to ${logging.path}`}>
        <Button
          size="small"
          color="warning"
          variant="outlined"
          onClick={() =>
            void api
              .invoke('serial:log-to-file', { action: 'stop' })
              .then((r) => !r.ok && onError(r.error.message))
          }
        >
          Stop log ({(logging.bytes / 1024).toFixed(1)} KB)
        </Button>
      </Tooltip>
    );
  }
  const start = async () => {
    const r = await api.invoke('serial:log-to-file', { action: 'start', path });
    if (r.ok) {
      setOpen(false);
      setError(undefined);
    } else setError(r.error.message);
  };
  return (
    <>
      <Button
        size="small"
        color="inherit"
        variant="outlined"
        startIcon={<SaveIcon />}
        onClick={() => setOpen(true)}
      >
        Log to file
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>Log serial output to a file</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            label="Full path of a .log or .txt file"
            placeholder="/home/me/bench/serial.log"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void start()}
            error={!!error}
            helperText={
              error ?? 'Lines are appended with their receive time; an existing file is never overwritten.'
            }
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="contained" onClick={() => void start()} disabled={!path.trim()}>
            Start logging
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
