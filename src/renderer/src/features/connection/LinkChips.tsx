import { useEffect, useState } from 'react';
import { useBridgeState, useLatestEvent } from '../../bridge/hooks';
import { LinkChip } from '../../components/LinkChip';

/** The app core's own link (browser mode's WebSocket, or Electron IPC), then one chip per board wire. */
export function LinkChips() {
  const bridge = useBridgeState();
  const beat = useLatestEvent('app:heartbeat');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  const stale = beat && bridge.kind === 'open' && now - beat.at > 5000;
  const word = bridge.kind === 'open' ? (stale ? 'stale' : 'connected') : bridge.kind === 'connecting' ? 'connecting' : 'reconnecting';
  const tone = bridge.kind === 'open' ? (stale ? 'warn' : 'ok') : bridge.kind === 'connecting' ? 'busy' : 'error';
  const detail =
    bridge.kind === 'closed'
      ? `The page lost its connection to the app core; retrying in ${Math.max(0, Math.ceil((bridge.retryAt - now) / 1000))} s.`
      : bridge.kind === 'open'
        ? 'The page is connected to the app core.'
        : 'Connecting to the app core…';
  return <LinkChip label="Core" word={word} tone={tone} detail={detail} testId="chip-core" />;
}
