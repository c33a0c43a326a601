import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { connect } from 'mqtt';
import { until } from './wait';

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the broker). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface MosquittoOptions {
  /** Users and passwords; anonymous clients are refused when given. */
  readonly users?: Readonly<Record<string, string>>;
  /** A TLS listener with this certificate and key (PEM files). */
  readonly tls?: {
    readonly certFile: string;
    readonly keyFile: string;
    /** Clients must show a certificate signed by this CA… */
    readonly requireClientCaFile?: string;
    /** …such as this one, which the readiness check shows. */
    readonly probeClient?: { readonly certFile: string; readonly keyFile: string };
  };
  /** A second listener speaking MQTT over WebSocket (ws://127.0.0.1:wsPort). */
  readonly websockets?: boolean;
  /** Keep sessions and queued messages across a restart (for a durable test subscriber). Default off. */
  readonly persistence?: boolean;
  /** The broker's `max_packet_size`: a bigger packet from a client makes it close that client's connection. */
  readonly maxPacketSize?: number;
}

/** Debian's mosquitto on a free port of 127.0.0.1, with a temp config and no persistence; stopped by PID. */
export class Mosquitto {
  private child: ChildProcess | undefined;
  private logText = '';
  readonly dir: string;

  private constructor(
    readonly port: number,
    private readonly opts: MosquittoOptions,
    /** The WebSocket listener's port, when asked for. */
    readonly wsPort?: number,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'mosquitto-'));
    const lines = [
      `listener ${port} 127.0.0.1`,
      ...(opts.persistence
        ? ['persistence true', `persistence_location ${this.dir}/`, 'autosave_interval 0']
        : ['persistence false']),
      ...(opts.maxPacketSize ? [`max_packet_size ${opts.maxPacketSize}`] : []),
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      'log_type notice',
      // Run as whoever runs the tests (as root mosquitto would switch to its own user and lose the temp files).
      `user ${userInfo().username}`,
    ];
    if (opts.users) {
      const pw = join(this.dir, 'passwd');
      writeFileSync(pw, '', { mode: 0o600 });
      for (const [u, p] of Object.entries(opts.users))
        execFileSync('mosquitto_passwd', ['-b', pw, u, p], { stdio: 'ignore' });
      lines.push('allow_anonymous false', `password_file ${pw}`);
    } else lines.push('allow_anonymous true');
    if (opts.tls) lines.push(`certfile ${opts.tls.certFile}`, `keyfile ${opts.tls.keyFile}`);
    if (opts.tls?.requireClientCaFile)
      lines.push(`cafile ${opts.tls.requireClientCaFile}`, 'require_certificate true');
    // After the TLS lines: those belong to the first listener.
    if (wsPort) lines.push(`listener ${wsPort} 127.0.0.1`, 'protocol websockets');
    writeFileSync(join(this.dir, 'mosquitto.conf'), `${lines.join('\n')}\n`);
  }

  /** Starts a broker and resolves once an MQTT client can connect to it. */
  static async start(opts: MosquittoOptions = {}): Promise<Mosquitto> {
    const m = new Mosquitto(await freePort(), opts, opts.websockets ? await freePort() : undefined);
    try {
      await m.restart();
    } catch (err) {
      rmSync(m.dir, { recursive: true, force: true });
      throw err;
    }
    return m;
  }

  get url(): string {
    return `${this.opts.tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  log(): string {
    return this.logText;
  }

  /** (Re)starts the broker on the same port and waits until it accepts an MQTT connection. */
  async restart(): Promise<void> {
    if (this.child) throw new Error('mosquitto is already running');
    const child = spawn('/usr/sbin/mosquitto', ['-c', join(this.dir, 'mosquitto.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => (this.logText += d.toString()));
    this.child = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`mosquitto exited (${code}): ${this.logText}`))),
    );
    exited.catch(() => undefined);
    try {
      await Promise.race([this.ready(), exited]);
    } catch (err) {
      await this.stop(); // never leave a broker behind that a test could not use
      throw err;
    }
  }

  /** Stops the broker by its PID and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    process.kill(child.pid!, 'SIGTERM');
    await done;
  }

  /** Stops the broker and removes its temp files. */
  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async ready(): Promise<void> {
    const [user, password] = Object.entries(this.opts.users ?? {})[0] ?? [];
    const accepts = () =>
      new Promise<boolean>((resolve) => {
        const c = connect(this.url, {
          reconnectPeriod: 0,
          connectTimeout: 1000,
          rejectUnauthorized: false,
          ...(this.opts.tls?.probeClient
            ? {
                cert: readFileSync(this.opts.tls.probeClient.certFile),
                key: readFileSync(this.opts.tls.probeClient.keyFile),
              }
            : {}),
          ...(user ? { username: user, password } : {}),
        });
        c.once('connect', () => {
          c.end(true);
          resolve(true);
        });
        c.once('error', () => {
          c.end(true);
          resolve(false);
        });
        c.once('close', () => resolve(false));
      });
    await until(accepts, `mosquitto on port ${this.port} to accept a connection`, 10_000, 50).catch(
      (e: Error) => {
        throw new Error(`${e.message}; its log: ${this.logText}`);
      },
    );
  }
}

/** A self-signed certificate and key for 127.0.0.1 (PEM files in `dir`). */
export function selfSignedCert(dir: string): { certFile: string; keyFile: string } {
  const certFile = join(dir, 'broker.crt');
  const keyFile = join(dir, 'broker.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

/** A CA, a broker certificate for 127.0.0.1 and a client certificate, both signed by the CA (PEM files in `dir`). */
export function testPki(dir: string): {
  ca: string;
  brokerCert: string;
  brokerKey: string;
  clientCert: string;
  clientKey: string;
} {
  const f = (n: string) => join(dir, n);
  const ssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  ssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=Test lab CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
  ]);
  for (const [name, cn, ext] of [
    ['broker', '127.0.0.1', 'subjectAltName=IP:127.0.0.1'],
    ['client', 'bench-7', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    ssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${cn}`,
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.csr`),
    ]);
    writeFileSync(f(`${name}.ext`), `${ext}\n`);
    ssl([
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.crt'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      f(`${name}.ext`),
      '-out',
      f(`${name}.crt`),
    ]);
  }
  return {
    ca: f('ca.crt'),
    brokerCert: f('broker.crt'),
    brokerKey: f('broker.key'),
    clientCert: f('client.crt'),
    clientKey: f('client.key'),
  };
}
