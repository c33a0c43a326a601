// The SessionOwner against two firmware stand-ins on loopback: several boards connected at once, each fed by its
// own links, only the focused one reported as `links:state`, a board ended when no longer watched, a board going
// away marking only its own session, and each board's link feeding its own frame log whichever board is focused.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PayloadOf } from '../../src/shared/bridge/contract';
import { BoardCaptures } from '../../src/main/core/frames/board-captures';
import { ProfileStore } from '../../src/main/core/links/profiles';
import { SessionOwner, type SessionEventName } from '../../src/main/core/sessions/session-owner';
import { startFakeFirmware } from '../support/fake-firmware';
import { until } from '../support/wait';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function boardProfile(profiles: ProfileStore, name: string) {
  const fw = await startFakeFirmware({ periodMs: 50, withHttpFtp: true });
  cleanups.push(() => fw.stop());
  const p = profiles.save({
    name,
    host: '127.0.0.1',
    wsPort: fw.wsPort,
    httpPort: fw.httpPort,
    ftpPort: fw.ftpPort,
  });
  return { fw, id: p.id };
}

describe('SessionOwner', () => {
  it('keeps watched boards connected at once and reports only the focused one as links:state', async () => {
    const profiles = new ProfileStore(mkdtempSync(join(tmpdir(), 'so-')));
    const events: Array<{ name: SessionEventName; payload: unknown }> = [];
    const heard = new Map<string, number>();
    const focus: Array<string | undefined> = [];
    const owner = new SessionOwner({
      getProfile: (id) => profiles.get(id),
      emit: <E extends SessionEventName>(name: E, payload: PayloadOf<E>) => events.push({ name, payload }),
      onMessage: (id) => heard.set(id, (heard.get(id) ?? 0) + 1),
      httpEveryMs: 200,
      ftpEveryMs: 200,
      summaryEveryMs: 100,
    });
    cleanups.push(() => owner.close());
    owner.onFocus((id) => focus.push(id));
    const a = await boardProfile(profiles, 'A');
    const b = await boardProfile(profiles, 'B');

    await owner.select(a.id);
    await owner.watch(b.id);
    expect(owner.selectedId).toBe(a.id);
    const summary = () => owner.summary().sessions;
    await until(
      () => summary().length === 2 && summary().every((s) => s.links.ws.kind === 'open' && s.received > 3),
      'both boards connected and sending',
    );
    const nA = heard.get(a.id)!;
    const nB = heard.get(b.id)!;
    await until(() => heard.get(a.id)! > nA + 3 && heard.get(b.id)! > nB + 3, 'messages of both boards');

    // links:state is the focused board's only; moving the focus is heard once by the followers.
    const linkBoards = () =>
      new Set(
        events
          .filter((e) => e.name === 'links:state')
          .map((e) => (e.payload as PayloadOf<'links:state'>).board?.id),
      );
    expect(linkBoards()).toEqual(new Set([a.id]));
    await owner.select(b.id);
    expect(focus).toEqual([undefined, a.id, b.id]);
    // A was not watched: its session ended when the focus left it.
    expect(summary().map((s) => s.id)).toEqual([b.id]);
    await owner.watch(a.id);
    await until(() => summary().find((s) => s.id === a.id)?.links.ws.kind === 'open', 'A connected again');
    const last = events.filter((e) => e.name === 'sessions:state').at(-1)!
      .payload as PayloadOf<'sessions:state'>;
    expect(last.focusedId).toBe(b.id);

    // A going away marks A only.
    await a.fw.stop();
    await until(() => summary().find((s) => s.id === a.id)?.links.ws.kind === 'waiting', 'A waiting');
    const bLine = summary().find((s) => s.id === b.id)!;
    expect(bLine.links.ws.kind).toBe('open');
    expect(summary().find((s) => s.id === a.id)!.drops).toBe(1);
    expect(owner.state.board?.id).toBe(b.id);
    expect(owner.state.ws.kind).toBe('open');

    // Unwatching a board not shown ends its session; the focused one stays while the pages show it.
    await owner.unwatch(a.id);
    await owner.unwatch(b.id);
    expect(summary().map((s) => s.id)).toEqual([b.id]);
    expect(summary()[0]!.pinned).toBe(false);
  });

  it("feeds each board's frame log from its own link only, whichever board is focused, within one budget", async () => {
    const profiles = new ProfileStore(mkdtempSync(join(tmpdir(), 'so-')));
    const budget = { maxItems: 60, maxBytes: 1024 * 1024, maxChunks: 60, maxChunkBytes: 1024 * 1024 };
    const captures = new BoardCaptures(budget);
    const senders: Array<string | undefined> = [];
    const owner = new SessionOwner({
      getProfile: (id) => profiles.get(id),
      emit: () => {},
      frameTapFor: (id) => captures.tapFor(id),
      onSender: (sender, _reason, boardId) => senders.push(sender ? boardId : undefined),
      summaryEveryMs: 0,
    });
    cleanups.push(() => owner.close());
    const a = await boardProfile(profiles, 'A');
    const b = await boardProfile(profiles, 'B');
    await owner.select(a.id);
    await owner.watch(b.id);
    const telemetryOf = (id: string) =>
      [...(captures.get(id)?.allItems() ?? [])].filter((i) => i.row.msgType === 'telemetry').length;
    const opened = (id: string) =>
      [...(captures.get(id)?.allItems() ?? [])]
        .map((i) => i.row.preview)
        .filter((p) => p.startsWith('opening '));
    // B is watched, not focused: its log fills all the same, from its connection's start.
    await until(() => telemetryOf(a.id) > 3 && telemetryOf(b.id) > 3, 'telemetry in both logs');
    expect(opened(a.id)).toEqual([`opening 127.0.0.1:${a.fw.wsPort}`]);
    expect(opened(b.id)).toEqual([`opening 127.0.0.1:${b.fw.wsPort}`]);
    // The focus moves to B and A stays watched: both logs keep growing, each with its own board's link only.
    await owner.watch(a.id);
    await owner.select(b.id);
    const nA = telemetryOf(a.id);
    await until(() => telemetryOf(a.id) > nA + 3, "A's telemetry while B is focused");
    expect(opened(a.id)).toEqual([`opening 127.0.0.1:${a.fw.wsPort}`]);
    expect(opened(b.id)).toEqual([`opening 127.0.0.1:${b.fw.wsPort}`]);
    // The composer follows the focus: its sender is the focused board's.
    await until(() => senders.at(-1) === b.id, "B's sender for the composer");
    // Two boards share the budget: each log holds half of it, the oldest rows going first.
    await until(() => captures.get(a.id)!.stats().dropped > 0, "A's log at its share");
    expect(captures.get(a.id)!.stats()).toMatchObject({ held: 30, capacity: 30 });
    expect(captures.get(b.id)!.stats().capacity).toBe(30);
  });
});
