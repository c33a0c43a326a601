import { Box } from '@mui/material';
import { useBridgeState, useLatestEvent } from '../../bridge/hooks';
import { LinkChip } from '../../components/LinkChip';
import { useLinks, useNow } from './links-context';
import { wireWord } from './wire-words';

const wires = [
  { key: 'ws', label: 'WS' },
  { key: 'http', label: 'HTTP' },
  { key: 'ftp', label: 'FTP' },
  { key: 'serial', label: 'Serial' },
] as const;

/** The app core's own link (browser mode's WebSocket, or Electron IPC), then one chip per board wire. */
export function LinkChips() {
  const now = useNow(500);
  const { state } = useLinks();
  return (
    <Box sx={{ display: 'flex', gap: 0.75, alignItems: 'center', minWidth: 0 }} data-testid="link-chips">
      {wires.map(({ key, label }) => {
        const w = state?.[key];
        const { word, tone } = wireWord(w, now);
        const doing = w?.detail ? w.detail : `${label}: ${word}`;
        return (
          <LinkChip key={key} label={label} word={word} tone={tone} detail={doing} testId={`chip-${key}`} />
        );
      })}
      <CoreChip now={now} />
    </Box>
  );
}

function CoreChip({ now }: { now: number }) {
  const bridge = useBridgeState();
  const beat = useLatestEvent('app:heartbeat');
  const stale = beat && bridge.kind === 'open' && now - beat.at > 5000;
  const word =
    bridge.kind === 'open'
      ? stale
        ? 'stale'
        : 'connected'
      : bridge.kind === 'connecting'
        ? 'connecting'
        : 'reconnecting';
  const tone =
    bridge.kind === 'open' ? (stale ? 'warn' : 'ok') : bridge.kind === 'connecting' ? 'busy' : 'error';
  const detail =
    bridge.kind === 'closed'
      ? `The page lost its connection to the app core; retrying in ${Math.max(0, Math.ceil((bridge.retryAt - now) / 1000))} s.`
      : bridge.kind === 'open'
        ? 'The page is connected to the app core.'
        : 'Connecting to the app core…';
  return <LinkChip label="Core" word={word} tone={tone} detail={detail} testId="chip-core" />;
}
