import PauseIcon from '@mui/icons-material/Pause';
import PlayIcon from '@mui/icons-material/PlayArrow';
import FlagIcon from '@mui/icons-material/OutlinedFlag';
import { Box, Button, IconButton, MenuItem, Slider, TextField, Tooltip, Typography } from '@mui/material';
import { memo } from 'react';
import { formatTime } from '../telemetry/format';
import { mono } from '../../ui/theme';
import { SPEEDS, type Speed, type Window } from './review-time';
import { formatSpan } from './run-words';

/**
 * Play/pause, speed, the cursor's time and a scrub slider over the whole run, zoom out, and "Mark". Memoized: a
 * zoom's answer arriving does not draw it again.
 */
export const PlayBar = memo(function PlayBar({
  run,
  view,
  cursor,
  playing,
  speed,
  onPlay,
  onSpeed,
  onCursor,
  onWhole,
  onMark,
}: {
  run: Window;
  view: Window;
  cursor: number;
  playing: boolean;
  speed: Speed;
  onPlay: () => void;
  onSpeed: (s: Speed) => void;
  onCursor: (t: number) => void;
  onWhole: () => void;
  onMark: () => void;
}) {
  const whole = view.fromT <= run.fromT && view.toT >= run.toT;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1.5, pt: 1, pb: 0.5, flexWrap: 'wrap' }}>
      <Tooltip title={playing ? 'Pause (Space)' : 'Play from the cursor (Space)'}>
        <IconButton
          onClick={onPlay}
          aria-label={playing ? 'Pause' : 'Play'}
          data-testid="review-play"
          color="primary"
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </IconButton>
      </Tooltip>
      <TextField
        select
        size="small"
        label="Speed"
        value={speed}
        onChange={(e) => onSpeed(SPEEDS.find((s) => s === Number(e.target.value)) ?? 1)}
        sx={{ width: 84 }}
      >
        {SPEEDS.map((s) => (
          <MenuItem key={s} value={s}>
            {s}×
          </MenuItem>
        ))}
      </TextField>
      <Typography
        data-testid="review-cursor-time"
        data-t={cursor}
        sx={{ fontFamily: mono, fontVariantNumeric: 'tabular-nums', fontSize: 13, whiteSpace: 'nowrap' }}
      >
        {formatTime(cursor)} · +{formatSpan(cursor - run.fromT)}
      </Typography>
      <Slider
        size="small"
        min={run.fromT}
        max={Math.max(run.toT, run.fromT + 1)}
        step={Math.max(1, (run.toT - run.fromT) / 2000)}
        value={cursor}
        onChange={(_, v) => onCursor(Array.isArray(v) ? v[0]! : v)}
        aria-label="Time cursor"
        getAriaValueText={(v) => formatTime(v)}
        sx={{ flex: '1 1 80px', minWidth: 80, mx: 1 }}
      />
      <Button size="small" onClick={onWhole} disabled={whole}>
        Whole run
      </Button>
      <Tooltip title="Add a marker at the cursor (M)">
        <Button
          size="small"
          variant="outlined"
          startIcon={<FlagIcon />}
          onClick={onMark}
          data-testid="review-mark"
        >
          Mark
        </Button>
      </Tooltip>
    </Box>
  );
});
