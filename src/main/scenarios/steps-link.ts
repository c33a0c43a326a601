// Steps over the runner's WebSocket link and the serial console: commands, message and telemetry expectations, the
// link's state, a second client, serial lines.
import { buildRawFrame } from '../core/frames/raw-sender';
import { ledCommandText } from '../../shared/protocol/messages';
import type { TelemetryBatchMessage } from '../../shared/protocol/telemetry-batch';
import {
  checkTelemetry,
  cut,
  describeExpectation,
  matchMessage,
  quote,
  type Sample,
} from '../../shared/scenarios/checks';
import { formatDuration } from '../../shared/scenarios/duration';
import type { Step } from '../../shared/scenarios/schema';
import { fail, pass, skip, type Outcome, type StepContext } from './context';
import { probeSecondClient } from './net-steps';

type Args<K extends Step['kind']> = Extract<Step, { kind: K }>['args'];

export async function ledStep(c: StepContext, a: Args<'led'>): Promise<Outcome> {
  const text = ledCommandText(a.led, a.state);
  return sendText(c, text, `sent ${text}`);
}

export async function sendStep(c: StepContext, a: Args<'send'>): Promise<Outcome> {
  if (a.raw) {
    const bytes = buildRawFrame({
      fin: a.raw.fin,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode: a.raw.opcode,
      mask: a.raw.mask,
      payloadHex: a.raw.hex?.replace(/\s+/g, ''),
      payloadText: a.raw.text,
    });
    if (!c.link.isOpen) return fail(`expected to send a frame; the link is ${c.link.describeState()}`);
    c.action();
    c.cursors.sentAt = Date.now();
    try {
      await c.link.sendRaw(bytes);
    } catch (err) {
      return fail(`could not send the frame: ${err instanceof Error ? err.message : String(err)}`);
    }
    return pass(`sent a frame of ${bytes.length} bytes (opcode ${a.raw.opcode})`);
  }
  const text = a.message !== undefined ? JSON.stringify(a.message) : (a.text ?? '');
  return sendText(c, text, `sent ${quote(text)}`);
}

async function sendText(c: StepContext, text: string, words: string): Promise<Outcome> {
  if (!c.link.isOpen) return fail(`expected to send ${quote(text)}; the link is ${c.link.describeState()}`);
  c.action();
  c.cursors.sentAt = Date.now();
  try {
    await c.link.sendText(text);
  } catch (err) {
    return fail(`could not send ${quote(text)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return pass(words);
}

export async function expectStep(c: StepContext, a: Args<'expect'>, stepStart: number): Promise<Outcome> {
  const from = c.cursors.msg;
  const anchor = c.cursors.sentAt ?? stepStart;
  const after = c.cursors.sentAt !== undefined ? 'after the command' : 'after the step began';
  const found = await c.link.waitFor(
    () => c.link.since(from).find((m) => matchMessage(m.value, a).ok),
    anchor + a.within - Date.now(),
  );
  const wanted = describeExpectation(a);
  if (found) {
    c.cursors.msg = found.seq + 1;
    const when =
      found.t < anchor ? 'already there when the step began' : `${formatDuration(found.t - anchor)} ${after}`;
    return pass(`got ${cut(found.text)} ${when}`);
  }
  const seen = c.link.since(from);
  const near =
    [...seen].reverse().find((m) => a.type === undefined || m.value?.type === a.type) ?? seen.at(-1);
  const saw = near
    ? `saw ${seen.length} message${seen.length === 1 ? '' : 's'}, none matching; the last${near !== seen.at(-1) ? ` of type "${a.type}"` : ''} was ${cut(near.text)} (${verdictWhy(matchMessage(near.value, a))})`
    : `saw no message (the link is ${c.link.describeState()})`;
  return fail(`expected ${wanted} within ${formatDuration(a.within)} ${after}; ${saw}`);
}

/** A telemetry-batch frame as single samples, each timed by its offset from the frame's last sample. */
function batchSamples(arrival: number, b: TelemetryBatchMessage): Sample[] {
  const last = b.dtUs.at(-1) ?? 0;
  return b.dtUs.map((dt, i) => ({
    t: arrival - (last - dt) / 1000,
    message: {
      type: 'telemetry',
      data: Object.fromEntries(Object.entries(b.columns).map(([k, col]) => [k, col[i]])),
    },
  }));
}

function verdictWhy(v: ReturnType<typeof matchMessage>): string {
  return v.ok ? 'it matches' : v.why;
}

export async function telemetryStep(c: StepContext, a: Args<'telemetry'>): Promise<Outcome> {
  const from = c.link.mark;
  const start = Date.now();
  await c.link.waitFor(() => undefined, a.for);
  const samples: Sample[] = c.link.since(from).flatMap((m): Sample[] => {
    if (m.batch) return batchSamples(m.t, m.batch);
    return m.value?.type === 'telemetry' ? [{ t: m.t, message: m.value }] : [];
  });
  c.cursors.msg = c.link.mark;
  const v = checkTelemetry(samples, a, Date.now() - start);
  return v.ok ? pass(`telemetry ${v.seen}`) : fail(v.why);
}

export async function linkStep(c: StepContext, a: Args<'link'>, stepStart: number): Promise<Outcome> {
  const from = c.cursors.moment;
  const isOpen = (k: string) => k === 'open' || k === 'stale';
  const found = await c.link.waitFor(() => {
    if (a.state === 'open') return c.link.isOpen ? { t: Date.now() } : undefined;
    const m = c.link.momentsSince(from).find((x) => !isOpen(x.state.kind));
    return m ? { t: m.t } : !c.link.isOpen ? { t: Date.now() } : undefined;
  }, a.within);
  if (found)
    return pass(
      a.state === 'open'
        ? `the link is open (${formatDuration(Math.max(0, found.t - stepStart))} into the step)`
        : `the link closed (${c.link.describeState()})`,
    );
  return fail(
    `expected the link ${a.state} within ${formatDuration(a.within)}; it is ${c.link.describeState()}`,
  );
}

export async function wsClientStep(c: StepContext, a: Args<'ws-client'>): Promise<Outcome> {
  const r = await probeSecondClient(c.target.info.ws, a.within);
  const seen =
    r.kind === 'accepted'
      ? `it was accepted after ${formatDuration(r.ms)}`
      : r.kind === 'refused'
        ? `it was refused after ${formatDuration(r.ms)} (${r.reason})`
        : `it waited ${formatDuration(r.ms)} with no answer`;
  const wanted =
    a.expect === 'waits'
      ? `expected a second client to wait (the firmware serves one client at a time) for ${formatDuration(a.within)}`
      : `expected a second client to be ${a.expect} within ${formatDuration(a.within)}`;
  return r.kind === a.expect ? pass(`second client: ${seen}`) : fail(`${wanted}; ${seen}`);
}

export async function serialStep(c: StepContext, a: Args<'serial'>): Promise<Outcome> {
  const s = c.target.info.serial;
  if (!s.ok) return skip(`serial step not run: ${s.reason}`);
  const from = c.cursors.serial;
  const re = new RegExp(a.match);
  const start = Date.now();
  const found = await c.waitSerial(() => c.serial.find((l) => l.seq >= from && re.test(l.text)), a.within);
  if (found) {
    c.cursors.serial = found.seq + 1;
    return pass(`serial line ${quote(found.text)} after ${formatDuration(Math.max(0, found.t - start))}`);
  }
  const seen = c.serial.filter((l) => l.seq >= from);
  return fail(
    `expected a serial line matching /${a.match}/ within ${formatDuration(a.within)}; saw ${seen.length} line${seen.length === 1 ? '' : 's'}${seen.length ? `, the last ${quote(seen.at(-1)?.text ?? '')}` : ''}`,
  );
}
