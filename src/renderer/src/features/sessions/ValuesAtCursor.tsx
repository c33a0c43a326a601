import { Box, Typography } from '@mui/material';
import { memo } from 'react';
import { fieldUnit, type FieldUnits } from '../../../../shared/telemetry/fields';
import { formatSample, formatTime } from '../telemetry/format';
import { mono } from '../../ui/theme';
import { useValuesAt } from './use-review-data';

/** Each field's last sample at or before the cursor, as recorded (`runs:values-at`). */
export const ValuesAtCursor = memo(function ValuesAtCursor({
  reviewId,
  cursor,
  units,
}: {
  reviewId: string;
  cursor: number;
  units: FieldUnits;
}) {
  const at = useValuesAt({ reviewId, t: cursor });
  const v = at.value;
  return (
    <Box
      data-testid="values-at-cursor"
      data-t={v?.t}
      data-sample-t={v?.sampleT}
      aria-live="polite"
      sx={{
        width: 210,
        flexShrink: 0,
        borderLeft: 1,
        borderColor: 'divider',
        px: 1.5,
        py: 1,
        overflow: 'auto',
      }}
    >
      <Typography variant="overline" sx={{ lineHeight: 1.5, display: 'block' }}>
        At the cursor
      </Typography>
      {at.error && <Typography color="error">{at.error}</Typography>}
      {v && (
        <>
          <Typography
            variant="caption"
            color="text.secondary"
            sx={{ fontFamily: mono, display: 'block', mb: 1 }}
          >
            {v.sampleT === undefined ? 'no sample yet at this time' : `sample of ${formatTime(v.sampleT)}`}
          </Typography>
          {Object.entries(v.values).map(([name, value]) => {
            const unit = fieldUnit(name, units);
            return (
              <Box key={name} sx={{ mb: 0.75 }} data-testid={`value-${name}`} data-value={value}>
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                  {name}
                </Typography>
                <Typography sx={{ fontFamily: mono, fontVariantNumeric: 'tabular-nums' }}>
                  {formatSample(name, value)}
                  {unit ? ` ${unit}` : ''}
                </Typography>
              </Box>
            );
          })}
        </>
      )}
    </Box>
  );
});
