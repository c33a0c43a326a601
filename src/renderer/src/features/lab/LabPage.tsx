import { Box, Paper, Typography } from '@mui/material';
import { LinkChip } from '../../components/LinkChip';
import { useLinksState } from '../connection/links-context';
import { ShownBoard } from '../connection/ShownBoard';
import { MqttSettings } from './MqttSettings';
import { WatchedBoards } from './WatchedBoards';
import { useSessions } from './use-sessions';
import { queueNotes } from './queue-notes';
import { connectionWords, count, useMqttStatus } from './use-mqtt';

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="h6" component="div" data-testid={testId}>
        {count(value)}
      </Typography>
    </Box>
  );
}

/** The lab data path: this bench's MQTT publishing, its state and counts, and its settings. */
export function LabPage() {
  const status = useMqttStatus();
  const state = useLinksState();
  const board = state?.board;
  const sessions = useSessions();
  const names = (sessions?.sessions ?? []).map((b) => `${b.name}${b.virtual ? ' (virtual)' : ''}`);
  const w = status ? connectionWords(status.connection) : undefined;
  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5, maxWidth: 1000 }} data-testid="lab">
      <Typography variant="h6" component="h2">
        Lab · bench {status?.bench ?? '…'}
      </Typography>
      {/* The Lab lists every watched board; this line names the one the other pages show. */}
      <ShownBoard page="Shown on the other pages" dense />
      <WatchedBoards />
      <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="mqtt-status">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
          {w && <LinkChip label="MQTT" word={w.word} tone={w.tone} detail={w.detail} />}
          <Typography variant="body2" sx={{ flex: 1 }}>
            {w?.detail}
          </Typography>
        </Box>
        <Typography variant="body2" color="text.secondary">
          {names.length === 0
            ? 'No board is watched: only the bench status is published.'
            : status?.connection.kind === 'off'
              ? `When on, publishes ${names.join(', ')}: every board this window watches.`
              : `Publishing ${names.join(', ')}: every board this window watches.`}
        </Typography>
        {status && (
          <Box sx={{ display: 'flex', gap: 4 }}>
            <Figure label="Published" value={status.published} testId="mqtt-published" />
            <Figure label="Queued (on disk)" value={status.queued} testId="mqtt-queued" />
            <Figure label="Dropped (queue full)" value={status.dropped} testId="mqtt-dropped" />
            <Figure label="Set aside (refused)" value={status.setAside?.count ?? 0} testId="mqtt-set-aside" />
          </Box>
        )}
        {status &&
          queueNotes(status).map((note) => (
            <Typography key={note} variant="body2" color="warning.main" data-testid="mqtt-queue-note">
              {note}
            </Typography>
          ))}
      </Paper>
      <MqttSettings
        board={board ? { id: board.id, name: board.name } : undefined}
        publishedBench={status?.bench}
      />
    </Box>
  );
}
