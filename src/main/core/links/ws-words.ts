// Socket errors told in a bench engineer's words. The firmware has exactly one WebSocket slot
// (docs/firmware-protocol.md §3.6): on the real board a second client's SYN is held, so its TCP connect hangs; the
// virtual board accepts TCP and leaves the upgrade unanswered. Both end as a handshake timeout, told apart by whether
// TCP was accepted.

/** What the link knew when the attempt failed. */
export interface ConnectFacts {
  readonly tcpConnected: boolean;
  readonly handshakeTimeoutMs: number;
  readonly host: string;
  readonly port: number;
}

/** Why a connection attempt failed, before the WebSocket opened. */
export function describeConnectError(label: string, err: NodeJS.ErrnoException, f: ConnectFacts): string {
  const secs = `${Math.round(f.handshakeTimeoutMs / 100) / 10} s`;
  if (/handshake has timed out/i.test(err.message)) {
    return f.tcpConnected
      ? `${label} accepted the connection but did not answer the WebSocket upgrade within ${secs} — another client probably holds its single WebSocket connection`
      : `${label} did not accept a TCP connection within ${secs} (another client may hold its single connection, or the board is off)`;
  }
  switch (err.code) {
    case 'ECONNREFUSED':
      return `${label} refused the connection: nothing listens on port ${f.port} (board still booting, or its WebSocket server is not running)`;
    case 'ECONNRESET':
      return f.tcpConnected
        ? `${label} reset the connection right after accepting it — it rejected the WebSocket upgrade (the firmware answers a bad handshake with a TCP reset)`
        : `${label} reset the connection attempt`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${label} is unreachable from this computer: check the cable and that this PC has an address in the board's subnet (the board has no gateway)`;
    case 'ETIMEDOUT':
      return `${label} did not answer (TCP connect timed out): the board may be off or on another network`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Host name "${f.host}" could not be resolved: try the board's IP address (192.168.0.50 by default), or check mDNS for .local names`;
    case 'EADDRNOTAVAIL':
      return `${label}: this computer cannot reach that address (${err.message})`;
    default:
      return `${label}: ${err.message}`;
  }
}

/** Why an open WebSocket ended with an error. */
export function describeCloseWords(label: string, err: NodeJS.ErrnoException): string {
  if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
    return `${label} sent a message larger than the app accepts (the firmware's are under 126 bytes); the connection was closed`;
  }
  if (err.code === 'ECONNRESET') return `${label} reset the connection (TCP RST)`;
  if (err.code?.startsWith('WS_ERR_'))
    return `${label} sent a frame the WebSocket protocol does not allow (${err.message}); the connection was closed`;
  return `${label}: ${err.message}`;
}

/** A word or two for a chip, taken from a reason sentence made by this module or the probes. */
export function briefReason(reason: string): string {
  const rules: ReadonlyArray<[RegExp, string]> = [
    [/not available in this build/, 'not available'],
    [/did not start/, 'did not start'],
    [/did not answer the WebSocket upgrade/, 'slot busy'],
    [/did not accept a TCP connection/, 'no answer'],
    [/refused/, 'refused'],
    [/reset/, 'reset'],
    [/unreachable/, 'unreachable'],
    [/could not be resolved/, 'unknown host'],
    [/timed out|did not answer|no greeting/, 'no answer'],
    [/instead of (101|a 220)/, 'wrong service'],
    [/larger than/, 'message too big'],
    [/closed/, 'closed'],
  ];
  return rules.find(([re]) => re.test(reason))?.[1] ?? 'error';
}
