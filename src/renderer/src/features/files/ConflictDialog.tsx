import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { ConflictAction } from '../../../../shared/bridge/contracts/files';
import { useBoardProfiles } from '../connection/links-context';
import { filesStore, useConflicts } from './files-store';
import { formatBytes, formatDate } from './format';

/** Asks what to do when a file of the same name exists; the core waits for the answer. */
export function ConflictDialog() {
  const queue = useConflicts();
  const [all, setAll] = useState(false);
  const q = queue[0];
  // A transfer may be for a board other than the one shown: the question names it.
  const board = useBoardProfiles()?.profiles.find((p) => p.id === q?.boardId)?.name;
  const answer = (action: ConflictAction) => {
    if (!q) return;
    filesStore.resolveConflict(q.conflictId, action, all);
    setAll(false);
  };
  return (
    <Dialog open={!!q} onClose={() => answer('skip')} aria-labelledby="conflict-title">
      <DialogTitle id="conflict-title">
        {q?.direction === 'upload'
          ? `${board ?? 'The board'} already has this file`
          : 'This folder already has this file'}
      </DialogTitle>
      {q && (
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1, wordBreak: 'break-all' }}>
            <strong>{q.name}</strong>
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Existing: {formatBytes(q.existing.size)}
            {q.existing.modifiedAt !== undefined && `, modified ${formatDate(q.existing.modifiedAt)}`}
            <br />
            New: {formatBytes(q.incoming.size)}
            {q.incoming.modifiedAt !== undefined && `, modified ${formatDate(q.incoming.modifiedAt)}`}
            <br />
            Rename would save the new one as “{q.renameTo}”.
          </Typography>
          <FormControlLabel
            sx={{ mt: 1 }}
            control={<Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} />}
            label="Do the same for the other files of this transfer"
          />
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={() => answer('skip')}>Skip</Button>
        <Button onClick={() => answer('rename')}>Keep both (rename)</Button>
        <Button variant="contained" color="warning" onClick={() => answer('overwrite')}>
          Overwrite
        </Button>
      </DialogActions>
    </Dialog>
  );
}
