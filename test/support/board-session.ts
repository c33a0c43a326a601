// A BoardSession watching a board started in the test, as a virtual profile: the app's own session (WebSocket link,
// and the HTTP and FTP probes when the board runs those servers), with no owner listening to its changes.
import type { RunningBoard } from '../../src/main/board';
import { BoardSession, type SessionDeps } from '../../src/main/core/sessions/board-session';

export function boardSession(
  board: RunningBoard,
  id: string,
  name: string,
  deps: Omit<SessionDeps, 'virtual'> = {},
): BoardSession {
  const { ws, http, ftp } = board.endpoints;
  return new BoardSession(
    { kind: 'virtual', id, name, host: '127.0.0.1' },
    { ...deps, virtual: () => ({ ensureStarted: async () => ({ ws, http, ftp }) }) },
    { state: () => {}, led: () => {}, telemetry: () => {}, sender: () => {} },
  );
}
