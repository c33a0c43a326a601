import { connect, type MqttClient } from 'mqtt';

export interface Received {
  readonly topic: string;
  readonly text: string;
  readonly retained: boolean;
  readonly at: number;
}

/** An mqtt.js subscriber that keeps every message it receives (the test's view of the broker). */
export class Collector {
  readonly messages: Received[] = [];
  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) =>
      this.messages.push({ topic, text: payload.toString(), retained: packet.retain, at: Date.now() }),
    );
  }

  /** `clientId` with `clean: false` makes a durable subscriber: the broker keeps its QoS 1 messages while away. */
  static async start(
    url: string,
    filter: string,
    opts: { username?: string; password?: string; clientId?: string; clean?: boolean } = {},
  ) {
    const client = connect(url, { reconnectPeriod: 200, clean: true, ...opts });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    await client.subscribeAsync(filter, { qos: 1 });
    return new Collector(client);
  }

  on(topic: string): Received[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  json(topic: string): Array<Record<string, unknown>> {
    return this.on(topic).map((m) => JSON.parse(m.text) as Record<string, unknown>);
  }

  last(topic: string): Record<string, unknown> | undefined {
    return this.json(topic).at(-1);
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
