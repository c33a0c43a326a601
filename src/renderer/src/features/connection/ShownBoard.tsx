import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { VirtualBadge } from './BoardSelector';
import { useLinksState } from './links-context';

/** The board a page shows, as the selector names it; undefined before the links state is known. */
export function useShownBoard() {
  return useLinksState()?.board;
}

/** A page's title with the board it shows (name, host, "virtual" badge), so a screenshot says whose figures. */
export function ShownBoard({
  page,
  dense,
  children,
}: {
  page: string;
  /** One small line, for pages whose toolbar needs the room. */
  dense?: boolean;
  children?: ReactNode;
}) {
  const board = useShownBoard();
  return (
    <Box
      data-testid="shown-board"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', minWidth: 0 }}
    >
      <Typography
        variant={dense ? 'subtitle2' : 'h6'}
        component="h2"
        sx={{ whiteSpace: 'nowrap', fontWeight: dense ? 700 : undefined }}
      >
        {page} · {board ? board.name : 'no board selected'}
      </Typography>
      {board && (
        <Typography variant={dense ? 'body2' : 'body1'} color="text.secondary">
          {board.host}
        </Typography>
      )}
      {board?.virtual && <VirtualBadge />}
      {children}
    </Box>
  );
}
