import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alarmRulesFileSchema } from '../../src/shared/alarms/rules';

const doc = readFileSync(new URL('../../docs/alarms.md', import.meta.url), 'utf8');

describe('docs/alarms.md', () => {
  it('the example rules file is valid and shows every kind of rule', () => {
    const section = doc.slice(doc.indexOf('### A rules file'));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(json).toBeDefined();
    const parsed = alarmRulesFileSchema.safeParse(JSON.parse(json ?? ''));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const kinds = new Set(parsed.data?.rules.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['link', 'pool', 'rate', 'reboot', 'stale', 'threshold']);
  });
});
