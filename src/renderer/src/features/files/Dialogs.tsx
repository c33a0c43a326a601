import {
  Autocomplete,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useEffect, useState } from 'react';
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

/** A typed host path (browser mode has no native file dialog); the core validates it. */
export function HostPathDialog(props: {
  open: boolean;
  title: string;
  label: string;
  help: string;
  action: string;
  recent: readonly string[];
  onClose: () => void;
  onSubmit: (path: string) => Promise<string | undefined>;
}) {
  const [path, setPath] = useState(props.recent[0] ?? '');
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (props.open) {
      setPath(props.recent[0] ?? '');
      setError(undefined);
    }
  }, [props.open, props.recent]);
  const submit = async () => setError(path.trim() ? await props.onSubmit(path.trim()) : 'Type a path.');
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{props.help}</DialogContentText>
        <Autocomplete
          freeSolo
          options={[...props.recent]}
          inputValue={path}
          onInputChange={(_e, v) => setPath(v)}
          renderInput={(params) => (
            <TextField
              {...params}
              autoFocus
              label={props.label}
              error={!!error}
              helperText={error ?? ' '}
              onKeyDown={(e) => e.key === 'Enter' && void submit()}
              slotProps={{
                ...params.slotProps,
                htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'host-path-input' },
              }}
            />
          )}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void submit()} data-testid="host-path-submit">
          {props.action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
