import StopIcon from '@mui/icons-material/Stop';
import { Box, Button, Chip, CircularProgress, Tooltip, Typography } from '@mui/material';
import type { VirtualBoardView } from '../../../../shared/bridge/contracts/board';
import { signal } from '../../ui/theme';
import { ShownBoard } from '../connection/ShownBoard';
import { formatUptime } from './board-rules';

/** booting / running / stopped, in colour and in words. */
export function PhaseChip({ phase }: { phase: 'booting' | 'running' | 'stopped' }) {
  const color = phase === 'running' ? signal.ok : phase === 'booting' ? signal.warn : signal.info;
  return (
    <Chip
      size="small"
      variant="outlined"
      data-testid="vboard-phase"
      data-phase={phase}
      icon={
        phase === 'booting' ? (
          <CircularProgress size={12} sx={{ color }} />
        ) : (
          <Box
            component="span"
            sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: color, ml: '8px !important' }}
          />
        )
      }
      label={phase}
      sx={{ borderColor: color, color, fontWeight: 600, minWidth: 88 }}
    />
  );
}

function Fact({
  label,
  value,
  tip,
  testId,
}: {
  label: string;
  value: string;
  tip?: string;
  testId?: string;
}) {
  const body = (
    <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75, whiteSpace: 'nowrap' }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
  return tip ? <Tooltip title={tip}>{body}</Tooltip> : body;
}

/** Title, phase, uptime and figures of the running board, and its Stop button. */
export function BoardHeader({
  board,
  stopping,
  onStop,
}: {
  board: VirtualBoardView;
  stopping: boolean;
  onStop: () => void;
}) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', rowGap: 1 }}>
      <ShownBoard page="Board">
        <Typography color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
          in-app emulator
        </Typography>
      </ShownBoard>
      <PhaseChip phase={board.phase === 'closed' ? 'stopped' : board.phase} />
      <Fact label="uptime" value={formatUptime(board.uptime)} testId="vboard-uptime" />
      <Fact
        label="telemetry"
        value={board.telemetryStalled ? 'stalled' : `${board.telemetryCount.toLocaleString()} sent`}
        tip={`Messages produced since boot by the ${board.telemetrySource === 'replay' ? 'replayed recording' : 'generator'}.`}
      />
      <Fact
        label="tick scale"
        value={`×${board.tickScale}`}
        tip="Ticks per real millisecond: 1 is nominal (1 tick = 1 ms); 1.1458 runs as the hardware's 1.146 kHz tick does. Chosen at start."
        testId="vboard-tickscale"
      />
      <Button
        variant="outlined"
        color="error"
        size="small"
        startIcon={stopping ? <CircularProgress size={14} color="inherit" /> : <StopIcon />}
        disabled={stopping}
        onClick={onStop}
        data-testid="vboard-stop"
        sx={{ ml: 'auto', textTransform: 'none' }}
      >
        {stopping ? 'Stopping…' : 'Stop'}
      </Button>
    </Box>
  );
}
