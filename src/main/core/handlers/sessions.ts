import type { sessionsCommands } from '../../../shared/bridge/contracts/sessions';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import type { ProfileStore } from '../links/profiles';
import type { SessionOwner } from '../sessions/session-owner';

/** The Lab page's commands: which boards the app watches at once, and which one the pages show. */
export function sessionsHandlers(
  ctx: BenchContext,
  sessions: SessionOwner,
  profiles: Pick<ProfileStore, 'get' | 'list'>,
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
      // The focused board is the selected one: saved, so the app opens it again at the next start.
      if (ctx.settings.get().selectedBoard !== id)
        ctx.hub.emit('settings:changed', ctx.settings.set({ selectedBoard: id }));
      await sessions.select(id);
      // The board selector in the app bar follows.
      ctx.hub.emit('links:profiles', { profiles: profiles.list(), selectedId: id });
      return sessions.summary();
    },
  };
}
