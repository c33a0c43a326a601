import { Box, Tooltip, Typography } from '@mui/material';
import { memo } from 'react';
import { mono } from '../../ui/theme';
import { formatBytes, hex } from '../../../../shared/memory/usage';
import type { MapRow } from './map-rows';

const pct = (n: number) => `${Math.max(0, Math.min(100, n * 100))}%`;

/** Where `length` bytes from `address` lie along a bar that draws `row`: its left edge and width, in percent. */
const span = (row: MapRow, address: number, length: number) => ({
  left: pct((address - row.origin) / row.length),
  width: pct(length / row.length),
});

/** Horizontal address-scaled bars: each row spans its bank, each placement sits at its address. */
export const RegionMap = memo(function RegionMap({
  rows,
  testId = 'region-map',
}: {
  rows: readonly MapRow[];
  testId?: string;
}) {
  return (
    <Box data-testid={testId} role="list" aria-label="Memory regions" sx={{ display: 'grid', gap: 0.75 }}>
      {rows.map((row) => (
        <Box
          key={row.id}
          role="listitem"
          data-testid={`region-${row.id}`}
          data-percent={row.percent?.toFixed(2)}
          sx={{
            display: 'grid',
            gridTemplateColumns: '136px minmax(0, 1fr) 172px',
            gap: 1.25,
            alignItems: 'center',
          }}
        >
          <Box sx={{ minWidth: 0 }}>
            <Typography variant="body2" sx={{ fontWeight: 600, lineHeight: 1.2 }} noWrap>
              {row.label}
            </Typography>
            <Typography
              variant="caption"
              color="text.secondary"
              sx={{ fontFamily: mono, fontSize: 10.5 }}
              noWrap
            >
              {hex(row.origin)} · {formatBytes(row.length)}
            </Typography>
          </Box>
          <Box
            sx={{
              position: 'relative',
              height: 24,
              bgcolor: '#0b0d0f',
              border: 1,
              borderColor: 'divider',
              borderRadius: 0.5,
              overflow: 'hidden',
            }}
          >
            {row.marks.map((m) => (
              <Tooltip key={m.name} title={`${m.name}: ${formatBytes(m.length)} at ${hex(m.origin)}`}>
                <Box
                  sx={{
                    position: 'absolute',
                    top: 0,
                    bottom: 0,
                    ...span(row, m.origin, m.length),
                    borderLeft: '1px dashed #3a4047',
                  }}
                />
              </Tooltip>
            ))}
            {row.segments.map((s) => (
              <Tooltip key={s.id} title={s.detail}>
                <Box
                  data-testid={`segment-${s.id}`}
                  data-flagged={s.flagged}
                  // Where it sits goes in style, not sx: one CSS class per segment made a big import stall the page.
                  style={span(row, s.address, s.size)}
                  sx={{
                    position: 'absolute',
                    top: 3,
                    bottom: 3,
                    minWidth: 2,
                    bgcolor: s.color,
                    opacity: 0.85,
                    borderRight: '1px solid #0b0d0f',
                    color: '#0b0d0f',
                    fontSize: 10.5,
                    fontWeight: 600,
                    lineHeight: '18px',
                    px: 0.5,
                    overflow: 'hidden',
                    whiteSpace: 'nowrap',
                    textOverflow: 'clip',
                    ...(s.flagged && {
                      backgroundImage:
                        'repeating-linear-gradient(135deg, transparent 0 6px, rgba(0,0,0,.28) 6px 9px)',
                    }),
                  }}
                >
                  {s.flagged ? '⚠ ' : ''}
                  {s.label}
                </Box>
              </Tooltip>
            ))}
          </Box>
          <Box sx={{ minWidth: 0, textAlign: 'right' }}>
            <Typography
              variant="body2"
              sx={{ fontWeight: 600, color: row.figureColor, lineHeight: 1.2 }}
              noWrap
              data-testid={`region-${row.id}-figure`}
            >
              {row.figure}
            </Typography>
            <Typography
              variant="caption"
              color="text.secondary"
              component="div"
              sx={{ lineHeight: 1.25 }}
              title={row.note}
            >
              {row.note}
            </Typography>
          </Box>
        </Box>
      ))}
    </Box>
  );
});
