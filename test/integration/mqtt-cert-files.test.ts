// The MQTT TLS files are never named by a host path through the contract: the page uploads them (or the desktop
// app's dialog picks them) and the bench keeps its own copy. A saved setting that cannot be read is told and
// dropped at start, never blocking it: a FIFO or /dev/zero in an older settings.json included.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import { SettingsStore } from '../../src/main/core/settings-store';
import type { MqttConfigView, MqttStatus } from '../../src/shared/bridge/contracts/mqtt';
import { caller, testBench } from '../support/bench';
import { Mosquitto, selfSignedCert } from '../support/mosquitto';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

const dir = tempDir('mqtt-certs-');
let certs: { certFile: string; keyFile: string };
let tlsBroker: Mosquitto;
const benches: Bench[] = [];

beforeAll(async () => {
  certs = selfSignedCert(dir);
  tlsBroker = await Mosquitto.start({ tls: certs });
});
afterAll(async () => {
  for (const b of benches) await b.close();
  await tlsBroker?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function benchOn(configDir: string): Promise<Bench> {
  const b = await testBench(configDir);
  benches.push(b);
  return b;
}

/** Writes an older settings.json whose TLS settings are host paths. */
function legacySettings(configDir: string, mqtt: Record<string, unknown>): void {
  writeFileSync(join(configDir, 'settings.json'), JSON.stringify({ mqtt }));
}

describe('MQTT TLS files', () => {
  it('a host path through mqtt:config-set is refused, with the same words whether the path exists or not', async () => {
    const configDir = tempDir('mqtt-certs-path-');
    const bench = await benchOn(configDir);
    const answers: string[] = [];
    for (const caFile of ['/etc/shadow', '/proc/self/environ', '/no/such/file.pem', certs.certFile]) {
      const r = await bench.dispatch('mqtt:config-set', { caFile }, { transport: 'browser' });
      expect(r.ok).toBe(false);
      if (!r.ok) answers.push(r.error.message);
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toBe(
      'The CA file is not given by its path: choose it (desktop app) or upload it on the Lab page.',
    );
    expect(new SettingsStore(configDir).get().mqtt.caFile).toBe('');
    // In browser mode there is no dialog to choose it with.
    const chosen = await bench.dispatch('mqtt:cert-choose', { kind: 'key' }, { transport: 'browser' });
    expect(chosen).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('an uploaded CA is kept by the bench (0600), shown by name, and used to connect; too big or not PEM is refused', async () => {
    const configDir = tempDir('mqtt-certs-upload-');
    const bench = await benchOn(configDir);
    const call = caller(() => bench);
    const pem = readFileSync(certs.certFile, 'utf8');

    const big = await bench.dispatch(
      'mqtt:cert-upload',
      { kind: 'ca', name: 'huge.pem', text: `-----BEGIN CERTIFICATE-----\n${'A'.repeat(70_000)}` },
      { transport: 'browser' },
    );
    expect(big).toMatchObject({ ok: false, error: { message: expect.stringMatching(/at most 64 kB/) } });
    const notPem = await bench.dispatch(
      'mqtt:cert-upload',
      { kind: 'ca', name: 'notes.txt', text: 'hello' },
      { transport: 'browser' },
    );
    expect(notPem).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a PEM file/) } });

    const view = await call<MqttConfigView>('mqtt:cert-upload', {
      kind: 'ca',
      name: 'lab-ca.pem',
      text: pem,
    });
    expect(view.caFile).toBe('lab-ca.pem');
    const copy = join(configDir, 'mqtt-certs', 'ca.pem');
    expect(readFileSync(copy, 'utf8')).toBe(pem);
    expect(statSync(copy).mode & 0o777).toBe(0o600);

    // The form sends back the name it was shown: kept, not read as a path.
    await call('mqtt:config-set', {
      enabled: true,
      url: tlsBroker.url,
      bench: 'certs',
      caFile: 'lab-ca.pem',
    });
    await until(async () => {
      const s = await call<MqttStatus>('mqtt:status', {});
      return s.connection.kind === 'connected';
    }, 'the publisher connected with the uploaded CA');

    // '' removes the file, and the bench's copy with it.
    expect((await call<MqttConfigView>('mqtt:config-set', { caFile: '', enabled: false })).caFile).toBe('');
    expect(() => statSync(copy)).toThrow();
  });

  it('the desktop app picks a file with its native dialog: a PEM is kept, a FIFO is refused without blocking', async () => {
    const configDir = tempDir('mqtt-certs-dialog-');
    const fifo = join(configDir, 'key.pem');
    execFileSync('mkfifo', [fifo]);
    let picked: string[] = [];
    const bench = await testBench(configDir, {
      hostDialogs: {
        chooseFolder: () => Promise.resolve(undefined),
        chooseSaveFile: () => Promise.resolve(undefined),
        chooseOpen: () => Promise.resolve(picked),
      },
    });
    benches.push(bench);
    const desktop = { transport: 'electron' } as const;
    picked = [certs.keyFile];
    expect(await bench.dispatch('mqtt:cert-choose', { kind: 'key' }, desktop)).toMatchObject({
      ok: true,
      value: { keyFile: 'broker.key' },
    });
    expect(readFileSync(join(configDir, 'mqtt-certs', 'key.pem'))).toEqual(readFileSync(certs.keyFile));
    picked = [fifo];
    expect(await bench.dispatch('mqtt:cert-choose', { kind: 'cert' }, desktop)).toMatchObject({
      ok: false,
      error: { message: 'The client certificate file is not a regular file.' },
    });
    picked = []; // cancelled
    expect(await bench.dispatch('mqtt:cert-choose', { kind: 'cert' }, desktop)).toMatchObject({
      ok: true,
      value: { certFile: '', keyFile: 'broker.key' },
    });
  });

  it('an older settings file: its host paths never reach a page, even before they are moved', async () => {
    const configDir = tempDir('mqtt-certs-shown-');
    legacySettings(configDir, { caFile: certs.certFile, keyFile: '/etc/ssl/private/lab.key' });
    const bench = await benchOn(configDir);
    // At once: the move runs in the background after start.
    const [settings, view] = await Promise.all([
      bench.dispatch('settings:get', {}, { transport: 'browser' }),
      bench.dispatch('mqtt:config-get', {}, { transport: 'browser' }),
    ]);
    expect(settings).toMatchObject({
      ok: true,
      value: { mqtt: { caFile: 'broker.crt', keyFile: 'lab.key' } },
    });
    expect(view).toMatchObject({ ok: true, value: { caFile: 'broker.crt', keyFile: 'lab.key' } });
  });

  it('an older settings file: a small regular PEM is moved into the bench once; the rest is told and dropped', async () => {
    const configDir = tempDir('mqtt-certs-legacy-');
    const fifo = join(configDir, 'fifo.pem');
    execFileSync('mkfifo', [fifo]);
    legacySettings(configDir, { caFile: certs.certFile, certFile: '/dev/zero', keyFile: fifo });
    const bench = await benchOn(configDir);
    const call = caller(() => bench);
    await until(() => new SettingsStore(configDir).get().mqtt.caFile === 'broker.crt', 'the CA moved');
    const saved = new SettingsStore(configDir).get().mqtt;
    expect(saved).toMatchObject({ caFile: 'broker.crt', certFile: '', keyFile: '' });
    expect(readFileSync(join(configDir, 'mqtt-certs', 'ca.pem'))).toEqual(readFileSync(certs.certFile));
    const notices = await call<string[]>('app:notices', {});
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/CA file broker\.crt is now kept by the bench/),
        expect.stringMatching(/client certificate file zero .*not a regular file.*removed from the settings/),
        expect.stringMatching(/client key file fifo\.pem .*not a regular file.*removed from the settings/),
      ]),
    );
    // No host path reaches the page.
    const view = await call<MqttConfigView>('mqtt:config-get', {});
    expect(JSON.stringify(view)).not.toContain('/');
  });
});
