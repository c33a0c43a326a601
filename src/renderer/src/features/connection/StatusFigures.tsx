import { Box } from '@mui/material';
import { formatUptime, ageWords } from './wire-words';
import { freshness } from './freshness';
import { useLinks, useNow } from './links-context';
import { rateWords } from './count-words';

/** Status-bar figures of the selected board: rate, last message age, drops, board uptime. */
export function StatusFigures() {
  const { state, telemetry, lost } = useLinks();
  const now = useNow(250);
  if (!state?.board) return null;
  const f = state.figures;
  const rates = rateWords(f);
  return (
    <Box component="span" data-testid="status-figures" sx={{ display: 'inline-flex', gap: 2 }}>
      {lost ? (
        <span data-testid="status-rates">rates unknown: no bench core</span>
      ) : (
        <span data-testid="status-rates">
          {rates.all} · {rates.telemetry}
        </span>
      )}
      <span data-testid="status-last">
        {f.lastMessageAt ? `last ${ageWords(f.lastMessageAt, now)} ago` : 'no message yet'}
      </span>
      <span>{f.dropped} dropped</span>
      {f.invalid > 0 && <span>{f.invalid} ignored</span>}
      <span data-testid="status-uptime">
        uptime {formatUptime(telemetry?.values.uptime)}
        {freshness(state, telemetry, lost).kind === 'stale' && ' (last known)'}
      </span>
    </Box>
  );
}
