import type { appCommands } from '../../../shared/bridge/contracts/app';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';

/** Handlers for app identity and settings. */
export function appHandlers(ctx: BenchContext): FeatureHandlers<keyof typeof appCommands> {
  return {
    'app:info': (_req, call) => ({ ...ctx.identity, transport: call.transport }),
    'settings:get': () => ctx.settings.get(),
    'settings:set': (patch) => {
      const next = ctx.settings.set(patch);
      ctx.hub.emit('settings:changed', next);
      return next;
    },
  };
}
