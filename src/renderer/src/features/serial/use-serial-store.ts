import { api } from '../../bridge';
import { SerialStore } from './serial-store';

/** A serial store on the app's bridge; the Serial page makes one each time it opens (and drops it when it closes). */
export function newSerialStore(): SerialStore {
  return new SerialStore(api);
}
