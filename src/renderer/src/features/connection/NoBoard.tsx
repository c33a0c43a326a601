import { Alert, Box, Button } from '@mui/material';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useBoardProfiles } from './links-context';
import { profilesStore } from './use-connection-stores';
import { ProfileDialog } from './ProfileDialog';

/** True once the core has said it has no board at all (every one removed): the pages then offer to add one. */
export function useNoBoard(): boolean {
  return useBoardProfiles()?.profiles.length === 0;
}

/** What a page shows while the app has no board: the two ways to get one. */
export function NoBoard() {
  const [adding, setAdding] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();

  const startVirtual = async () => {
    setStarting(true);
    setError(undefined);
    const failed = await profilesStore.addVirtual();
    setStarting(false);
    if (failed !== undefined) setError(`The virtual board could not be added: ${failed}`);
  };

  return (
    <Box data-testid="no-board" sx={{ height: '100%' }}>
      <EmptyState
        title="Start a virtual board or add a real one"
        action={
          <Box sx={{ display: 'flex', gap: 1, justifyContent: 'center', flexWrap: 'wrap' }}>
            <Button
              variant="contained"
              sx={{ textTransform: 'none' }}
              disabled={starting}
              onClick={() => void startVirtual()}
              data-testid="no-board-start-virtual"
            >
              {starting ? 'Starting the virtual board…' : 'Start a virtual board'}
            </Button>
            <Button
              variant="outlined"
              sx={{ textTransform: 'none' }}
              onClick={() => setAdding(true)}
              data-testid="no-board-add-real"
            >
              Add real board…
            </Button>
          </Box>
        }
      >
        The app has no board to show. A virtual board runs inside the app and answers on the wire as the
        firmware does; a real board is reached over Ethernet at its address.
        {error && (
          <Alert severity="error" sx={{ mt: 2, textAlign: 'left' }}>
            {error}
          </Alert>
        )}
      </EmptyState>
      {adding && <ProfileDialog open onClose={() => setAdding(false)} />}
    </Box>
  );
}
