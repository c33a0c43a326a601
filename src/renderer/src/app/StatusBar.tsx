import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** The bottom status bar; features add their figures as children. */
export function StatusBar({ children }: { children?: ReactNode }) {
  return (
    <Box
      component="footer"
      data-testid="status-bar"
      sx={{
        height: 26,
        flexShrink: 0,
        borderTop: 1,
        borderColor: 'divider',
        px: 1.5,
        display: 'flex',
        alignItems: 'center',
        gap: 2,
        bgcolor: 'background.paper',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      }}
    >
      <Typography variant="caption" color="text.secondary" component="div" sx={{ display: 'flex', gap: 2 }}>
        {children}
      </Typography>
    </Box>
  );
}
