import FileOpenIcon from '@mui/icons-material/FileOpenOutlined';
import { Alert, Box, Button, Snackbar, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { RecorderSettings } from './RecorderSettings';
import { ReviewWorkspace } from './ReviewWorkspace';
import { RunsList } from './RunsList';
import { runs, useRuns } from './use-runs';

/** The kept runs of every board (the flight recorder's session files), and the review of one of them. */
export function SessionsPage() {
  const snap = useRuns();
  const [message, setMessage] = useState<string | undefined>();
  const say = (e: string | undefined) => e && setMessage(e);
  if (snap.review)
    return (
      <ReviewWorkspace
        key={snap.review.reviewId}
        review={snap.review}
        compare={snap.compare}
        state={snap.state}
      />
    );
  const list = snap.state?.runs ?? [];
  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Box
        sx={{
          px: 2,
          py: 1,
          display: 'flex',
          flexDirection: 'column',
          gap: 1,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2">
            Sessions
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 200 }}>
            Every watched board is recorded, one file per board per run. Open one to replay it on one
            timeline.
          </Typography>
          {runs.canOpenFile ? (
            <Button
              startIcon={<FileOpenIcon />}
              variant="outlined"
              onClick={() => void runs.openFile().then(say)}
            >
              Open file…
            </Button>
          ) : (
            <Tooltip title="A browser page cannot reach the bench's disk: open a session (.mcap) or NDJSON recording from disk in the desktop app.">
              <Box
                sx={{ display: 'flex', alignItems: 'center', gap: 1, flexShrink: 0, whiteSpace: 'nowrap' }}
              >
                <Button startIcon={<FileOpenIcon />} variant="outlined" disabled>
                  Open file…
                </Button>
                <Typography variant="caption" color="text.secondary" data-testid="open-file-note">
                  desktop app only
                </Typography>
              </Box>
            </Tooltip>
          )}
        </Box>
        <RecorderSettings state={snap.state} onMessage={setMessage} />
        {snap.state && !snap.state.recording && (
          <Alert severity="info" sx={{ py: 0 }}>
            The flight recorder is off: no new sessions are kept. The ones below stay until you delete them.
          </Alert>
        )}
      </Box>
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {snap.state === undefined ? (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            Asking the bench for its sessions…
          </Typography>
        ) : list.length === 0 ? (
          <EmptyState title="No sessions kept yet">
            A session is kept for every board the bench watches while the recorder is on. Start the virtual
            board on the Board page or connect a real one; its session appears here.
          </EmptyState>
        ) : (
          <RunsList
            runs={list}
            onOpen={(id) => void runs.open(id).then(say)}
            onDelete={(id) => void runs.remove(id).then(say)}
          />
        )}
      </Box>
      <Snackbar open={message !== undefined} autoHideDuration={8000} onClose={() => setMessage(undefined)}>
        <Alert severity="error" variant="filled" onClose={() => setMessage(undefined)} sx={{ maxWidth: 700 }}>
          {message}
        </Alert>
      </Snackbar>
    </Box>
  );
}
