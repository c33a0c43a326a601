import type {
  SerialLinkState,
  SerialPortEntry,
  SerialSettings,
} from '../../../shared/bridge/contracts/serial';

/** What a binding lists (the part of serialport's PortInfo this app uses). */
export interface PortInfo {
  readonly path: string;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
}

/** An open port (the part of serialport's BindingPortInterface this app uses). */
export interface BindingPortInterface {
  readonly isOpen: boolean;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** Options passed to a binding's open (serialport's OpenOptions). */
export interface BindingOpenOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  stopBits?: 1 | 1.5 | 2;
  parity?: string;
  rtscts?: boolean;
  xon?: boolean;
  xoff?: boolean;
  lock?: boolean;
}

/** The OS binding (serialport's bindings-cpp), or `@serialport/binding-mock` in tests: injected, never imported here. */
export interface SerialBinding {
  list(): Promise<PortInfo[]>;
  open(options: BindingOpenOptions): Promise<BindingPortInterface>;
}

/** Loads serialport's auto-detected native binding only when a real port is first used. */
export async function defaultSerialBinding(): Promise<SerialBinding> {
  const { SerialPort } = await import('serialport');
  return SerialPort.binding;
}

/** ST-Microelectronics' USB vendor id: the ST-LINK's virtual COM port on a NUCLEO board. */
export const ST_VENDOR_ID = '0483';

/** Lists ports with their USB identity; ST-LINKs first. */
export async function listSerialPorts(binding: SerialBinding): Promise<SerialPortEntry[]> {
  const ports = await binding.list();
  return ports
    .map(toEntry)
    .sort((a, b) => Number(b.stLink) - Number(a.stLink) || a.path.localeCompare(b.path));
}

function toEntry(p: PortInfo): SerialPortEntry {
  const vendorId = p.vendorId?.toLowerCase();
  const productId = p.productId?.toLowerCase();
  return {
    path: p.path,
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    ...(vendorId ? { vendorId } : {}),
    ...(productId ? { productId } : {}),
    stLink: vendorId === ST_VENDOR_ID,
  };
}

/** What identifies "the same device" when it comes back: USB serial number, else vendor+product at the same path. */
interface DeviceIdentity {
  readonly serialNumber?: string;
  readonly vendorId?: string;
  readonly productId?: string;
}

/** Options of a link. */
export interface SerialLinkOptions {
  readonly binding: SerialBinding;
  readonly settings: SerialSettings;
  /** Called with each chunk read; the buffer is reused after the call returns (copy what you keep). */
  readonly onData: (chunk: Uint8Array) => void;
  readonly onState: (state: SerialLinkState) => void;
  /** A consumer's own failure while handling data: reported, never allowed to kill the read loop or the process. */
  readonly onConsumerError?: (err: unknown) => void;
  /** Delays between reconnect attempts (the last one repeats). */
  readonly retryDelaysMs?: readonly number[];
  readonly now?: () => number;
}

const DEFAULT_RETRY_DELAYS = [250, 500, 1000, 2000, 3000, 5000];

/**
 * One serial device, opened with the binding directly (no stream layer): a read loop, an explicit state machine
 * (closed → opening → open → lost → opening … | failed), and reconnection to the SAME device only.
 */
export class SerialLink {
  private state: SerialLinkState = { kind: 'closed' };
  private port: BindingPortInterface | undefined;
  private identity: DeviceIdentity | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped by close(): anything started before it stops when it sees a stale generation. */
  private generation = 0;
  private readonly now: () => number;
  private readonly delays: readonly number[];

  constructor(private readonly options: SerialLinkOptions) {
    this.now = options.now ?? Date.now;
    this.delays = options.retryDelaysMs?.length ? options.retryDelaysMs : DEFAULT_RETRY_DELAYS;
  }

  /** The current state. */
  get current(): SerialLinkState {
    return this.state;
  }

  /** Opens the port; resolves with the state reached (open, or failed with a reason). */
  async open(): Promise<SerialLinkState> {
    const gen = ++this.generation;
    const path = this.options.settings.path;
    this.setState({ kind: 'opening', path, attempt: 1 });
    this.identity = await this.identify(path);
    if (gen !== this.generation) return this.state;
    try {
      await this.openPort(path, gen);
    } catch (err) {
      if (gen === this.generation)
        this.setState({ kind: 'failed', path, reason: describeOpenError(err, path) });
    }
    return this.state;
  }

  /** Writes bytes to the open port. */
  async write(bytes: Uint8Array): Promise<void> {
    if (!this.port || this.state.kind !== 'open') throw new Error('the port is not open');
    await this.port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /** Closes the port and stops any reconnect. */
  async close(): Promise<void> {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await port.close().catch(() => undefined);
    this.setState({ kind: 'closed' });
  }

  private async openPort(path: string, gen: number): Promise<void> {
    const s = this.options.settings;
    const port = await this.options.binding.open({
      path,
      baudRate: s.baudRate,
      dataBits: s.dataBits,
      parity: s.parity,
      stopBits: s.stopBits,
      rtscts: s.flowControl === 'rtscts',
      xon: s.flowControl === 'xonxoff',
      xoff: s.flowControl === 'xonxoff',
      lock: true,
    });
    if (gen !== this.generation) {
      await port.close().catch(() => undefined);
      return;
    }
    this.port = port;
    this.setState({ kind: 'open', path, since: this.now() });
    void this.readLoop(port, gen);
  }

  private async readLoop(port: BindingPortInterface, gen: number): Promise<void> {
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = (await port.read(buf, 0, buf.length)).bytesRead;
      } catch (err) {
        if (gen !== this.generation || (err as { canceled?: boolean }).canceled) return;
        this.lost(port, gen, err);
        return;
      }
      if (gen !== this.generation) return;
      if (n > 0) {
        try {
          this.options.onData(buf.subarray(0, n));
        } catch (err) {
          this.options.onConsumerError?.(err);
        }
      }
    }
  }

  private lost(port: BindingPortInterface, gen: number, err: unknown): void {
    this.port = undefined;
    void port.close().catch(() => undefined);
    const path = this.options.settings.path;
    const reason = `The device at ${path} disconnected (${errorText(err)}): unplugged, reset over USB, or re-enumerated.`;
    if (!this.options.settings.reconnect) {
      this.setState({ kind: 'failed', path, reason });
      return;
    }
    this.scheduleRetry(gen, 1, reason);
  }

  private scheduleRetry(gen: number, attempt: number, reason: string): void {
    const path = this.options.settings.path;
    const delay = this.delays[Math.min(attempt - 1, this.delays.length - 1)]!;
    this.setState({ kind: 'lost', path, reason, retryAt: this.now() + delay, attempt });
    this.timer = setTimeout(() => void this.retry(gen, attempt), delay);
    this.timer.unref?.();
  }

  private async retry(gen: number, attempt: number): Promise<void> {
    if (gen !== this.generation) return;
    const wanted = this.options.settings.path;
    const found = await this.findSameDevice(wanted);
    if (gen !== this.generation) return;
    if (!found.path) {
      this.scheduleRetry(gen, attempt + 1, found.reason);
      return;
    }
    this.setState({ kind: 'opening', path: found.path, attempt: attempt + 1 });
    try {
      await this.openPort(found.path, gen);
    } catch (err) {
      if (gen === this.generation)
        this.scheduleRetry(
          gen,
          attempt + 1,
          `Waiting for the device to come back: ${describeOpenError(err, found.path)}`,
        );
    }
  }

  /** Where the device we had is now, or why it is not there. Never a different device. */
  private async findSameDevice(path: string): Promise<{ path?: string; reason: string }> {
    const id = this.identity;
    const missing = `Waiting for the same device to come back at ${path}.`;
    if (!id) return { path, reason: missing }; // typed path (pty): try the path itself
    let ports: PortInfo[];
    try {
      ports = await this.options.binding.list();
    } catch {
      return { path, reason: missing };
    }
    const same = (p: PortInfo) =>
      (!id.vendorId || p.vendorId?.toLowerCase() === id.vendorId) &&
      (!id.productId || p.productId?.toLowerCase() === id.productId);
    if (id.serialNumber) {
      const hit = ports.find((p) => p.serialNumber === id.serialNumber && same(p));
      return hit
        ? { path: hit.path, reason: '' }
        : { reason: `Waiting for the device with serial number ${id.serialNumber} to come back.` };
    }
    const atPath = ports.find((p) => p.path === path);
    if (!atPath) return { reason: missing };
    if (!same(atPath))
      return { reason: `A different device is now at ${path}; waiting for the original one.` };
    return { path, reason: '' };
  }

  private async identify(path: string): Promise<DeviceIdentity | undefined> {
    try {
      const hit = (await this.options.binding.list()).find((p) => p.path === path);
      if (!hit || !(hit.serialNumber || hit.vendorId)) return undefined;
      return {
        ...(hit.serialNumber ? { serialNumber: hit.serialNumber } : {}),
        ...(hit.vendorId ? { vendorId: hit.vendorId.toLowerCase() } : {}),
        ...(hit.productId ? { productId: hit.productId.toLowerCase() } : {}),
      };
    } catch {
      return undefined;
    }
  }

  private setState(state: SerialLinkState): void {
    this.state = state;
    this.options.onState(state);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** An open failure in words a bench engineer uses. */
export function describeOpenError(err: unknown, path: string): string {
  const msg = errorText(err);
  if (/ENOENT|No such file/i.test(msg))
    return `No device at ${path}. Is the board plugged in, and is the path right?`;
  if (/EACCES|Permission denied/i.test(msg))
    return `Permission denied opening ${path}. On Linux, add your user to the "dialout" group and log in again.`;
  if (/lock|EBUSY|busy|temporarily unavailable/i.test(msg))
    return `${path} is in use by another program (a terminal or the IDE's console?). Close it and try again.`;
  if (/ENOTTY|Inappropriate ioctl/i.test(msg)) return `${path} is not a serial port.`;
  if (/baud/i.test(msg)) return `${path} refused the baud rate: ${msg}`;
  return `Could not open ${path}: ${msg}`;
}
