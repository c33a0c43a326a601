import { useSyncExternalStore } from 'react';
import type { MqttConnection, MqttStatus } from '../../../../shared/bridge/contracts/mqtt';
import { api } from '../../bridge';
import type { LinkTone } from '../../components/LinkChip';
import { MqttStore } from './mqtt-store';

/** The app's one store of the lab publisher. */
export const mqttStore = new MqttStore(api);

/** The publisher's status: asked when first listened to, then followed by `mqtt:state`. */
export function useMqttStatus(): MqttStatus | undefined {
  return useSyncExternalStore(mqttStore.subscribe, mqttStore.snapshot);
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
