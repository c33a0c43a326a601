import { Box, Typography } from '@mui/material';
import type { Capacity } from '../../../../shared/bridge/contracts/files';
import { ShownBoard } from '../connection/ShownBoard';
import { CapacityBar } from './CapacityBar';

/** The Files page's title (the board shown), its FTP session in words, and its eMMC space. */
export function FilesHeader({ words, capacity }: { words: string; capacity: Capacity | undefined }) {
  return (
    <Box
      sx={{
        display: 'flex',
        alignItems: 'center',
        flexWrap: 'wrap',
        columnGap: 2,
        rowGap: 0.5,
        px: 1.5,
        py: 0.75,
        borderBottom: 1,
        borderColor: 'divider',
      }}
    >
      <Box data-testid="files-board" sx={{ flexShrink: 0, minWidth: 0 }}>
        <ShownBoard page="Files" dense />
      </Box>
      {/* Wraps rather than cuts: the session line is often the reason something failed. */}
      <Typography
        variant="body2"
        data-testid="files-session"
        sx={{ flex: '1 1 240px', minWidth: 0, overflowWrap: 'anywhere' }}
      >
        {words}
      </Typography>
      <CapacityBar capacity={capacity} />
    </Box>
  );
}
