import { describe, expect, it } from 'vitest';
import { axisDomain, axisLead } from './axis-scroll';

describe('axisDomain', () => {
  const span = 600_000;
  const drawn = { fromT: 1_000_000, toT: 1_000_000 + span };
  const moved = (ms: number) => ({ fromT: drawn.fromT + ms, toT: drawn.toT + ms });

  it('starts from the view', () => {
    expect(axisDomain(undefined, drawn, true)).toEqual(drawn);
  });

  it('keeps the drawn domain while a live view scrolls over the ticks laid out ahead', () => {
    expect(axisDomain(drawn, moved(1), true)).toBe(drawn);
    expect(axisDomain(drawn, moved(axisLead(span)), true)).toBe(drawn);
  });

  it('draws the view again once it has moved past them', () => {
    expect(axisDomain(drawn, moved(axisLead(span) + 1), true)).toEqual(moved(axisLead(span) + 1));
  });

  it('draws the view itself when it moved back, changed span, or is not live', () => {
    expect(axisDomain(drawn, moved(-1), true)).toEqual(moved(-1));
    expect(axisDomain(drawn, { fromT: drawn.fromT + 10, toT: drawn.toT }, true)).toEqual({
      fromT: drawn.fromT + 10,
      toT: drawn.toT,
    });
    expect(axisDomain(drawn, moved(5), false)).toEqual(moved(5));
  });

  it('keeps the same object for the same view (the chart frame is not re-rendered)', () => {
    expect(axisDomain(drawn, { ...drawn }, false)).toBe(drawn);
  });
});
