import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import NotInterestedIcon from '@mui/icons-material/NotInterested';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import { Box, Button, Typography } from '@mui/material';
import type { ReactElement } from 'react';
import { duration } from './RunSummary';
import type {
  ScenarioStepEvent,
  ScenarioStepStatus,
  ScenarioStepView,
} from '../../../../shared/bridge/contracts/scenarios';

/** Each status as an icon and a word (never by colour alone). */
const STATUS: Record<ScenarioStepStatus | 'pending', { icon: ReactElement; word: string }> = {
  running: { icon: <HourglassTopIcon fontSize="small" color="info" />, word: 'running' },
  passed: { icon: <CheckCircleIcon fontSize="small" color="success" />, word: 'passed' },
  failed: { icon: <CancelIcon fontSize="small" color="error" />, word: 'failed' },
  skipped: { icon: <NotInterestedIcon fontSize="small" color="disabled" />, word: 'skipped' },
  pending: { icon: <RadioButtonUncheckedIcon fontSize="small" color="disabled" />, word: 'not run' },
};

const grid = {
  display: 'grid',
  gridTemplateColumns: '92px 48px 48px minmax(140px, 1fr) minmax(200px, 2fr) 64px',
  columnGap: 1,
  alignItems: 'start',
  px: 1.5,
  py: 0.5,
} as const;

/** The run's steps as they tick, or the file's steps before a run (not run yet). */
export function StepsList({
  steps,
  preview,
  onCharts,
  onFrames,
}: {
  steps: readonly ScenarioStepEvent[] | undefined;
  preview: readonly ScenarioStepView[];
  onCharts: (t: number) => void;
  onFrames: (t: number) => void;
}) {
  const rows = steps ? steps.filter(Boolean) : undefined;
  return (
    <Box role="table" aria-label="Steps" data-testid="scenario-steps" sx={{ fontSize: 13 }}>
      <Box role="row" sx={{ ...grid, color: 'text.secondary', borderBottom: 1, borderColor: 'divider' }}>
        {['Status', 'Step', 'Line', 'What', 'Result', 'Time'].map((h) => (
          <Typography key={h} role="columnheader" variant="caption" sx={{ fontWeight: 600 }}>
            {h}
          </Typography>
        ))}
      </Box>
      {rows
        ? rows.map((s) => (
            <Row
              key={s.seq}
              status={s.status}
              index={s.index}
              line={s.line}
              what={`${s.title}${s.iterations ? ` [${s.iterations}]` : ''}`}
              message={s.message}
              ms={s.status === 'running' ? undefined : s.ms}
              moment={s.status === 'failed' ? s.startedAt : undefined}
              onCharts={onCharts}
              onFrames={onFrames}
            />
          ))
        : preview.map((s) => (
            <Row
              key={`${s.index}-${s.line}`}
              status="pending"
              index={s.index}
              line={s.line}
              what={s.title}
              message=""
              ms={undefined}
              moment={undefined}
              onCharts={onCharts}
              onFrames={onFrames}
            />
          ))}
    </Box>
  );
}

function Row(p: {
  status: ScenarioStepStatus | 'pending';
  index: string;
  line: number;
  what: string;
  message: string;
  ms: number | undefined;
  moment: number | undefined;
  onCharts: (t: number) => void;
  onFrames: (t: number) => void;
}) {
  const st = STATUS[p.status];
  return (
    <Box
      role="row"
      data-testid="scenario-step"
      data-status={p.status}
      sx={{
        ...grid,
        borderBottom: 1,
        borderColor: 'divider',
        bgcolor: p.status === 'failed' ? 'rgba(244, 67, 54, 0.08)' : undefined,
      }}
    >
      <Box role="cell" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        {st.icon}
        <span>{st.word}</span>
      </Box>
      <Box role="cell" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {p.index}
      </Box>
      <Box role="cell" sx={{ fontVariantNumeric: 'tabular-nums', color: 'text.secondary' }}>
        {p.line}
      </Box>
      <Box role="cell" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
        {p.what}
      </Box>
      <Box role="cell" data-testid="scenario-step-message" sx={{ overflowWrap: 'anywhere' }}>
        {p.message}
        {p.moment !== undefined && (
          <Box sx={{ display: 'flex', gap: 1, mt: 0.5 }}>
            <Button size="small" variant="outlined" onClick={() => p.onCharts(p.moment!)}>
              Show on charts
            </Button>
            <Button size="small" variant="outlined" onClick={() => p.onFrames(p.moment!)}>
              Show frames
            </Button>
          </Box>
        )}
      </Box>
      <Box role="cell" sx={{ fontVariantNumeric: 'tabular-nums', textAlign: 'right' }}>
        {p.ms === undefined ? '' : duration(p.ms)}
      </Box>
    </Box>
  );
}
