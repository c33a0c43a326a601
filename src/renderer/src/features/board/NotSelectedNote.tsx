import { Alert } from '@mui/material';
import { useShownBoard } from '../connection/ShownBoard';

/** While a real board is selected, says that this page drives the in-app emulator, not that board. */
export function NotSelectedNote() {
  const board = useShownBoard();
  if (!board || board.virtual) return null;
  return (
    <Alert severity="info" variant="outlined" data-testid="vboard-not-selected" sx={{ py: 0 }}>
      This page drives the in-app virtual board, an emulator on 127.0.0.1. The selected board is {board.name}{' '}
      ({board.host}): its LEDs, telemetry and memory are on the Dashboard, Telemetry and Memory pages; nothing
      on this page comes from it.
    </Alert>
  );
}
