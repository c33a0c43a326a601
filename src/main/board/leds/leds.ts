/** The three user LEDs as GPIO levels. */
export interface LedLevels {
  readonly green: boolean;
  readonly yellow: boolean;
  readonly red: boolean;
}

export type LedName = keyof LedLevels;

/** GPIO LED state plus the firmware's tracked yellow/red state that `led-status` reports
 *  (docs/firmware-protocol.md §4.1, §14.1 #9). */
export class Leds {
  private levels: LedLevels = { green: false, yellow: false, red: false };
  private tracked = { yellowLed: false, redLed: false };
  private readonly listeners = new Set<(levels: LedLevels) => void>();

  get(): LedLevels {
    return this.levels;
  }

  /** The `static bool` pair in ws_commands.c. */
  trackedState(): { yellowLed: boolean; redLed: boolean } {
    return { ...this.tracked };
  }

  /** Drives one GPIO (the control API uses this; it does not change the tracked state). */
  set(led: LedName, on: boolean): void {
    if (this.levels[led] === on) return;
    this.levels = { ...this.levels, [led]: on };
    for (const l of this.listeners) l(this.levels);
  }

  /** A valid `led-command`: GPIO and tracked state. */
  command(led: 'yellow' | 'red', on: boolean): void {
    if (led === 'yellow') this.tracked.yellowLed = on;
    else this.tracked.redLed = on;
    this.set(led, on);
  }

  /** Power-on: all off, tracked false/false. */
  reset(): void {
    this.tracked = { yellowLed: false, redLed: false };
    this.set('green', false);
    this.set('yellow', false);
    this.set('red', false);
  }

  onChange(listener: (levels: LedLevels) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
