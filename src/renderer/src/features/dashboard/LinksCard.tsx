import { Box, Card, CardContent, Typography } from '@mui/material';
import type { LinksState, TelemetryLatest } from '../../../../shared/bridge/contracts/links';
import { useNow } from '../connection/links-context';
import { ageWords, formatUptime, wireWord } from '../connection/wire-words';
import type { Freshness } from '../connection/freshness';
import { receivedWords, telemetryCountWords } from '../connection/count-words';
import { alarmTint, BoardAlarmChips } from '../alarms/SeverityChip';
import { useBoardAlarms } from '../alarms/use-alarms';

const toneColor = {
  ok: '#66BB6A',
  busy: '#4FC3F7',
  warn: '#FFB300',
  error: '#FF5252',
  off: '#757575',
} as const;
const rows = [
  { key: 'ws', label: 'WebSocket' },
  { key: 'http', label: 'HTTP' },
  { key: 'ftp', label: 'FTP' },
  { key: 'serial', label: 'Serial' },
] as const;

/** Each wire's state in words, and what has arrived from the board. */
export function LinksCard({
  state,
  telemetry,
  fresh,
}: {
  state: LinksState;
  telemetry: TelemetryLatest | undefined;
  /** Whether the values are live (`freshness`, which knows whether the page still hears the core). */
  fresh: Freshness;
}) {
  const now = useNow(250);
  const f = state.figures;
  // The board's raised alarms colour its card and are named on it.
  const raised = useBoardAlarms(state.board?.id);
  return (
    <Card
      variant="outlined"
      sx={{ height: '100%', ...alarmTint(raised) }}
      data-testid="links-card"
      data-alarm={raised[0]?.severity}
    >
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="overline" color="text.secondary" sx={{ flex: 1 }}>
            Links
          </Typography>
          <BoardAlarmChips alarms={raised} />
        </Box>
        {rows.map(({ key, label }) => {
          const w = state[key];
          const { word, tone } = wireWord(w, now);
          return (
            <Box
              key={key}
              sx={{ display: 'grid', gridTemplateColumns: '84px 1fr', columnGap: 1, py: 0.5 }}
              data-testid={`dash-wire-${key}`}
            >
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {label}
              </Typography>
              <Box sx={{ minWidth: 0 }}>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
                  <Box
                    aria-hidden
                    sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: toneColor[tone], flexShrink: 0 }}
                  />
                  <Typography
                    variant="body2"
                    sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                    title={word}
                  >
                    {w?.kind === 'failed' ? 'failed' : word}
                  </Typography>
                </Box>
                {w?.detail && (
                  <Typography
                    variant="caption"
                    color="text.secondary"
                    sx={{ display: 'block', lineHeight: 1.35 }}
                  >
                    {w.detail}
                  </Typography>
                )}
              </Box>
            </Box>
          );
        })}
        <Box
          sx={{
            mt: 1,
            pt: 1,
            borderTop: 1,
            borderColor: 'divider',
            display: 'flex',
            gap: 2,
            flexWrap: 'wrap',
          }}
        >
          <Typography variant="body2" data-testid="dash-received">
            {receivedWords(f)}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="dash-last">
            {f.lastMessageAt ? `last ${ageWords(f.lastMessageAt, now)} ago` : 'nothing received yet'}
          </Typography>
        </Box>
        <TelemetryLine state={state} telemetry={telemetry} fresh={fresh} now={now} />
      </CardContent>
    </Card>
  );
}

/** "Receiving telemetry" only while it is arriving; otherwise how old the last values are, and why. */
function TelemetryLine({
  state,
  telemetry,
  fresh: f,
  now,
}: {
  state: LinksState;
  telemetry: TelemetryLatest | undefined;
  fresh: Freshness;
  now: number;
}) {
  // The links state's count, so it agrees with the message count above (both from the same snapshot).
  const count = telemetryCountWords(state.figures.telemetry);
  return (
    <Typography
      variant="caption"
      color={f.kind === 'stale' ? 'warning.main' : 'text.secondary'}
      sx={{ display: 'block', mt: 0.5 }}
      data-testid="dash-telemetry-state"
      data-state={f.kind}
    >
      {f.kind === 'none'
        ? 'Waiting for telemetry data...'
        : f.kind === 'live'
          ? `Receiving telemetry: ${count} — Uptime: ${formatUptime(telemetry?.values.uptime)}`
          : `No telemetry for ${ageWords(f.at, now)}: ${f.why}. The values below are the last received (${count}).`}
    </Typography>
  );
}
