import { realpathSync, statSync } from 'node:fs';
import { BenchError } from '../../../shared/result';

/** Where serial ports live: ttys (ACM, USB, S …), pseudo-terminals (socat pairs), Bluetooth, macOS call-outs. */
const SERIAL_DEVICE = /^\/dev\/(tty|pts\/|cu\.|rfcomm|serial\/)/;

/**
 * Refuses a typed port path that names something other than a serial device: a regular file (/etc/passwd) or
 * another device (/dev/watchdog, /dev/mem) must never be opened read-write. A path that does not exist is left to
 * the port (it says it is missing, and COM3 on Windows is no file at all).
 */
export function checkSerialDevicePath(path: string): void {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return;
  }
  if (!statSync(real).isCharacterDevice() || !SERIAL_DEVICE.test(real))
    throw new BenchError('FORBIDDEN', `${path} is not a serial port; the bench opens only serial devices.`);
}
