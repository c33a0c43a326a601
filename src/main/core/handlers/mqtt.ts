import { CERT_WORDS, type mqttCommands } from '../../../shared/bridge/contracts/mqtt';
import { BenchError } from '../../../shared/result';
import type { FeatureHandlers } from '../dispatch';
import { readSmallFile } from '../mqtt/cert-files';
import type { MqttService } from '../mqtt/service';
import type { HostDialogs } from '../files/host-folders';

/** Handlers of the Lab settings panel and the app bar's MQTT chip. */
export function mqttHandlers(
  mqtt: MqttService,
  /** The desktop app's native dialogs (absent in browser mode): they choose the TLS files. */
  dialogs: HostDialogs | undefined,
): FeatureHandlers<keyof typeof mqttCommands> {
  return {
    'mqtt:config-get': () => mqtt.config(),
    'mqtt:config-set': (patch) => mqtt.setConfig(patch),
    'mqtt:status': () => mqtt.status(),
    'mqtt:cert-choose': async ({ kind }, call) => {
      if (call.transport !== 'electron' || !dialogs)
        throw new BenchError(
          'UNAVAILABLE',
          `The ${CERT_WORDS[kind]} is chosen in the desktop app; in browser mode, upload it on the Lab page.`,
        );
      const [picked] = await dialogs.chooseOpen(`The MQTT ${CERT_WORDS[kind]} (PEM)`, 'files');
      if (picked === undefined) return mqtt.config();
      return mqtt.setCert(kind, picked, await readSmallFile(picked, CERT_WORDS[kind]));
    },
    'mqtt:cert-upload': ({ kind, name, text }) => mqtt.setCert(kind, name, Buffer.from(text, 'utf8')),
  };
}
