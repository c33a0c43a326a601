import { Alert } from '@mui/material';
import { useShownBoard } from '../connection/ShownBoard';

/** While a real board is selected, says that this page drives an in-app emulator (`name`), not that board. */
export function NotSelectedNote({ name }: { name: string }) {
  const board = useShownBoard();
  if (!board || board.virtual) return null;
  return (
    <Alert severity="info" variant="outlined" data-testid="vboard-not-selected" sx={{ py: 0 }}>
      This page drives {name}, an emulator inside the app on 127.0.0.1. The selected board is {board.name} (
      {board.host}): its LEDs, telemetry and memory are on the Dashboard, Telemetry and Memory pages; nothing
      on this page comes from it.
    </Alert>
  );
}
