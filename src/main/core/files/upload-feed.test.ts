import { describe, expect, it, vi } from 'vitest';
import { until } from '../../../../test/support/wait';
import { FEED_BUFFER_BYTES, UploadFeed } from './upload-feed';

async function drain(feed: UploadFeed): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of feed.readable as AsyncIterable<Buffer>) parts.push(c);
  return Buffer.concat(parts);
}

describe('browser upload feed', () => {
  it('takes chunks in order, acknowledges a repeated one and ends at the size', async () => {
    const feed = new UploadFeed(
      6,
      () => 0,
      () => true,
    );
    expect(await feed.offer(0, Buffer.from('abc'), false)).toBe('accepted');
    expect(await feed.offer(0, Buffer.from('abc'), false)).toBe('accepted');
    expect(await feed.offer(5, Buffer.from('x'), false, 20)).toBe('busy');
    expect(await feed.offer(2, Buffer.from('xy'), false, 20)).toBe('failed');
  });

  it('puts a chunk that overtook an earlier one in its place', async () => {
    const feed = new UploadFeed(
      6,
      () => 0,
      () => true,
    );
    const second = feed.offer(3, Buffer.from('def'), true);
    expect(await feed.offer(0, Buffer.from('abc'), false)).toBe('accepted');
    expect(await second).toBe('accepted');
    expect((await drain(feed)).toString()).toBe('abcdef');
  });

  it('streams the bytes to the reader', async () => {
    const feed = new UploadFeed(
      6,
      () => 0,
      () => true,
    );
    await feed.offer(0, Buffer.from('abc'), false);
    await feed.offer(3, Buffer.from('def'), true);
    expect((await drain(feed)).toString()).toBe('abcdef');
  });

  it('answers busy when its buffer is full and nobody reads, then accepts once read', async () => {
    const size = FEED_BUFFER_BYTES * 3;
    const feed = new UploadFeed(
      size,
      () => 0,
      () => true,
    );
    const chunk = Buffer.alloc(256 * 1024);
    let offset = 0;
    for (let i = 0; i < 4; i++) {
      expect(await feed.offer(offset, chunk, false, 0)).toBe('accepted');
      offset += chunk.length;
    }
    expect(await feed.offer(offset, chunk, false, 50)).toBe('busy');
    const reading = drain(feed);
    expect(await feed.offer(offset, chunk, false, 5000)).toBe('accepted');
    offset += chunk.length;
    while (offset < size) {
      expect(await feed.offer(offset, chunk, offset + chunk.length === size, 5000)).toBe('accepted');
      offset += chunk.length;
    }
    expect((await reading).length).toBe(size);
  });

  it('holds an inactive feed to the global budget, and tells the sender when it was skipped', async () => {
    const feed = new UploadFeed(
      10,
      () => 8 * 1024 * 1024,
      () => false,
    );
    expect(await feed.offer(0, Buffer.from('12345'), false, 20)).toBe('busy');
    feed.settle('skipped');
    expect(await feed.offer(0, Buffer.from('12345'), false, 20)).toBe('skipped');
  });

  it('fails a queued upload whose page sent a refused chunk and then nothing, and says why when it starts', async () => {
    const feed = new UploadFeed(
      4,
      () => 0,
      () => false,
      50,
    );
    feed.expectResend();
    await until(() => feed.state() === 'failed', 'the feed to give up', 10_000);
    await expect(feed.open()).rejects.toThrow('the browser stopped sending this file for 0.05 s');
  });

  it('keeps a queued upload whose page sent the refused chunk again', async () => {
    const feed = new UploadFeed(
      8,
      () => 0,
      () => false,
      50,
    );
    vi.useFakeTimers();
    try {
      feed.expectResend();
      expect(await feed.offer(0, Buffer.from('abcd'), false)).toBe('accepted');
      // Queued, it waits for its turn without a clock: past the stall time it still takes the next chunk.
      vi.advanceTimersByTime(200);
      expect(feed.state()).toBe('open');
      expect(await feed.offer(4, Buffer.from('efgh'), true)).toBe('accepted');
    } finally {
      vi.useRealTimers();
    }
    expect((await drain(feed)).toString()).toBe('abcdefgh');
  });
});
