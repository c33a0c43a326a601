import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { mono } from '../../ui/theme';
import { useHostFolders } from '../../components/HostFolder';
import { nameProblem } from './format';

/** Asks for a name (new folder, rename); checks it before sending. */
export function NameDialog(props: {
  open: boolean;
  title: string;
  initial: string;
  action: string;
  onClose: () => void;
  onSubmit: (name: string) => Promise<string | undefined>;
}) {
  const [name, setName] = useState(props.initial);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setName(props.initial);
    setError(undefined);
  }, [props.open, props.initial]);
  const submit = async () => {
    const p = nameProblem(name);
    if (p) return setError(p);
    setError(await props.onSubmit(name));
  };
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label="Name"
          value={name}
          error={!!error}
          helperText={error ?? ' '}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void submit()}
          slotProps={{ htmlInput: { 'data-testid': 'name-input' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void submit()}>
          {props.action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Confirms a delete: says what goes, and that folders go with their contents. */
export function ConfirmDeleteDialog(props: {
  names: string[];
  hasFolders: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const n = props.names.length;
  return (
    <Dialog open={n > 0} onClose={props.onClose}>
      <DialogTitle>Delete {n === 1 ? `“${props.names[0]}”` : `${n} items`} from the board?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {props.hasFolders ? 'Folders are deleted with everything in them. ' : ''}This cannot be undone: the
          eMMC has no recycle bin.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" color="error" onClick={props.onConfirm} data-testid="confirm-delete">
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Downloads into the bench's downloads folder, shown and never typed: the desktop app can choose another with a
 * native dialog; browser mode keeps the bench's own (one file at a time also goes to this browser directly).
 */
export function DownloadFolderDialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: (dir: string) => Promise<string | undefined>;
}) {
  const { view, choose } = useHostFolders();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (props.open) setError(undefined);
  }, [props.open]);
  const dir = view?.downloads;
  const submit = async () => dir && setError(await props.onSubmit(dir));
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>
          {view?.canChoose
            ? 'The files are saved in this folder; downloads arrive as name.part and are renamed when complete.'
            : 'Browser mode saves them on the bench computer, in the bench’s downloads folder below. To get a single file in this browser, use “Save to this computer” instead.'}
        </DialogContentText>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography
            sx={{ fontFamily: mono, fontSize: 13, flex: 1, minWidth: 0 }}
            noWrap
            data-testid="host-folder"
          >
            {dir ?? '…'}
          </Typography>
          {view?.canChoose && (
            <Button onClick={() => void choose('downloads').then(setError)}>Choose…</Button>
          )}
        </Box>
        {error && (
          <DialogContentText color="error" sx={{ mt: 1 }}>
            {error}
          </DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          variant="contained"
          onClick={() => void submit()}
          disabled={!dir}
          data-testid="host-path-submit"
        >
          Download
        </Button>
      </DialogActions>
    </Dialog>
  );
}
