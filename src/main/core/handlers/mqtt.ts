import type { mqttCommands } from '../../../shared/bridge/contracts/mqtt';
import type { FeatureHandlers } from '../dispatch';
import type { MqttService } from '../mqtt/service';

/** Handlers of the Lab settings panel and the app bar's MQTT chip. */
export function mqttHandlers(mqtt: MqttService): FeatureHandlers<keyof typeof mqttCommands> {
  return {
    'mqtt:config-get': () => mqtt.config(),
    'mqtt:config-set': (patch) => mqtt.setConfig(patch),
    'mqtt:status': () => mqtt.status(),
  };
}
