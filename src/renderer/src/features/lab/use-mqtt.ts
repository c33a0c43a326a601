import { useEffect, useState } from 'react';
import type { MqttConnection, MqttStatus } from '../../../../shared/bridge/contracts/mqtt';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';
import type { LinkTone } from '../../components/LinkChip';

/** The publisher's status: asked once, then followed by `mqtt:state`. */
export function useMqttStatus(): MqttStatus | undefined {
  const [status, setStatus] = useState<MqttStatus>();
  useBridgeEvent('mqtt:state', setStatus);
  useEffect(() => {
    let cancelled = false;
    void api.invoke('mqtt:status', {}).then((r) => {
      if (!cancelled && r.ok) setStatus((cur) => cur ?? r.value);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return status;
}

/** The connection in a word and a tone, and the whole sentence. */
export function connectionWords(c: MqttConnection): { word: string; tone: LinkTone; detail: string } {
  switch (c.kind) {
    case 'off':
      return { word: 'off', tone: 'off', detail: 'Publishing to MQTT is off.' };
    case 'invalid':
      return { word: 'not usable', tone: 'error', detail: c.reason };
    case 'connecting':
      return { word: 'connecting', tone: 'busy', detail: `Connecting to ${c.url} (attempt ${c.attempt}).` };
    case 'connected':
      return { word: 'connected', tone: 'ok', detail: `Connected to ${c.url}.` };
    case 'waiting':
      return { word: 'down', tone: 'warn', detail: `${c.reason} Retrying; messages wait in the queue.` };
  }
}

export const count = (n: number) => n.toLocaleString('en-US');
