import { useSyncExternalStore } from 'react';
import type { HostFolderPurpose, HostFoldersView } from '../../../shared/bridge/contracts/host';
import { api } from '../bridge';
import { HostFoldersStore } from './host-folders-store';

/** The app's one store of the host's folders. */
export const hostFolders = new HostFoldersStore(api);

const choose = (purpose: HostFolderPurpose) => hostFolders.choose(purpose);

/** The folders the bench writes into, and (desktop app only) a native dialog to choose another. */
export function useHostFolders(): {
  readonly view: HostFoldersView | undefined;
  readonly choose: (purpose: HostFolderPurpose) => Promise<string | undefined>;
} {
  return { view: useSyncExternalStore(hostFolders.subscribe, hostFolders.snapshot), choose };
}
