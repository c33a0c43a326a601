import { describe, expect, it } from 'vitest';
import { nucleoMemLayout as layout } from './firmware-layout';
import { computeUsage } from './usage';
import { cacheAt } from './mpu';

const region = (u: ReturnType<typeof computeUsage>, name: string) => u.regions.find((r) => r.name === name)!;

describe('region usage against the article', () => {
  it("puts 148 KB in AXI SRAM (RAM, 317.5 KB) with one HTTP session: the article's 148 KB / 46.78 %", () => {
    const ram = region(computeUsage(layout, { httpSessionMax: 1 }), 'RAM');
    expect(ram.length).toBe(325120);
    // 95 760 (ETH 60 × 1596) + 30 720 (HTTP) + 20 480 (WS) + 512 (FileX media) + 4096 (eMMC test buffer).
    expect(ram.used).toBe(151568);
    expect(Math.round(ram.used / 1024)).toBe(148); // the article's "148 KB"
    // "46.78 %" is 148.5 KB of 317.5 KB; the article's own "148 KB" allows 147.5–148.5 KB, i.e. 46.46–46.78 %.
    expect(ram.percent).toBeGreaterThan(46.46);
    expect(ram.percent).toBeLessThanOrEqual(46.78);
    expect(ram.percent.toFixed(2)).toBe('46.62');
  });

  it('gives about 94 % with the library default of two HTTP sessions', () => {
    const ram = region(computeUsage(layout, { httpSessionMax: 2 }), 'RAM');
    expect(Math.round(ram.percent)).toBe(94);
  });

  it("matches the article's budget table pool by pool", () => {
    const u = computeUsage(layout);
    const kb = (id: string) => Math.round((u.packetPools.find((p) => p.id === id)!.bytes / 1024) * 10) / 10;
    expect(kb('main')).toBeCloseTo(93.5, 1); // "~93 KB"
    expect(kb('http')).toBe(30);
    expect(kb('ws')).toBe(20);
    expect(kb('ftp')).toBe(100);
    expect(u.packetPools.map((p) => [p.id, p.packets])).toEqual([
      ['http', 19],
      ['ftp', 122],
      ['ws', 18],
      ['main', 60],
    ]);
    expect(region(u, 'Mem_TxPool').percent).toBe(100);
    expect(region(u, 'Mem_FTP_Server').used).toBe(102400);
  });

  it('warns that the FTP pool sits in cached PSRAM, and only that, as built', () => {
    const u = computeUsage(layout);
    expect(u.warnings.map((w) => w.text)).toEqual([
      expect.stringMatching(
        /^FTP packet pool is in cached PSRAM: Ethernet DMA may read stale data \(MPU region 5/,
      ),
    ]);
  });

  it('says what goes wrong when pools move', () => {
    const moved = computeUsage(layout, {
      packetPools: { ftp: { region: 'Mem_Buff2' }, http: { region: 'Mem_Buff1' }, ws: { region: 'DTCMRAM' } },
    });
    const texts = moved.warnings.map((w) => w.text).join('\n');
    expect(texts).toMatch(/FTP packet pool is in uncached PSRAM: no stale-data risk/);
    expect(texts).toMatch(/HTTP packet pool is in cached PSRAM: Ethernet DMA may read stale data/);
    expect(texts).toMatch(/HTTP packet pool is in PSRAM behind OCTOSPI/);
    expect(texts).toMatch(/WebSocket packet pool is in DTCM: the Ethernet DMA cannot reach DTCM/);
    expect(region(moved, 'RAM').used).toBe(151568 - 30720 - 20480);
  });

  it('reports an overflow the way ld would', () => {
    const u = computeUsage(layout, { packetPools: { ftp: { region: 'RAM' } }, httpSessionMax: 2 });
    const ram = region(u, 'RAM');
    expect(ram.overflow).toBe(151568 + 184320 - 30720 + 102400 - 325120);
    expect(u.warnings[0]).toMatchObject({ severity: 'error', subject: 'RAM' });
  });

  it('applies the MPU: highest region wins, sub-regions fall through', () => {
    expect(cacheAt(layout.mpu, layout.banks, 0x24000100)).toEqual({ policy: 'strongly-ordered', region: 3 });
    expect(cacheAt(layout.mpu, layout.banks, 0x24000a00)).toEqual({ policy: 'non-cacheable', region: 2 });
    expect(cacheAt(layout.mpu, layout.banks, 0x90177000)).toEqual({ policy: 'write-back', region: 5 });
    expect(cacheAt(layout.mpu, layout.banks, 0x90400000)).toEqual({ policy: 'non-cacheable', region: 6 });
    expect(cacheAt(layout.mpu, layout.banks, 0x080e0000)).toEqual({ policy: 'write-through', region: 7 });
    expect(cacheAt(layout.mpu, layout.banks, 0x38000000)).toEqual({ policy: 'write-back' }); // sub-region 1 off
    expect(cacheAt(layout.mpu, layout.banks, 0x20000000)).toEqual({ policy: 'tcm' });
  });

  it('says every warning in its own words, quoting no article the user has not read', () => {
    const configs = [
      { httpSessionMax: 2 as const },
      { packetPools: { http: { region: 'Mem_Buff1' } } },
      { packetPools: { ftp: { region: 'Mem_Buff2' }, ws: { region: 'Mem_Buff1' } } },
      { packetPools: { main: { region: 'Mem_Buff2' } } },
    ];
    const texts = configs.flatMap((c) => computeUsage(layout, c).warnings.map((w) => w.text));
    expect(texts.length).toBeGreaterThan(2);
    for (const t of texts) expect(t).not.toMatch(/article|knife/i);
    expect(texts).toContain(
      'RAM (AXI SRAM) is 93.9 % full: almost no room is left, so one more buffer or a few more packets in a pool will make the link fail.',
    );
  });
});
