// The headless board (`npm run board -- --ws-port 0`) says the port it bound, in its serial log (stderr, its UART),
// and one WebSocket connection makes one "WS client connected" event of the Serial page, not two.
import { afterAll, describe, expect, it } from 'vitest';
import WsClient from 'ws';
import { recognizeFirmwareLine } from '../../src/shared/serial/firmware-events';
import { startCli, tempDir, type CliProcess } from '../support/processes';
import { until } from '../support/wait';

describe('npm run board with --ws-port 0', () => {
  let cli: CliProcess<{ ws: string }> | undefined;
  afterAll(async () => {
    await cli?.stop();
  });

  it('logs the bound port, and one connection shows one connected event', async () => {
    cli = await startCli<{ ws: string }>([
      'board',
      ...['--ws-port', '0', '--http-port', '0', '--ftp-port', '0', '--boot-ms', '0'],
      ...['--serial', 'verbose', '--emmc', tempDir('board-port-emmc-')],
    ]);
    const port = Number(new URL(cli.ready.ws).port);
    expect(port).toBeGreaterThan(0);
    const log = () => cli!.stderr().split(/\r?\n/);
    await until(() => log().includes('Telemetry thread started (demo mode)'), 'the end of the boot log');
    expect(log()).toContain(`WebSocket server listening on port ${port}`);
    expect(log()).not.toContain('WebSocket server listening on port 0');

    const ws = new WsClient(cli.ready.ws);
    await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await until(() => log().some((l) => l.startsWith('WS: Client connected')), 'the connection in the log');
    ws.terminate();
    // What the Serial page makes of the log: the firmware events recognised in it.
    const events = log()
      .map((l) => recognizeFirmwareLine(l))
      .filter((e) => e !== undefined);
    expect(events.filter((e) => e.summary === 'WS client connected')).toHaveLength(1);
    const ready = events.filter((e) => e.kind === 'ws-server');
    expect(ready).toHaveLength(1);
    expect(ready[0]!.detail).toContain(`port ${port}`);
  });
});
