import { TableCell, TableHead, TableRow } from '@mui/material';
import { mono } from '../../ui/theme';

/** The Memory page's compact table cells: one line each, figures in the monospace font. */
export const cell = { py: 0.25, px: 1, fontSize: 12, whiteSpace: 'nowrap' } as const;
export const monoCell = { ...cell, fontFamily: mono } as const;
/** Words wrap in a narrow window, so the tables fit the page instead of running off its right edge. */
export const words = { ...cell, whiteSpace: 'normal' } as const;

/** The header row of one of the page's tables. */
export function HeadRow({ headings }: { headings: readonly string[] }) {
  return (
    <TableHead>
      <TableRow>
        {headings.map((h) => (
          <TableCell key={h} sx={{ ...cell, color: 'text.secondary' }}>
            {h}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}
