// openBench(target) → a board whose methods are the scenario steps. The CLI runs files through it, and a user's
// vitest or node:test file calls it directly; each method resolves to a StepResult and never throws for what the
// board did (only for arguments that a scenario file would have refused).
import { FtpLink } from '../core/files/ftp-link';
import { formatDuration } from '../../shared/scenarios/duration';
import { stepSchemas, type Step } from '../../shared/scenarios/schema';
import type { z } from 'zod';
import type { Outcome, SerialLine, StepContext } from './context';
import { RunnerLink } from './link';
import type { ScenarioLink } from './link-log';
import { faultStep, ftpStep, httpStep, powerStep } from './steps-board';
import {
  expectStep,
  ledStep,
  linkStep,
  sendStep,
  serialStep,
  telemetryStep,
  wsClientStep,
} from './steps-link';
import { resolveTarget, type ResolvedTarget } from './targets';
import type { BoardInfo, OpenBenchOptions, StepResult } from './types';

type Kind = keyof typeof stepSchemas;
type In<K extends Kind> = z.input<(typeof stepSchemas)[K]>;
/** One step as the runner gives it (repeats unrolled). */
export type SingleStep = Exclude<Step, { kind: 'repeat' }>;

/** Most serial lines kept for serial steps. */
const MAX_SERIAL = 5000;

/** A board driven by scenario steps. */
export class Board {
  /** Where the board is and what it can do. */
  readonly info: BoardInfo;
  /** The FTP steps: put, get, list, delete. */
  readonly ftp = {
    put: (
      path: string,
      content: { text: string } | { file: string },
      o: Omit<In<'ftp'>, 'put' | 'text' | 'file'> = {},
    ) => this.do('ftp', { ...o, put: path, ...content }),
    get: (path: string, o: Omit<In<'ftp'>, 'get'> = {}) => this.do('ftp', { ...o, get: path }),
    list: (path: string, o: Omit<In<'ftp'>, 'list'> = {}) => this.do('ftp', { ...o, list: path }),
    delete: (path: string, o: Omit<In<'ftp'>, 'delete'> = {}) => this.do('ftp', { ...o, delete: path }),
  };
  private readonly ctx: StepContext;
  private ftpLink: FtpLink | undefined;
  private closed = false;
  private readonly serialListeners = new Set<() => void>();
  private readonly unsubscribeSerial: (() => void) | undefined;

  constructor(
    private readonly target: ResolvedTarget,
    private readonly runner: ScenarioLink,
    private readonly options: OpenBenchOptions,
  ) {
    this.info = target.info;
    const serial: SerialLine[] = [];
    let seq = 0;
    this.unsubscribeSerial = target.onSerialLine?.((text) => {
      serial.push({ seq: seq++, t: Date.now(), text });
      if (serial.length > MAX_SERIAL) serial.splice(0, serial.length - MAX_SERIAL);
      for (const l of [...this.serialListeners]) l();
    });
    const link = runner;
    const cursors = { msg: link.mark, moment: link.momentMark, serial: 0, sentAt: undefined };
    this.ctx = {
      target,
      link,
      options,
      cursors,
      serial,
      ftp: () =>
        (this.ftpLink ??= new FtpLink({
          boardId: 'scenario',
          host: target.host,
          port: target.ftpPort,
          user: target.ftpUser,
          password: target.ftpPassword,
        })),
      resetFtp: () => {
        this.ftpLink?.close();
        this.ftpLink = undefined;
      },
      waitSerial: (probe, ms) => this.waitSerial(probe, ms),
      action: () => {
        cursors.msg = link.mark;
        cursors.moment = link.momentMark;
        cursors.serial = seq;
        cursors.sentAt = undefined;
      },
    };
  }

  /** Switches an LED with the firmware's led-command (state: true/false or 'on'/'off'). */
  led(led: 'yellow' | 'red', state: boolean | 'on' | 'off'): Promise<StepResult> {
    return this.do('led', { led, state });
  }
  /** Sends a JSON message, a text frame as written, or a raw frame. */
  send(what: In<'send'>): Promise<StepResult> {
    return this.do('send', what);
  }
  /** Expects a message (type, fields, an expression) within a time (default 1 s). */
  expectMessage(what: In<'expect'>): Promise<StepResult> {
    return this.do('expect', what);
  }
  /** Watches telemetry for a span: rate, period, ranges, fields present, an expression every time. */
  telemetry(what: In<'telemetry'>): Promise<StepResult> {
    return this.do('telemetry', what);
  }
  /** An HTTP GET or HEAD with the status (default 200), headers and body expected. */
  http(what: In<'http'>): Promise<StepResult> {
    return this.do('http', what);
  }
  /** Expects a serial line matching a regular expression (default within 5 s). */
  serial(match: string, o: Omit<In<'serial'>, 'match'> = {}): Promise<StepResult> {
    return this.do('serial', { ...o, match });
  }
  /** Reboots the board and expects the WebSocket back within the time (default 20 s). */
  reboot(o: In<'reboot'> = {}): Promise<StepResult> {
    return this.do('reboot', o);
  }
  /** Cuts the board's power and gives it back (virtual board). */
  powerCycle(o: In<'power-cycle'> = {}): Promise<StepResult> {
    return this.do('power-cycle', o);
  }
  /** Injects a fault (virtual board; a real board skips it). */
  fault(what: In<'fault'>): Promise<StepResult> {
    return this.do('fault', what);
  }
  /** Expects the WebSocket link open or closed within the time (default 15 s). */
  link(state: 'open' | 'closed', o: Omit<In<'link'>, 'state'> = {}): Promise<StepResult> {
    return this.do('link', { ...o, state });
  }
  /** Opens a second WebSocket client and expects it to wait, be accepted or be refused within the time. */
  wsClient(
    expect: 'waits' | 'accepted' | 'refused',
    o: Omit<In<'ws-client'>, 'expect'> = {},
  ): Promise<StepResult> {
    return this.do('ws-client', { ...o, expect });
  }
  /** Waits ("2s", 500). */
  wait(duration: In<'wait'>): Promise<StepResult> {
    return this.do('wait', duration);
  }
  /** Leaves a marker on the run's timeline. */
  mark(text: string): Promise<StepResult> {
    return this.do('mark', text);
  }

  /** Runs one step as read from a file. */
  async perform(step: SingleStep): Promise<StepResult> {
    const startedAt = Date.now();
    if (this.closed) return { status: 'failed', message: 'the bench is closed', ms: 0, startedAt };
    // expect, link and serial read on from where the step before them began (a command's answer that comes at
    // once is not missed, and a run of expectations reads in order); every other step starts a new reading.
    if (step.kind !== 'expect' && step.kind !== 'link' && step.kind !== 'serial') this.ctx.action();
    let o: Outcome;
    try {
      o = await this.dispatch(step, startedAt);
    } catch (err) {
      o = {
        status: 'failed',
        message: `the step could not run: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    return { ...o, ms: Date.now() - startedAt, startedAt };
  }

  /** Closes the link, the FTP session and what was started for the board. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribeSerial?.();
    this.ftpLink?.close();
    await this.runner.close();
    await this.target.close();
  }

  private async do<K extends Kind>(kind: K, input: In<K>): Promise<StepResult> {
    const parsed = stepSchemas[kind].safeParse(input);
    if (!parsed.success)
      throw new TypeError(
        `${kind}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`,
      );
    return this.perform({ kind, args: parsed.data } as SingleStep);
  }

  private async dispatch(step: SingleStep, startedAt: number): Promise<Outcome> {
    const c = this.ctx;
    switch (step.kind) {
      case 'led':
        return ledStep(c, step.args);
      case 'send':
        return sendStep(c, step.args);
      case 'expect':
        return expectStep(c, step.args, startedAt);
      case 'telemetry':
        return telemetryStep(c, step.args);
      case 'http':
        return httpStep(c, step.args);
      case 'ftp':
        return ftpStep(c, step.args);
      case 'serial':
        return serialStep(c, step.args);
      case 'reboot':
      case 'power-cycle':
        return powerStep(c, step.kind, step.args);
      case 'fault':
        return faultStep(c, step.args);
      case 'link':
        return linkStep(c, step.args, startedAt);
      case 'ws-client':
        return wsClientStep(c, step.args);
      case 'wait':
        await c.link.waitFor(() => undefined, step.args);
        return { status: 'passed', message: `waited ${formatDuration(step.args)}` };
      case 'mark': {
        const t = Date.now();
        this.options.onMark?.({ t, text: step.args });
        return { status: 'passed', message: `marked "${step.args}"` };
      }
    }
  }

  private waitSerial<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = (v: T | undefined) => {
        clearTimeout(timer);
        this.serialListeners.delete(check);
        resolve(v);
      };
      const check = () => {
        const v = probe();
        if (v !== undefined) done(v);
      };
      const timer = setTimeout(() => done(probe()), ms);
      this.serialListeners.add(check);
    });
  }
}

/**
 * Opens a bench on a board: `virtual` (started here, on a fresh eMMC or the `web` folder's files), a saved board's
 * name, or `ws://host:port`. Resolves once the runner's WebSocket link is open; rejects with the reason in words when
 * the board cannot be found or does not answer within `connectWithinMs` (default 15 s).
 */
export async function openBench(target: string, options: OpenBenchOptions = {}): Promise<Board> {
  const t = await resolveTarget(target, options);
  const link = new RunnerLink(t.host, t.wsPort);
  const board = new Board(t, link, options);
  link.start();
  const wait = options.connectWithinMs ?? 15_000;
  const open = await link.waitFor(() => (link.isOpen ? true : undefined), wait);
  if (!open) {
    const why = link.describeState();
    await board.close();
    throw new Error(
      `The WebSocket link to ${t.info.label} did not open within ${formatDuration(wait)} (${why}). On the firmware another client may hold its one slot.`,
    );
  }
  return board;
}
