import { ButtonBase } from '@mui/material';
import { LinkChip } from '../../components/LinkChip';
import { connectionWords, count, useMqttStatus } from './use-mqtt';

/**
 * "MQTT ● 1,234 published" (connected), "MQTT ● down · 52 queued" in the app bar while publishing is on, kept short
 * for a crowded bar (the tooltip says it all); a click opens the Lab page.
 */
export function MqttChip({ onOpen }: { onOpen: () => void }) {
  const status = useMqttStatus();
  if (!status || status.connection.kind === 'off') return null;
  const w = connectionWords(status.connection);
  const connected = status.connection.kind === 'connected';
  const parts = [
    ...(connected ? [`${count(status.published)} published`] : [w.word]),
    ...(status.queued && !connected ? [`${count(status.queued)} queued`] : []),
    ...(status.dropped ? [`${count(status.dropped)} dropped`] : []),
  ];
  return (
    <ButtonBase
      onClick={onOpen}
      sx={{ borderRadius: 4, flexShrink: 0 }}
      aria-label="MQTT publishing; open the Lab page"
    >
      <LinkChip
        label="MQTT"
        word={parts.join(' · ')}
        tone={w.tone}
        detail={`${w.detail} Bench "${status.bench}": ${count(status.published)} published, ${count(status.queued)} queued, ${count(status.dropped)} dropped.`}
        testId="app-mqtt"
      />
    </ButtonBase>
  );
}
