import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * A box's size in CSS pixels, followed as it resizes: the ref to put on the box, and its size (800×400 until it is
 * measured). The charts draw to it.
 */
export function useBoxSize(): [RefObject<HTMLDivElement | null>, { width: number; height: number }] {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 400 });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [box, size];
}
