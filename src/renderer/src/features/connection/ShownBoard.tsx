import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { VirtualBadge } from './BoardSelector';
import { useLinks } from './links-context';

/** The board a page shows, as the selector names it; undefined before the links state is known. */
export function useShownBoard() {
  return useLinks().state?.board;
}

/** A page's title with the board it shows (name, host, "virtual" badge), so a screenshot says whose figures. */
export function ShownBoard({ page, children }: { page: string; children?: ReactNode }) {
  const board = useShownBoard();
  return (
    <Box
      data-testid="shown-board"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', minWidth: 0 }}
    >
      <Typography variant="h6" component="h2" sx={{ whiteSpace: 'nowrap' }}>
        {page} · {board ? board.name : 'no board selected'}
      </Typography>
      {board && <Typography color="text.secondary">{board.host}</Typography>}
      {board?.virtual && <VirtualBadge />}
      {children}
    </Box>
  );
}
