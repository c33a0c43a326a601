import { Box } from '@mui/material';
import { signal } from '../ui/theme';

/**
 * An LED as a lit or dark dot with a glow. Turning off fades a little, so a 10 ms heartbeat flash stays visible;
 * `pulse` beats it once a second (the heartbeat LED, whose state no message reports).
 */
export function LedDot({
  color,
  on,
  size = 18,
  pulse = false,
}: {
  color: string;
  on: boolean;
  size?: number;
  pulse?: boolean;
}) {
  return (
    <Box
      aria-hidden
      sx={{
        width: size,
        height: size,
        borderRadius: '50%',
        flexShrink: 0,
        bgcolor: on ? color : signal.ledOff,
        boxShadow: on ? `0 0 ${Math.round(size * 0.6)}px ${color}` : 'none',
        transition: on ? 'none' : 'background-color 250ms ease-out, box-shadow 250ms ease-out',
        '@keyframes beat': { '0%, 90%': { opacity: 0.25 }, '92%, 96%': { opacity: 1 } },
        animation: pulse ? 'beat 1s infinite' : undefined,
      }}
    />
  );
}
