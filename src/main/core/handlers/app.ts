import type { appCommands, Settings } from '../../../shared/bridge/contracts/app';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { tlsFileNames } from '../mqtt/cert-files';
import type { StateNotices } from '../state-notices';

/** The settings as the renderer sees them: the MQTT password never leaves the core, nor a host path. */
function shown(s: Settings): Settings {
  return { ...s, mqtt: { ...s.mqtt, ...tlsFileNames(s.mqtt), password: '' } };
}

/** Handlers for app identity and settings. */
export function appHandlers(
  ctx: BenchContext,
  notices: StateNotices,
): FeatureHandlers<keyof typeof appCommands> {
  return {
    'app:info': (_req, call) => ({ ...ctx.identity, transport: call.transport }),
    'settings:get': () => shown(ctx.settings.get()),
    'app:notices': () => notices.take(),
    'settings:set': (patch) => {
      const next = shown(ctx.settings.set(patch));
      ctx.hub.emit('settings:changed', next);
      return next;
    },
  };
}
