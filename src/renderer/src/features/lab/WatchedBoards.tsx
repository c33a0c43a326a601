import { Box, Button, Chip, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { SessionSummary } from '../../../../shared/bridge/contracts/sessions';
import { formatBytes } from '../../../../shared/format/bytes';
import { LinkChip, toneColor } from '../../components/LinkChip';
import { useBoardProfiles, useNow } from '../connection/links-context';
import { ageWords, wireWord } from '../connection/wire-words';
import { historyText, valueText } from './lab-words';
import { alarmTint, BoardAlarmChips } from '../alarms/SeverityChip';
import { useBoardAlarms } from '../alarms/use-alarms';
import { sessions, useSessions } from './use-sessions';

/** The fields a line shows first, when the board sends them; then the others in the order they came. */
const FIRST = ['junctionTemp', 'uptime'];
const SHOWN_FIELDS = 4;

/** A small line of the last minute's values (one a second). */
function Spark({ values, color }: { values: readonly number[]; color: string }) {
  if (values.length < 2) return <Box component="span" sx={{ display: 'inline-block', width: 60 }} />;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const pts = values
    .map(
      (v, i) => `${((i / (values.length - 1)) * 60).toFixed(1)},${(14 - ((v - min) / span) * 12).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg width={60} height={16} aria-hidden="true" style={{ verticalAlign: 'middle' }}>
      <polyline points={pts} fill="none" stroke={color} strokeWidth={1.2} />
    </svg>
  );
}

function fields(s: SessionSummary): string[] {
  const names = Object.keys(s.values);
  const first = FIRST.filter((n) => names.includes(n));
  return [...first, ...names.filter((n) => !first.includes(n))].slice(0, SHOWN_FIELDS);
}

/** Shows what a request answered: its failure in words, or nothing. */
function run(p: Promise<string | undefined>, setError: (e: string | undefined) => void) {
  void p.then(setError);
}

function SessionLine({ s, now, onError }: { s: SessionSummary; now: number; onError: (e?: string) => void }) {
  // Values are live only while the board's WebSocket is open and telemetry keeps coming; else they are the last
  // ones received, dimmed, and the figures line says how old they are.
  const stale = s.links.ws.kind !== 'open' || s.lastTelemetryAt === 0 || now - s.lastTelemetryAt > 5000;
  const raised = useBoardAlarms(s.id);
  return (
    <Paper
      variant="outlined"
      // The focused board's line is marked (accent border, a "Shown" label): the one the other pages show.
      sx={{
        p: 1.25,
        display: 'flex',
        flexDirection: 'column',
        gap: 0.75,
        ...(s.focused ? { borderColor: 'primary.main', borderWidth: 2 } : {}),
        // A raised alarm takes the border (the "Shown" chip still marks the focused board).
        ...alarmTint(raised),
      }}
      data-testid={`session-${s.id}`}
      data-alarm={raised[0]?.severity}
      data-focused={s.focused}
      aria-current={s.focused ? 'true' : undefined}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        {s.focused && <Chip size="small" color="primary" label="Shown" data-testid="session-shown" />}
        <Typography variant="subtitle2" component="h3" data-testid="session-name">
          {s.name}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {s.virtual ? 'virtual' : `real · ${s.host}`}
          {s.focused ? ' · shown on the other pages' : ''}
          {s.focused && !s.pinned ? ' (its links close when another board is shown, unless kept)' : ''}
        </Typography>
        <BoardAlarmChips alarms={raised} />
        <Box sx={{ flex: 1 }} />
        {(['ws', 'http', 'ftp', 'serial'] as const).map((k) => {
          const w = wireWord(s.links[k], now);
          return (
            <LinkChip
              key={k}
              label={k === 'ws' ? 'WS' : k.toUpperCase()}
              word={w.word}
              tone={w.tone}
              detail={s.links[k].detail}
              testId={`session-${k}`}
            />
          );
        })}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        {fields(s).map((f) => (
          <Box
            key={f}
            data-stale={stale}
            sx={{ display: 'flex', alignItems: 'center', gap: 0.5, opacity: stale ? 0.5 : 1 }}
          >
            <Typography variant="caption" color="text.secondary">
              {f}
            </Typography>
            <Typography variant="body2" data-testid={`session-value-${f}`}>
              {valueText(f, s.values[f]!)}
            </Typography>
            <Spark values={s.sparks[f] ?? []} color={toneColor.busy} />
          </Box>
        ))}
        {Object.keys(s.values).length === 0 && (
          <Typography variant="body2" color="text.secondary">
            No telemetry yet.
          </Typography>
        )}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="caption" data-testid="session-figures">
          {s.rate.toFixed(1)} msg/s · {s.received.toLocaleString('en-US')} received · {s.drops} link drops ·{' '}
          {s.reboots} reboots · {s.recording ? 'recording' : 'not recording'} · {historyText(s.history)}
          {s.lastTelemetryAt
            ? ` · ${stale ? 'stale: ' : ''}last telemetry ${ageWords(s.lastTelemetryAt, now)} ago`
            : ''}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {!s.focused && (
          <Button size="small" onClick={() => run(sessions.focus(s.id), onError)} data-testid="session-show">
            Show
          </Button>
        )}
        {s.pinned ? (
          <Button
            size="small"
            color="inherit"
            onClick={() => run(sessions.unwatch(s.id), onError)}
            data-testid="session-unwatch"
          >
            Stop watching
          </Button>
        ) : (
          <Button
            size="small"
            variant="outlined"
            onClick={() => run(sessions.watch(s.id), onError)}
            data-testid="session-keep"
          >
            Keep watching
          </Button>
        )}
      </Box>
    </Paper>
  );
}

/** Every board the app watches at once, each with its links, last values and figures, and the memory they take. */
export function WatchedBoards() {
  const state = useSessions();
  const profiles = useBoardProfiles();
  const now = useNow(1000);
  const [pick, setPick] = useState('');
  const [error, setError] = useState<string>();
  const watched = new Set(state?.sessions.filter((s) => s.pinned || s.focused).map((s) => s.id));
  const others = (profiles?.profiles ?? []).filter((p) => !watched.has(p.id));
  return (
    <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="watched-boards">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ flex: 1 }}>
          Watched boards ({state?.sessions.length ?? 0})
        </Typography>
        <Typography variant="caption" color="text.secondary" data-testid="sessions-memory">
          Telemetry history sets aside {formatBytes(state?.historyBytes ?? 0)} · core memory{' '}
          {formatBytes(state?.heapBytes ?? 0)}
        </Typography>
      </Box>
      <Typography variant="body2" color="text.secondary">
        A watched board stays connected and keeps its history while another one is shown on the other pages.
      </Typography>
      <Stack spacing={1}>
        {state?.sessions.map((s) => (
          <SessionLine key={s.id} s={s} now={now} onError={setError} />
        ))}
      </Stack>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <TextField
          select
          size="small"
          label="Board"
          value={others.some((p) => p.id === pick) ? pick : ''}
          onChange={(e) => setPick(e.target.value)}
          sx={{ minWidth: 220 }}
          slotProps={{ htmlInput: { 'data-testid': 'watch-pick' } }}
          disabled={others.length === 0}
        >
          {others.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
              {p.kind === 'virtual' ? ' (virtual)' : ''}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="outlined"
          size="small"
          disabled={!others.some((p) => p.id === pick)}
          onClick={() => run(sessions.watch(pick), setError)}
          data-testid="watch-add"
        >
          Watch
        </Button>
        <Button
          variant="text"
          size="small"
          onClick={() => run(sessions.addVirtual(), setError)}
          data-testid="watch-add-virtual"
          title="Starts another emulator inside the app, with its own ports and eMMC folder, and watches it."
        >
          Add virtual board
        </Button>
        {others.length === 0 && (
          <Typography variant="caption" color="text.secondary">
            Every board profile is watched. Add a real board with the selector in the app bar.
          </Typography>
        )}
      </Box>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
    </Paper>
  );
}
