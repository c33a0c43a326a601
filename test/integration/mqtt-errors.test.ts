// Every way the broker can be out of reach is said in words: a bad URL, a refused login, a TLS failure, no broker.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MqttPublisher } from '../../src/main/core/mqtt/publisher';
import type { TlsFiles } from '../../src/main/core/mqtt/tls-settings';
import { mqttConfigSchema, type MqttConnection } from '../../src/shared/bridge/contracts/mqtt';
import { freePort, Mosquitto, selfSignedCert, testPki } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

const dir = tempDir('mqtt-errors-');
let secured: Mosquitto;
let tls: Mosquitto;
let plain: Mosquitto;
let mtls: Mosquitto;
let pki: ReturnType<typeof testPki>;
let certs: { certFile: string; keyFile: string };
const publishers: MqttPublisher[] = [];

beforeAll(async () => {
  certs = selfSignedCert(dir);
  mkdirSync(`${dir}/pki`);
  pki = testPki(`${dir}/pki`);
  // One after the other, so that afterAll stops every broker that did start.
  secured = await Mosquitto.start({ users: { bench: 'right-password' } });
  tls = await Mosquitto.start({ tls: certs });
  plain = await Mosquitto.start({ websockets: true });
  mtls = await Mosquitto.start({
    tls: {
      certFile: pki.brokerCert,
      keyFile: pki.brokerKey,
      requireClientCaFile: pki.ca,
      probeClient: { certFile: pki.clientCert, keyFile: pki.clientKey },
    },
  });
});
afterAll(async () => {
  await Promise.all([secured?.close(), tls?.close(), plain?.close(), mtls?.close()]);
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const p of publishers.splice(0)) await p.stop(0);
});

let n = 0;
/** A publisher with these settings; TLS files named by path here are read as the bench's copies would be. */
function publisher(config: Record<string, unknown>): MqttPublisher {
  const { caFile, certFile, keyFile, ...rest } = config;
  const read = (f: unknown) => (typeof f === 'string' ? readFileSync(f) : undefined);
  const tls: TlsFiles = { ca: read(caFile), cert: read(certFile), key: read(keyFile) };
  const p = new MqttPublisher({
    config: mqttConfigSchema.parse({ enabled: true, ...rest }),
    tls,
    bench: 'errors',
    queueDir: `${dir}/q${++n}`,
    backoff: { stepsMs: [60_000], jitter: 0 },
  });
  publishers.push(p);
  p.start();
  return p;
}

async function settled(p: MqttPublisher): Promise<MqttConnection> {
  return until(() => {
    const c = p.status().connection;
    return c.kind === 'connected' || c.kind === 'waiting' || c.kind === 'invalid' ? c : undefined;
  }, 'the connection to settle');
}

describe('MQTT connections, and their problems in words', () => {
  it('reaches the broker over ws:// as over mqtt://', async () => {
    const sub = await Collector.start(plain.url, 'nucleo-mem/errors/status');
    try {
      const p = publisher({ url: `ws://127.0.0.1:${plain.wsPort}` });
      expect(await settled(p)).toMatchObject({ kind: 'connected', url: `ws://127.0.0.1:${plain.wsPort}` });
      await until(
        () => sub.last('nucleo-mem/errors/status')?.state === 'online',
        'the bench status over ws://',
      );
    } finally {
      await sub.close();
    }
  });

  it('ws:// to a port that speaks plain MQTT', async () => {
    const c = await settled(publisher({ url: `ws://127.0.0.1:${plain.port}` }));
    expect(c).toMatchObject({
      kind: 'waiting',
      reason: `The broker at ws://127.0.0.1:${plain.port} dropped the connection during the WebSocket upgrade: is this port its WebSocket listener (or use mqtt://)?`,
    });
  });

  it('a bad broker URL', async () => {
    expect(await settled(publisher({ url: 'http://broker.lab:1883' }))).toEqual({
      kind: 'invalid',
      reason: 'The broker URL must start with mqtt://, mqtts://, ws:// or wss://, not http://.',
    });
    expect(await settled(publisher({ url: 'broker.lab' }))).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/is not a URL; write it like mqtt:\/\/broker.lab:1883/),
    });
    expect(await settled(publisher({ url: 'mqtt://a:b@broker.lab' }))).toMatchObject({
      reason: 'Put the user name and password in their own fields, not in the URL.',
    });
  });

  it('nothing listening on the port', async () => {
    const port = await freePort();
    expect(await settled(publisher({ url: `mqtt://127.0.0.1:${port}` }))).toMatchObject({
      kind: 'waiting',
      reason: `Nothing accepts connections at mqtt://127.0.0.1:${port} (connection refused): is the broker running, and is the port right?`,
    });
  });

  it('a refused login, and the right one', async () => {
    expect(
      await settled(publisher({ url: secured.url, username: 'bench', password: 'wrong-password' })),
    ).toMatchObject({
      kind: 'waiting',
      reason: `The broker at ${secured.url} refused the login: not authorised (wrong user name or password, or this user may not connect).`,
    });
    expect(await settled(publisher({ url: secured.url }))).toMatchObject({
      reason: expect.stringMatching(/refused the login/),
    });
    expect(
      await settled(publisher({ url: secured.url, username: 'bench', password: 'right-password' })),
    ).toMatchObject({ kind: 'connected' });
  });

  it('TLS failures: an untrusted certificate, TLS to a plain port; then the CA that works', async () => {
    expect(await settled(publisher({ url: tls.url }))).toMatchObject({
      kind: 'waiting',
      reason: `TLS failed with the broker at ${tls.url}: its certificate is self-signed and not trusted; give its CA file.`,
    });
    expect(await settled(publisher({ url: `mqtts://127.0.0.1:${secured.port}` }))).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(/^TLS failed with the broker at .*: .*is this port a TLS listener/),
    });
    expect(await settled(publisher({ url: tls.url, caFile: certs.certFile }))).toMatchObject({
      kind: 'connected',
    });
  });

  it('a client certificate: refused without one, in words; accepted with the one the lab CA signed', async () => {
    const without = await settled(publisher({ url: mtls.url, caFile: pki.ca }));
    expect(without).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(/^TLS failed with the broker at /),
    });
    expect(await settled(publisher({ url: mtls.url, caFile: pki.ca, certFile: pki.clientCert }))).toEqual({
      kind: 'invalid',
      reason: 'A client certificate needs both its certificate file and its key file.',
    });
    expect(
      await settled(
        publisher({ url: mtls.url, caFile: pki.ca, certFile: pki.clientCert, keyFile: pki.clientKey }),
      ),
    ).toMatchObject({ kind: 'connected' });
  });
});
