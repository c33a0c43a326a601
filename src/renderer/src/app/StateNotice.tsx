import { Alert, Snackbar } from '@mui/material';
import { useSyncExternalStore } from 'react';
import { dismiss, snapshot, subscribe } from './state-notices-store';

/** Tells the user, once, what the app reset or kept aside in its saved state at start. */
export function StateNotice() {
  const notices = useSyncExternalStore(subscribe, snapshot);
  const first = notices[0];
  return (
    <Snackbar open={first !== undefined} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
      <Alert severity="warning" onClose={dismiss} data-testid="state-notice" sx={{ maxWidth: 720 }}>
        {first}
      </Alert>
    </Snackbar>
  );
}
