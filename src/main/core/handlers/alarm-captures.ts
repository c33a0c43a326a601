// The capture bundles' commands (docs/alarm-captures.md): the list, a zip of one bundle as a one-time download in
// browser mode, and the bundle's folder in the desktop app's file manager. Only folder names reach a page.
import type { alarmsCommands } from '../../../shared/bridge/contracts/alarms';
import { BenchError } from '../../../shared/result';
import type { CaptureService } from '../alarms/capture/capture-service';
import type { FeatureHandlers } from '../dispatch';
import type { HostAccess } from './host';

type CaptureCommands = 'alarms:captures' | 'alarms:capture-zip' | 'alarms:capture-show';

export function alarmCapturesHandlers(
  captures: CaptureService,
  host: HostAccess,
): FeatureHandlers<CaptureCommands & keyof typeof alarmsCommands> {
  return {
    'alarms:captures': () => captures.captures(),
    'alarms:capture-zip': ({ id }, call) => {
      if (call.transport !== 'browser')
        throw new BenchError(
          'UNAVAILABLE',
          'A bundle is downloaded as a zip in browser mode; in the desktop app, show its folder instead.',
        );
      const zip = captures.zip(id);
      return { download: host.offers.offer(zip.file), bytes: zip.bytes, fileName: zip.fileName };
    },
    'alarms:capture-show': ({ id }, call) => {
      const show = host.dialogs?.showItemInFolder;
      if (call.transport !== 'electron' || !show)
        throw new BenchError(
          'UNAVAILABLE',
          'A bundle’s folder is shown only in the desktop app; in browser mode, download the bundle as a zip.',
        );
      show(captures.folderOf(id));
      return { shown: true };
    },
  };
}
