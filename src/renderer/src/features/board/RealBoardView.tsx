import { Box, Card, Typography } from '@mui/material';
import { ShownBoard } from '../connection/ShownBoard';

/**
 * The Board page while a real board is focused: what this page offers for it, plainly. It drives virtual boards
 * (start, stop, faults, OLED, GPIO); a real board is reached only through its firmware, so it names the pages that
 * show and drive that board instead of driving some other board.
 */
export function RealBoardView({ name, host }: { name: string; host: string }) {
  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }} data-testid="board-page">
      <ShownBoard page="Board" />
      <Card variant="outlined" sx={{ p: 2, maxWidth: 900 }} data-testid="board-real">
        <Typography variant="body1" sx={{ mb: 1 }}>
          {name} is a real board at {host}. This page starts, stops and drives virtual boards (their OLED,
          GPIO, serial log and faults), which a real board does not let the app do.
        </Typography>
        <Typography variant="body2" color="text.secondary" component="div">
          For {name}:
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            <li>its LEDs and latest values are on the Dashboard;</li>
            <li>its telemetry is charted on the Telemetry page, its WebSocket frames on the Frames page;</li>
            <li>its eMMC is on the Files page, its memory and pools on the Memory page;</li>
            <li>its serial console, when its profile names one, is on the Serial page.</li>
          </ul>
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          To drive a virtual board here, choose one in the board selector.
        </Typography>
      </Card>
    </Box>
  );
}
