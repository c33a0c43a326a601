// The TLS files the publisher connects with, taken from the settings at each (re)start. A setting that cannot be
// used is told to the user, dropped from the settings and skipped: start never waits on it for longer than the
// read timeout, and never fails for it.
import {
  CERT_FIELD,
  CERT_WORDS,
  type CertKind,
  type MqttConfig,
} from '../../../shared/bridge/contracts/mqtt';
import { BenchError } from '../../../shared/result';
import { CertFiles, displayName, pemProblem, readSmallFile } from './cert-files';

/** The PEM bytes handed to the TLS layer. */
export interface TlsFiles {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** The settings as they are after loading (dropped or moved files changed), the files, and what to tell. */
export interface LoadedTls {
  readonly config: MqttConfig;
  readonly tls: TlsFiles;
  readonly notices: readonly string[];
}

/** A setting written before the bench kept its own copies: a host path (only a bare name is a copy's). */
export function isLegacyHostPath(value: string): boolean {
  return /[/\\]/.test(value);
}

const KINDS: readonly CertKind[] = ['ca', 'cert', 'key'];

/** Reads the TLS files `config` names: the bench's copies, or, once, an older settings file's host paths. */
export async function loadTlsFiles(config: MqttConfig, certs: CertFiles): Promise<LoadedTls> {
  const tls: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  const fields: Partial<Record<'caFile' | 'certFile' | 'keyFile', string>> = {};
  const notices: string[] = [];
  for (const kind of KINDS) {
    const value = config[CERT_FIELD[kind]];
    if (!value) continue;
    const what = CERT_WORDS[kind];
    const name = displayName(value);
    try {
      if (isLegacyHostPath(value)) {
        // Read once, within the limits, and kept as the bench's copy: the path is not read again.
        const bytes = await readSmallFile(value, what);
        await certs.save(kind, bytes);
        tls[kind] = bytes;
        fields[CERT_FIELD[kind]] = name;
        notices.push(`MQTT: the ${what} ${name} is now kept by the bench (a copy in its config folder).`);
      } else {
        const bytes = await certs.load(kind);
        const problem = pemProblem(bytes, what);
        if (problem) throw new BenchError('BAD_REQUEST', problem);
        tls[kind] = bytes;
      }
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      fields[CERT_FIELD[kind]] = '';
      notices.push(
        `MQTT: the ${what} ${name} in the settings cannot be used (${reason.replace(/\.$/, '')}); it was removed from the settings. Choose or upload it again on the Lab page.`,
      );
    }
  }
  return { config: { ...config, ...fields }, tls, notices };
}
