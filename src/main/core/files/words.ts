import type { FtpFeatures, FtpSessionState } from '../../../shared/bridge/contracts/files';
import type { FtpTarget } from './target';

/** The FTP session in one line a bench engineer reads. */
export function sessionWords(
  t: FtpTarget | undefined,
  s: FtpSessionState,
  f: FtpFeatures | undefined,
): string {
  if (!t) return 'No board with FTP is selected.';
  const where = `${t.host}:${t.port}`;
  switch (s.kind) {
    case 'no-target':
      return 'No board with FTP is selected.';
    case 'idle':
      return `Not connected to ${where}; the next action connects.`;
    case 'connecting':
      return `Connecting to FTP at ${where}…`;
    case 'failed':
      return s.reason;
    case 'open':
      return `Connected to ${where}${f ? (f.rest ? ' (extended server: resumable downloads)' : ' (firmware command set: no SIZE, REST or APPE, so transfers cannot resume)') : ''}.`;
  }
}
