// Steps over the board's HTTP and FTP servers and its power: what a real board cannot be made to do from here (a
// fault, a power cycle, a reboot) is skipped with the reason, never passed.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe as ftpWords } from '../core/files/ftp-link';
import { checkText, quote, type TextCheck } from '../../shared/scenarios/checks';
import { formatDuration } from '../../shared/scenarios/duration';
import type { Step } from '../../shared/scenarios/schema';
import { fail, pass, skip, type Outcome, type StepContext } from './context';
import { bytesSink, bytesSource, httpError, httpRequest, within } from './net-steps';

type Args<K extends Step['kind']> = Extract<Step, { kind: K }>['args'];

export async function httpStep(c: StepContext, a: Args<'http'>): Promise<Outcome> {
  const method = a.get !== undefined ? 'GET' : 'HEAD';
  const path = a.get ?? a.head ?? '/';
  const where = c.target.info.http;
  const what = `${method} ${path}`;
  let r;
  try {
    r = await httpRequest({ host: c.target.host, port: c.target.httpPort }, method, path, a.within);
  } catch (err) {
    return fail(`expected ${what} to answer ${a.status}; ${httpError(err, where)}`);
  }
  if (r.status !== a.status)
    return fail(
      `expected ${what} to answer ${a.status}; it answered ${r.status}${r.body.length ? ` with ${quote(r.body.toString('utf8'))}` : ''}`,
    );
  for (const [name, pattern] of Object.entries(a.headers ?? {})) {
    const v = r.headers[name.toLowerCase()];
    if (v === undefined || !new RegExp(pattern).test(v))
      return fail(
        `expected ${what}'s ${name} header to match /${pattern}/; ${v === undefined ? 'there is none' : `it is ${quote(v)}`}`,
      );
  }
  if (a.body) {
    const v = checkText(r.body, a.body, await sameAs(c, a.body));
    if (!v.ok) return fail(`${what} → ${r.status}, but its body does not hold: ${v.why}`);
    return pass(`${what} → ${r.status}, body ${v.seen}`);
  }
  return pass(`${what} → ${r.status} (${r.body.length} bytes)`);
}

export async function ftpStep(c: StepContext, a: Args<'ftp'>): Promise<Outcome> {
  const link = c.ftp();
  const op =
    a.put !== undefined ? 'put' : a.get !== undefined ? 'get' : a.list !== undefined ? 'list' : 'delete';
  const path = a.put ?? a.get ?? a.list ?? a.delete ?? '/';
  const run = <T>(work: Promise<T>) => within(work, a.within, `FTP ${op} ${path}`, () => link.abort());
  try {
    if (op === 'put') {
      const bytes =
        a.file !== undefined ? await readFile(local(c, a.file)) : Buffer.from(a.text ?? '', 'utf8');
      await run(link.upload(bytesSource(bytes), path, () => undefined));
      return pass(`put ${path} (${bytes.length} bytes)`);
    }
    if (op === 'get') {
      const { sink, bytes } = bytesSink();
      await run(link.download(path, sink, 0, () => undefined));
      const got = bytes();
      if (!a.expect) return pass(`got ${path} (${got.length} bytes)`);
      const v = checkText(got, a.expect, await sameAs(c, a.expect));
      return v.ok ? pass(`got ${path}: ${v.seen}`) : fail(`got ${path}, but it does not hold: ${v.why}`);
    }
    if (op === 'list') {
      const listing = await run(link.list(path));
      const names = listing.entries.map((e) => e.name);
      const has = (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase());
      const missing = (a.contains ?? []).filter((n) => !has(n));
      const there = (a.absent ?? []).filter(has);
      const seen = `${path} holds ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'nothing'}`;
      if (missing.length)
        return fail(`expected ${missing.map((n) => `"${n}"`).join(', ')} in ${path}; ${seen}`);
      if (there.length)
        return fail(`expected no ${there.map((n) => `"${n}"`).join(', ')} in ${path}; ${seen}`);
      return pass(seen);
    }
    await run(link.command('DELE', path));
    return pass(`deleted ${path}`);
  } catch (err) {
    return fail(`expected FTP ${op} ${path} to succeed; ${ftpWords(err)}`);
  }
}

async function sameAs(c: StepContext, check: TextCheck): Promise<Uint8Array | undefined> {
  return check.sameAs !== undefined ? readFile(local(c, check.sameAs)) : undefined;
}

function local(c: StepContext, file: string): string {
  return resolve(c.options.baseDir ?? process.cwd(), file);
}

/** Reboot and power cycle: on the virtual board its control's power cycle, then the link back within the time. */
export async function powerStep(
  c: StepContext,
  kind: 'reboot' | 'power-cycle',
  a: { readonly within: number },
): Promise<Outcome> {
  const control = c.target.control;
  if (!control)
    return skip(
      kind === 'reboot'
        ? `reboot not run: the bench has no way to reboot ${c.target.info.label} (the firmware takes no reset command and its serial console is transmit-only)`
        : `power cycle not run: the bench cannot switch the power of ${c.target.info.label}`,
    );
  c.action();
  const start = Date.now();
  try {
    await within(control.reboot(), a.within, 'the reboot', () => undefined);
  } catch (err) {
    return fail(
      `expected the board back within ${formatDuration(a.within)}; ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  c.resetFtp();
  c.link.retryNow();
  const back = await c.link.waitFor(
    () => (c.link.isOpen ? Date.now() : undefined),
    start + a.within - Date.now(),
  );
  if (back === undefined)
    return fail(
      `expected the WebSocket link back within ${formatDuration(a.within)} of the ${kind}; it is ${c.link.describeState()}`,
    );
  return pass(
    `${kind === 'reboot' ? 'rebooted' : 'power cycled'}; the WebSocket link was back after ${formatDuration(back - start)}`,
  );
}

export async function faultStep(c: StepContext, a: Args<'fault'>): Promise<Outcome> {
  const control = c.target.control;
  if (!control)
    return skip(
      `fault "${a.kind}" not run: faults are injected through the virtual board's control, which ${c.target.info.label} does not have`,
    );
  c.action();
  switch (a.kind) {
    case 'drop-link':
      return control.dropLink()
        ? pass('the board reset the WebSocket link')
        : fail('expected a link to drop; the board had no client');
    case 'stall-telemetry':
      control.stallTelemetry(a.on ?? true);
      return pass(`telemetry ${(a.on ?? true) ? 'stalled' : 'resumed'}`);
    case 'reboot':
      await control.reboot();
      c.resetFtp();
      c.link.retryNow();
      return pass('the board rebooted (its servers listen again)');
    case 'temperature-spike':
      control.spikeTemperature(a.deltaC ?? 25);
      return pass(`the die temperature rose by ${a.deltaC ?? 25} °C (decaying over about 20 s)`);
    case 'pool-packets':
      control.setPoolPackets(a.packets ?? 0);
      return pass(`the WS packet pool now has ${a.packets ?? 0} packets`);
    case 'pool-restore':
      control.restorePool();
      return pass('the WS packet pool is back to its configured size');
  }
}
