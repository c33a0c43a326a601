// The connection feature's stores, made once for the app with the app's bridge (components import these, never the
// bridge itself).
import { api, onBridgeState } from '../../bridge';
import { CoreLinkStore } from './core-link-store';
import { LinksStore } from './links-store';
import { ProfilesStore } from './profiles-store';

/** The app's one links store (its requests and events go through the app's bridge). */
export const linksStore = new LinksStore({ invoke: api.invoke, on: api.on, onState: onBridgeState });

/** The board selector's requests. */
export const profilesStore = new ProfilesStore(api);

/** The page's own connection to the core and the core's heartbeat. */
export const coreLinkStore = new CoreLinkStore({ on: api.on, onState: onBridgeState });
