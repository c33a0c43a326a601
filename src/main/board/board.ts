import { BoardServers } from './boot';
import { boardControl } from './control';
import { BoardModel } from './model';
import { openReplay } from './telemetry/replay-file';
import type { BoardOptions, RunningBoard } from './types';
import { openUartPort } from './uart/uart-port';

export { DEFAULT_WS_PORT } from './boot';
export { WS_POOL_PACKETS } from './model';

/**
 * Starts the virtual NUCLEO-MEM board; resolves once it has booted and its servers listen. The model holds its
 * parts and state, the servers boot over it, and control is the API that changes it.
 */
export async function startBoard(options: BoardOptions = {}): Promise<RunningBoard> {
  // A recording named by its path is checked whole here, then read as it plays (replay-file.ts).
  const replay = typeof options.replay === 'string' ? await openReplay(options.replay) : options.replay;
  const model = new BoardModel({ ...options, replay });
  const servers = new BoardServers(model, options);
  const { memory, serial, events, log } = model;

  const uart = options.uartPath ? await openUartPort(options.uartPath, serial, log) : undefined;

  const control = boardControl(model, servers);
  model.setStateSource(control.state);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      model.phase = 'closed';
      events.emit('phase', model.phase);
      await servers.powerOff();
      await uart?.close();
      model.replay?.close();
      if (!options.memory) memory.close();
    })());

  try {
    options.onControl?.(control);
    await servers.boot(options.firstBootDelayMs ?? model.bootDelayMs);
  } catch (err) {
    await close();
    throw err;
  }
  return { endpoints: servers.endpoints, control, memory, close };
}
