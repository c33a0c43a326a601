import { Box, FormControlLabel, LinearProgress, Switch, TextField, Typography } from '@mui/material';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RunsState } from '../../../../shared/bridge/contracts/runs';
import { settingsStore } from '../settings/use-settings';
import { formatBytes } from './run-words';

/** The flight recorder's two settings and the disk its sessions take against the budget. */
export function RecorderSettings({
  state,
  onMessage,
}: {
  state: RunsState | undefined;
  onMessage: (text: string) => void;
}) {
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.snapshot);
  const [budget, setBudget] = useState('');
  const saved = settings?.sessionBudgetGB;
  useEffect(() => {
    if (saved !== undefined) setBudget(String(saved));
  }, [saved]);
  const used = state?.usedBytes ?? 0;
  const max = state?.budgetBytes ?? 0;
  const pct = max > 0 ? Math.min(100, (used / max) * 100) : 0;
  const saveBudget = () => {
    const gb = Number(budget);
    if (!Number.isFinite(gb) || gb < 0.1) {
      onMessage('The budget must be a number of gigabytes, at least 0.1.');
      if (saved !== undefined) setBudget(String(saved));
      return;
    }
    if (gb !== saved) void settingsStore.setRecorder({ sessionBudgetGB: gb }).then((e) => e && onMessage(e));
  };
  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}
      data-testid="recorder-settings"
    >
      <FormControlLabel
        control={
          <Switch
            checked={settings?.sessionRecorder ?? true}
            disabled={!settings}
            onChange={(e) =>
              void settingsStore
                .setRecorder({ sessionRecorder: e.target.checked })
                .then((m) => m && onMessage(m))
            }
          />
        }
        label="Record every watched board"
      />
      <TextField
        size="small"
        label="Keep at most (GB)"
        value={budget}
        onChange={(e) => setBudget(e.target.value)}
        onBlur={saveBudget}
        onKeyDown={(e) => e.key === 'Enter' && saveBudget()}
        slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': 'Session budget in gigabytes' } }}
        sx={{ width: 150 }}
      />
      <Box sx={{ minWidth: 220, flex: '1 1 220px', maxWidth: 420 }}>
        <Typography
          variant="caption"
          color="text.secondary"
          data-testid="runs-space"
          sx={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {state
            ? `${formatBytes(used)} of ${formatBytes(max)} used · the oldest sessions are deleted first past it`
            : 'Asking the bench…'}
        </Typography>
        <LinearProgress variant="determinate" value={pct} aria-label="Space used by sessions" />
      </Box>
    </Box>
  );
}
