import { Box } from '@mui/material';
import { VirtualBadge } from '../connection/BoardSelector';
import { useShownBoard } from '../connection/ShownBoard';

/**
 * Which board's WebSocket the frame log taps now. Earlier rows may be of another board: each connection's first row
 * names the address it went to.
 */
export function CapturingBoard() {
  const board = useShownBoard();
  return (
    <Box
      component="span"
      data-testid="frames-board"
      title="New frames come from this board's WebSocket. Each connection's first row names the board it went to."
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, whiteSpace: 'nowrap' }}
    >
      {board ? `capturing ${board.name} · ${board.host}` : 'no board selected'}
      {board?.virtual && <VirtualBadge />}
    </Box>
  );
}
