// The board a recording's header names (docs/architecture.md §6): its profile as the user sees it, without the FTP
// login or the serial device path, which are secrets or facts about this computer rather than about the board.
import type { BoardProfile } from '../../../shared/bridge/contracts/links';

export function recordingBoard(
  id: string,
  profile: BoardProfile | undefined,
): Readonly<Record<string, unknown>> {
  if (!profile) return { id };
  const { kind, name, host } = profile;
  if (profile.kind === 'virtual') return { id, kind, name, host };
  const { wsPort, httpPort, ftpPort } = profile;
  return { id, kind, name, host, wsPort, httpPort, ftpPort };
}
