// Why the broker could not be reached, in words a bench engineer can act on.

const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed and not trusted; give its CA file',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain ends in an untrusted CA; give that CA file',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate cannot be checked against a known CA; give the CA file',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'its certificate was issued by a CA this bench does not know; give the CA file',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet (check the clocks)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another host name',
};

/** The errors of mqtt-packet's parser: what came back is not MQTT. */
const NOT_MQTT =
  /^(Invalid header flag bits|Invalid |Malformed |Cannot parse |Packet too short|Not supported|Unknown property|Packet must not have)/;

/** "host:port" of a broker URL (the URL itself when it does not parse). */
function hostPort(where: string): string {
  try {
    return new URL(where).host || where;
  } catch {
    return where;
  }
}

/** MQTT 3.1.1 CONNACK return codes and their MQTT 5 reason-code equivalents. */
function refusal(code: number): string | undefined {
  switch (code) {
    case 1:
    case 132:
      return 'it does not speak this MQTT version';
    case 2:
    case 133:
      return 'it does not accept this client id';
    case 3:
    case 136:
      return 'it is unavailable right now';
    case 4:
    case 134:
      return 'wrong user name or password';
    case 5:
    case 135:
      return 'not authorised (wrong user name or password, or this user may not connect)';
    default:
      return undefined;
  }
}

/** One sentence for a connection error of mqtt.js, naming the broker `where` (host:port). */
export function describeMqttError(
  where: string,
  err: Error & { code?: unknown },
  context: { readonly tls?: boolean; readonly ws?: boolean; readonly handshaking?: boolean } = {},
): string {
  const code = err.code;
  const m = err.message;
  if (
    context.tls &&
    context.handshaking &&
    (code === 'ECONNRESET' || /before secure TLS connection|wrong version number|EPROTO/i.test(m))
  )
    return `TLS failed with the broker at ${where}: the connection was dropped during the TLS handshake; is this port a TLS listener (or use mqtt://)?`;
  if (context.ws && context.handshaking && code === 'ECONNRESET')
    return `The broker at ${where} dropped the connection during the WebSocket upgrade: is this port its WebSocket listener (or use mqtt://)?`;
  if (typeof code === 'number') {
    const r = refusal(code);
    if (code === 4 || code === 5 || code === 134 || code === 135)
      return `The broker at ${where} refused the login: ${r}.`;
    return `The broker at ${where} refused the connection: ${r ?? err.message}.`;
  }
  if (typeof code === 'string') {
    if (TLS_CODES[code]) return `TLS failed with the broker at ${where}: ${TLS_CODES[code]}.`;
    if (code === 'ECONNREFUSED')
      return `Nothing accepts connections at ${where} (connection refused): is the broker running, and is the port right?`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return `The broker's host name in ${where} was not found (DNS).`;
    if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
      return `The broker at ${where} cannot be reached (${code}).`;
    if (code === 'ECONNRESET') return `The broker at ${where} reset the connection.`;
  }
  if (/wrong version number|packet length too long|unknown protocol|EPROTO/i.test(m))
    return `TLS failed with the broker at ${where}: it does not answer TLS on this port; use mqtt:// or the TLS port.`;
  if (/alert certificate required/i.test(m))
    return `TLS failed with the broker at ${where}: it wants a client certificate; give the certificate and key files.`;
  if (/alert (bad certificate|unknown ca|certificate unknown|decrypt error)/i.test(m))
    return `TLS failed with the broker at ${where}: it did not accept this bench's client certificate (signed by another CA?).`;
  if (/ssl|tls|certificate/i.test(m)) {
    // OpenSSL's "…:error:0A00045C:SSL routines:ssl3_read_bytes:<what>:<file>:<line>" → just <what>.
    const line = m.split('\n')[0]!.trim();
    const what = /routines:[^:]*:([^:]+)/.exec(line)?.[1] ?? line;
    return `TLS failed with the broker at ${where}: ${what}.`;
  }
  // mqtt-packet's parser failing on the first bytes: something else (a web server…) answers on that port.
  if (NOT_MQTT.test(m))
    return `The server at ${hostPort(where)} did not answer as an MQTT broker: is this the broker's address and port?`;
  if (/connack timeout/i.test(m)) return `The broker at ${where} did not answer the MQTT handshake in time.`;
  if (/Unexpected server response: (\d+)/.test(m))
    return `${where} answered the WebSocket upgrade with HTTP ${/(\d+)/.exec(m)![1]}: is this the broker's WebSocket listener and path?`;
  return `The connection to the broker at ${where} failed: ${m}.`;
}

const FOLDER_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'it is on a read-only file system',
  ENOENT: 'it does not exist and cannot be created',
  ENOTDIR: 'a part of its path is a file, not a folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/**
 * A file-system error met while opening the on-disk queue in `folder`, in words that name the folder; undefined
 * for any other error (which keeps its own message).
 */
export function folderProblem(err: unknown, folder?: string): string | undefined {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  if (typeof code !== 'string' || !(code in FOLDER_CODES)) return undefined;
  // Words for a page name no host path (`folder` undefined); the log and the command line name the folder.
  const which = folder === undefined ? 'its config folder' : `its config folder ${folder}`;
  return `The bench cannot write to ${which} (${FOLDER_CODES[code]}): the MQTT queue is kept there. Make the folder writable, or choose another (--config-dir).`;
}
