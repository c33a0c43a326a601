import { Alert, AlertTitle } from '@mui/material';
import type { CoreLost } from './links-store';

/**
 * Says, over every page, that the page has lost the bench core, so no state on it is taken for live; after a
 * restart of the bench (new token) it says what to do, since retrying cannot help.
 */
export function CoreLostNotice({ lost }: { lost: CoreLost | undefined }) {
  if (!lost) return null;
  return (
    <Alert
      severity={lost.restarted ? 'error' : 'warning'}
      variant="filled"
      role="alert"
      data-testid="core-lost"
      data-restarted={lost.restarted}
      sx={{
        position: 'fixed',
        top: 56,
        left: '50%',
        transform: 'translateX(-50%)',
        width: 'min(640px, calc(100vw - 32px))',
        zIndex: (t) => t.zIndex.snackbar,
      }}
    >
      <AlertTitle>
        {lost.restarted ? 'The bench was restarted' : 'Lost the connection to the bench'}
      </AlertTitle>
      {lost.why}{' '}
      {lost.restarted
        ? 'The links, LEDs and values on this page are what the old bench last reported.'
        : 'The links, LEDs and values on this page are what it last reported, not live. The page keeps trying to reconnect.'}
    </Alert>
  );
}
