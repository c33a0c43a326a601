import { Box, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * A row of controls ruled off along one edge of a pane: toolbars above a view, send bars below it. One look for
 * every page's bars; `sx` adjusts the spacing of one bar.
 */
export function ToolRow({
  edge = 'bottom',
  sx,
  children,
}: {
  /** The edge the rule is drawn on: the side that faces the pane's content. */
  edge?: 'top' | 'bottom';
  sx?: SxProps<Theme>;
  children: ReactNode;
}) {
  return (
    <Box
      sx={[
        {
          display: 'flex',
          alignItems: 'center',
          flexWrap: 'wrap',
          gap: 1,
          px: 1.5,
          py: 0.75,
          [edge === 'top' ? 'borderTop' : 'borderBottom']: 1,
          borderColor: 'divider',
        },
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
    >
      {children}
    </Box>
  );
}
