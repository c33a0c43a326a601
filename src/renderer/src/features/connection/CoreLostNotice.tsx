import { Alert, AlertTitle } from '@mui/material';
import { useCoreLost } from './links-context';

/**
 * Says, above every page, that the page has lost the bench core, so no state on it is taken for live; after a
 * restart of the bench (new token) it says what to do, since retrying cannot help.
 */
export function CoreLostNotice() {
  const lost = useCoreLost();
  if (!lost) return null;
  return (
    <Alert
      severity={lost.restarted ? 'error' : 'warning'}
      variant="filled"
      role="alert"
      data-testid="core-lost"
      data-restarted={lost.restarted}
      sx={{ borderRadius: 0, py: 0.25 }}
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
