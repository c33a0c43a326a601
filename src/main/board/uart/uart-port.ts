import type { SerialLog } from './serial-log';

/** Mirrors the UART lines to a serial device (e.g. one end of a socat pty pair), 115200 8N1. */
export async function openUartPort(
  path: string,
  log: SerialLog,
  onError: (message: string) => void,
): Promise<{ close(): Promise<void> }> {
  // Loaded only when a device is asked for: the native module costs every start-up ~50 ms otherwise.
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false, lock: false });
  await new Promise<void>((resolve, reject) =>
    port.open((err) =>
      err ? reject(new Error(`cannot open the UART device ${path}: ${err.message}`)) : resolve(),
    ),
  );
  port.on('error', (err) => onError(`uart ${path}: ${err.message}`));
  const off = log.onLine((line) => {
    if (port.isOpen) port.write(line.raw, 'latin1');
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        off();
        if (!port.isOpen) return resolve();
        port.drain(() => port.close(() => resolve()));
      }),
  };
}
