import DoneAllIcon from '@mui/icons-material/DoneAll';
import HistoryIcon from '@mui/icons-material/History';
import {
  Box,
  Button,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { AlarmRecord, AlarmsState } from '../../../../shared/bridge/contracts/alarms';
import { EmptyState } from '../../components/EmptyState';
import { mono } from '../../ui/theme';
import { lasted, when } from './alarm-words';
import { SeverityChip } from './SeverityChip';

const num = { fontFamily: mono, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** The latest alarms (or only the raised ones), newest first, with acknowledge and "Show in session". */
export function AlarmList({
  state,
  now,
  onAck,
  onAckAll,
  onShow,
}: {
  state: AlarmsState;
  now: number;
  onAck: (id: string) => void;
  onAckAll: () => void;
  onShow: (a: AlarmRecord) => void;
}) {
  const [only, setOnly] = useState<'recent' | 'raised'>('recent');
  const list = only === 'raised' ? state.active : state.recent;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, px: 2, py: 1, flexWrap: 'wrap' }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={only}
          onChange={(_, v: 'recent' | 'raised' | null) => v && setOnly(v)}
          aria-label="Which alarms"
        >
          <ToggleButton value="recent" sx={{ textTransform: 'none', py: 0.25 }}>
            Latest ({state.recent.length})
          </ToggleButton>
          <ToggleButton
            value="raised"
            sx={{ textTransform: 'none', py: 0.25 }}
            data-testid="alarms-only-raised"
          >
            Raised now ({state.active.length})
          </ToggleButton>
        </ToggleButtonGroup>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 160 }}>
          {state.unacknowledged === 0
            ? 'Every raised alarm has been acknowledged.'
            : `${state.unacknowledged} raised alarm${state.unacknowledged === 1 ? '' : 's'} not acknowledged.`}
        </Typography>
        <Button
          variant="outlined"
          size="small"
          startIcon={<DoneAllIcon />}
          disabled={state.unacknowledged === 0}
          onClick={onAckAll}
          data-testid="alarms-ack-all"
        >
          Acknowledge all
        </Button>
      </Box>
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {list.length === 0 ? (
          <EmptyState title={only === 'raised' ? 'No alarm is raised' : 'No alarms yet'}>
            {only === 'raised'
              ? 'Every board is within its rules. Raised alarms show here until they clear.'
              : 'An alarm is raised when a rule holds on a board. Add rules on the Rules tab.'}
          </EmptyState>
        ) : (
          <Table size="small" stickyHeader aria-label="Alarms" data-testid="alarms-table">
            <TableHead>
              <TableRow>
                <TableCell>Severity</TableCell>
                <TableCell>Board</TableCell>
                <TableCell>Rule · what was seen</TableCell>
                <TableCell>Raised</TableCell>
                <TableCell>Cleared</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((a) => (
                <AlarmRow key={a.id} a={a} now={now} onAck={onAck} onShow={onShow} />
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
}

function AlarmRow({
  a,
  now,
  onAck,
  onShow,
}: {
  a: AlarmRecord;
  now: number;
  onAck: (id: string) => void;
  onShow: (a: AlarmRecord) => void;
}) {
  const raised = a.clearedAt === undefined;
  return (
    <TableRow
      hover
      data-testid="alarm-row"
      data-alarm-id={a.id}
      data-state={raised ? 'raised' : 'cleared'}
      data-acked={a.ackedAt !== undefined}
      sx={raised && a.ackedAt === undefined ? { '& td': { fontWeight: 600 } } : undefined}
    >
      <TableCell>
        <SeverityChip severity={a.severity} />
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{a.boardName}</TableCell>
      <TableCell sx={{ minWidth: 220 }}>
        <Box component="span" sx={{ display: 'block' }}>
          {a.ruleName}
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ display: 'block', fontWeight: 400 }}>
          {a.message}
        </Typography>
      </TableCell>
      <TableCell sx={num}>{when(a.raisedAt)}</TableCell>
      <TableCell sx={num} data-testid="alarm-cleared">
        {raised ? (
          <Chip size="small" color="error" variant="outlined" label={`raised ${lasted(now - a.raisedAt)}`} />
        ) : (
          <>
            {when(a.clearedAt)}
            <Box
              component="span"
              sx={{ display: 'block', color: 'text.secondary', fontSize: 12, fontWeight: 400 }}
            >
              after {lasted(a.clearedAt - a.raisedAt)}
            </Box>
          </>
        )}
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {a.ackedAt !== undefined ? (
          <Typography
            variant="caption"
            color="text.secondary"
            sx={{ mr: 1, fontWeight: 400 }}
            data-testid="alarm-acked"
          >
            acknowledged {when(a.ackedAt).slice(11)}
          </Typography>
        ) : (
          <Button
            size="small"
            variant="outlined"
            onClick={() => onAck(a.id)}
            data-testid="alarm-ack"
            sx={{ mr: 1 }}
          >
            Acknowledge
          </Button>
        )}
        <Button
          size="small"
          startIcon={<HistoryIcon />}
          onClick={() => onShow(a)}
          data-testid="alarm-show"
          title="Opens the board's recorded session on the Sessions page, the cursor at the moment it was raised"
        >
          Show in session
        </Button>
      </TableCell>
    </TableRow>
  );
}
