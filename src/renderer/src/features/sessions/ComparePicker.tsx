import { Alert, Box, Button, MenuItem, TextField } from '@mui/material';
import { memo } from 'react';
import type { ReviewedRun, RunSummary } from '../../../../shared/bridge/contracts/runs';
import { formatTime } from '../telemetry/format';
import type { Alignment } from './review-time';
import { runLine } from './run-words';

/** One way to align, as the menu offers it. */
function choices(
  a: ReviewedRun,
  b: ReviewedRun | undefined,
): Array<{ key: string; label: string; how: Alignment }> {
  const out: Array<{ key: string; label: string; how: Alignment }> = [
    { key: 'start', label: 'Aligned on their starts', how: { kind: 'start' } },
  ];
  if (!b) return out;
  a.reboots.forEach((ta, i) =>
    b.reboots.forEach((tb, j) =>
      out.push({
        key: `reboot:${i}:${j}`,
        label: `Reboot ${i + 1} (${formatTime(ta)}) on reboot ${j + 1} (${formatTime(tb)})`,
        how: { kind: 'reboot', a: i, b: j },
      }),
    ),
  );
  a.markers.forEach((ma, i) =>
    b.markers.forEach((mb, j) =>
      out.push({
        key: `marker:${i}:${j}`,
        label: `Marker “${ma.note || ma.kind}” on “${mb.note || mb.kind}”`,
        how: { kind: 'marker', a: i, b: j },
      }),
    ),
  );
  return out;
}

export const alignKey = (h: Alignment) => (h.kind === 'start' ? 'start' : `${h.kind}:${h.a}:${h.b}`);

/**
 * Picks a second run to lay over the reviewed one, and what the two are aligned on. Memoized: a zoom or the
 * cursor moving does not draw its menus again.
 */
export const ComparePicker = memo(function ComparePicker({
  review,
  compare,
  runs,
  align,
  why,
  onPick,
  onAlign,
  onStop,
}: {
  review: ReviewedRun;
  compare: ReviewedRun | undefined;
  runs: readonly RunSummary[];
  align: Alignment;
  /** Why the chosen alignment cannot be made, in words. */
  why: string | undefined;
  onPick: (id: string) => void;
  onAlign: (a: Alignment) => void;
  onStop: () => void;
}) {
  const others = runs.filter((r) => r.id !== review.run.id);
  const ways = choices(review, compare);
  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.5, flexWrap: 'wrap', minWidth: 0 }}
      data-testid="compare-picker"
    >
      <TextField
        select
        size="small"
        label="Compare with"
        value={compare?.run.id ?? ''}
        onChange={(e) => onPick(e.target.value)}
        sx={{ width: 240 }}
      >
        {others.length === 0 && (
          <MenuItem value="" disabled>
            No other session kept
          </MenuItem>
        )}
        {others.map((r) => (
          <MenuItem key={r.id} value={r.id}>
            {runLine(r)}
          </MenuItem>
        ))}
      </TextField>
      {compare && (
        <>
          <TextField
            select
            size="small"
            label="Aligned on"
            value={alignKey(align)}
            onChange={(e) => {
              const c = ways.find((w) => w.key === e.target.value);
              if (c) onAlign(c.how);
            }}
            sx={{ width: 260 }}
          >
            {ways.map((w) => (
              <MenuItem key={w.key} value={w.key}>
                {w.label}
              </MenuItem>
            ))}
          </TextField>
          <Button size="small" onClick={onStop}>
            Stop comparing
          </Button>
        </>
      )}
      {why && (
        <Alert severity="warning" sx={{ py: 0 }}>
          {why}
        </Alert>
      )}
    </Box>
  );
});
