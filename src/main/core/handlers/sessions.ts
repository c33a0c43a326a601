import type { sessionsCommands } from '../../../shared/bridge/contracts/sessions';
import { BenchError } from '../../../shared/result';
import type { FeatureHandlers } from '../dispatch';
import type { ProfileStore } from '../links/profiles';
import type { SessionOwner } from '../sessions/session-owner';

/** The Lab page's commands: which boards the app watches at once, and which one the pages show. */
export function sessionsHandlers(
  sessions: SessionOwner,
  profiles: Pick<ProfileStore, 'get'>,
): FeatureHandlers<keyof typeof sessionsCommands> {
  const known = (id: string) => {
    if (!profiles.get(id)) throw new BenchError('NOT_FOUND', 'That board profile does not exist.');
  };
  return {
    'sessions:list': () => sessions.summary(),
    'sessions:watch': async ({ id }) => {
      known(id);
      await sessions.watch(id);
      return sessions.summary();
    },
    'sessions:unwatch': async ({ id }) => {
      await sessions.unwatch(id);
      return sessions.summary();
    },
    'sessions:focus': async ({ id }) => {
      known(id);
      await sessions.select(id);
      return sessions.summary();
    },
  };
}
