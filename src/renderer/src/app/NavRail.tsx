import { Box, ButtonBase, Tooltip, Typography } from '@mui/material';
import { keyOfPage, pages, type PageId } from './pages';

/** The navigation rail: icon over label, the current page marked by colour and a bar (not by colour alone). */
export function NavRail({ current, onSelect }: { current: PageId; onSelect: (id: PageId) => void }) {
  return (
    <Box
      component="nav"
      aria-label="Pages"
      sx={{
        width: 88,
        flexShrink: 0,
        borderRight: 1,
        borderColor: 'divider',
        py: 1,
        display: 'flex',
        flexDirection: 'column',
        gap: 0.5,
        // Ten pages do not fit a short window at full spacing: tighter there, and never cut off (it scrolls).
        minHeight: 0,
        overflowY: 'auto',
        '@media (max-height: 699.95px)': { py: 0.5, gap: 0 },
      }}
    >
      {pages.map((page, i) => {
        const selected = page.id === current;
        const key = keyOfPage(i);
        return (
          <Tooltip key={page.id} title={key ? `${page.label} (Ctrl+${key})` : page.label} placement="right">
            <ButtonBase
              onClick={() => onSelect(page.id)}
              aria-current={selected ? 'page' : undefined}
              data-testid={`nav-${page.id}`}
              sx={{
                flexDirection: 'column',
                flexShrink: 0,
                py: 1,
                '@media (max-height: 699.95px)': { py: 0.25 },
                mx: 0.75,
                borderRadius: 1,
                color: selected ? 'primary.main' : 'text.secondary',
                bgcolor: selected ? 'action.selected' : 'transparent',
                borderLeft: 3,
                borderLeftColor: selected ? 'primary.main' : 'transparent',
                '&:hover': { bgcolor: 'action.hover' },
              }}
            >
              {page.icon}
              <Typography variant="caption" sx={{ mt: 0.25, fontWeight: selected ? 600 : 400 }}>
                {page.label}
              </Typography>
            </ButtonBase>
          </Tooltip>
        );
      })}
    </Box>
  );
}
