import type { linksCommands, ProfilesView } from '../../../shared/bridge/contracts/links';
import { BenchError } from '../../../shared/result';
import type { BenchContext } from '../context';
import type { FeatureHandlers } from '../dispatch';
import { discoverBoards, type DiscoveryTarget } from '../links/discovery';
import type { SessionOwner } from '../sessions/session-owner';
import type { ProfileStore } from '../links/profiles';
import type { VirtualFleet } from '../virtual-fleet';

/** Handlers for board profiles, the selected board's links, its LEDs and fault injection. */
export function linksHandlers(
  ctx: BenchContext,
  profiles: ProfileStore,
  links: SessionOwner,
  fleet: Pick<VirtualFleet, 'remove'>,
  discoveryTargets?: readonly DiscoveryTarget[],
): FeatureHandlers<keyof typeof linksCommands> {
  const view = (): ProfilesView => ({ profiles: profiles.list(), selectedId: links.selectedId });
  const publish = (): ProfilesView => {
    const v = view();
    ctx.hub.emit('links:profiles', v);
    return v;
  };
  // The SessionOwner owns the focus (and saves it); these handlers only ask it to move.
  const select = (id: string): Promise<void> => links.select(id);
  return {
    'links:profiles': () => view(),
    'links:save-profile': async (input) => {
      const profile = profiles.save(input);
      // Editing a watched board re-opens its links with the new address; a new board becomes the selected one.
      if (input.id !== undefined && links.get(profile.id)) await links.restart(profile.id);
      if (input.id === undefined || links.selectedId === profile.id) await select(profile.id);
      return { profile, view: publish() };
    },
    'links:add-virtual': async ({ name, show }) => {
      const profile = profiles.addVirtual(name);
      // Like a new real board, the new virtual board becomes the one shown (it starts then), unless asked not to.
      if (show) await select(profile.id);
      return { profile, view: publish() };
    },
    'links:remove-profile': async ({ id }) => {
      const wasVirtual = profiles.get(id)?.kind === 'virtual';
      profiles.remove(id);
      const wasShown = links.selectedId === id;
      await links.remove(id);
      // A virtual board stops with its profile; its eMMC folder stays in the app's data directory.
      if (wasVirtual) await fleet.remove(id);
      // The pages show another board rather than none: the first left in the list (virtual boards come first). With
      // none left nothing is focused, and the pages offer to start a virtual board or add a real one.
      const next = profiles.list()[0];
      if (wasShown && next) await select(next.id);
      return publish();
    },
    'links:state': () => ({ state: links.state, leds: links.ledStatus, telemetry: links.telemetry }),
    'links:discover': ({ hostname }) =>
      discoverBoards({
        hostname: hostname ?? 'lab-web',
        ...(discoveryTargets ? { targets: discoveryTargets } : {}),
      }),
    'board:set-led': ({ led, state, boardId }) => {
      if (!links.setLed(led, state, boardId)) {
        throw new BenchError('UNAVAILABLE', 'The board is not connected: the LED command was not sent.');
      }
      return { sent: true };
    },
  };
}
