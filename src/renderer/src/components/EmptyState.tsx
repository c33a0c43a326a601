import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A page with nothing to show yet: what it is for, and what to do next. */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', height: '100%', p: 4 }}>
      <Box sx={{ maxWidth: 520, textAlign: 'center' }}>
        <Typography variant="h6" gutterBottom>
          {title}
        </Typography>
        {children && (
          <Typography variant="body2" color="text.secondary" component="div">
            {children}
          </Typography>
        )}
        {action && <Box sx={{ mt: 2 }}>{action}</Box>}
      </Box>
    </Box>
  );
}
