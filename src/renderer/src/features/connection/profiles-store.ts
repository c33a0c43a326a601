// The board selector's data layer: the requests that change which boards the app knows and which one the pages
// show (focus, add a virtual board, save or remove a real board's profile) and the network search for a board.
// The profiles themselves arrive with the links store (`links:profiles`); each method answers in the core's words.
import type { BenchApi, RequestOf } from '../../../../shared/bridge/contract';
import type { DiscoveryResult, RealBoardProfile } from '../../../../shared/bridge/contracts/links';
import type { Result } from '../../../../shared/result';

export class ProfilesStore {
  constructor(private readonly bridge: Pick<BenchApi, 'invoke'>) {}

  /** Shows board `id` on every page; the failure in words, or undefined. */
  async focus(id: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('sessions:focus', { id });
    return r.ok ? undefined : r.error.message;
  }

  /** Forgets a board (a virtual one stops; its eMMC folder stays). */
  async remove(id: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('links:remove-profile', { id });
    return r.ok ? undefined : r.error.message;
  }

  /** Adds a virtual board and shows it. */
  async addVirtual(): Promise<string | undefined> {
    const r = await this.bridge.invoke('links:add-virtual', {});
    return r.ok ? undefined : r.error.message;
  }

  /** Saves a real board's profile (new without an id); answers the saved profile. */
  async save(input: RequestOf<'links:save-profile'>): Promise<Result<RealBoardProfile>> {
    const r = await this.bridge.invoke('links:save-profile', input);
    return r.ok ? { ok: true, value: r.value.profile } : r;
  }

  /** Asks the bench network for the board by its names. */
  discover(): Promise<Result<DiscoveryResult>> {
    return this.bridge.invoke('links:discover', {});
  }
}
