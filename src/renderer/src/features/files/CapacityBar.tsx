import { Box, LinearProgress, Tooltip, Typography } from '@mui/material';
import type { Capacity } from '../../../../shared/bridge/contracts/files';
import { formatBytes } from './format';

/** Used and free space of the eMMC when the app knows it; an honest "unknown" for a real board. */
export function CapacityBar({ capacity }: { capacity: Capacity | undefined }) {
  if (!capacity) return null;
  if (capacity.kind === 'unknown') {
    return (
      <Tooltip title="NetX Duo's FTP server has no command that reports free space; the board computes it once at boot and keeps it to itself.">
        <Typography
          variant="caption"
          color="text.secondary"
          data-testid="capacity"
          sx={{ whiteSpace: 'nowrap' }}
        >
          eMMC: {capacity.reason}
        </Typography>
      </Tooltip>
    );
  }
  const pct = capacity.totalBytes > 0 ? (100 * capacity.usedBytes) / capacity.totalBytes : 0;
  return (
    <Box data-testid="capacity" sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 260 }}>
      <Typography variant="caption" sx={{ whiteSpace: 'nowrap' }}>
        eMMC {formatBytes(capacity.usedBytes)} used · {formatBytes(capacity.totalBytes - capacity.usedBytes)}{' '}
        free
      </Typography>
      <LinearProgress
        variant="determinate"
        value={pct}
        aria-label="eMMC used"
        sx={{ flex: 1, height: 6, borderRadius: 3, bgcolor: 'rgba(255,255,255,0.08)' }}
        color={pct > 90 ? 'error' : 'primary'}
      />
    </Box>
  );
}
