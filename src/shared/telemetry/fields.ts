// What the NUCLEO-MEM firmware's telemetry fields are: their C type on the board and their unit. Fields that other
// firmware sends are unknown here; the user may give each a unit, kept in the settings.
import { float32Text } from '../format/float32';

/** A field the firmware sends, as its source defines it. */
export interface FirmwareField {
  /** `float32` fields are C floats printed widened to double; `integer` ones are whole numbers on the wire. */
  readonly type: 'float32' | 'integer';
  /** Unit of the value; '' for a plain number. */
  readonly unit: string;
}

/** The firmware's telemetry fields (ws_telemetry.c): DTS die temperature, two random values, and the uptime. */
export const FIRMWARE_FIELDS: Readonly<Record<string, FirmwareField>> = {
  junctionTemp: { type: 'float32', unit: '°C' },
  randomFloat: { type: 'float32', unit: '' },
  randomInt: { type: 'integer', unit: '' },
  uptime: { type: 'integer', unit: 's' },
};

/** Units the user gave to fields the firmware does not define, by field name. */
export type FieldUnits = Readonly<Record<string, string>>;

/** The firmware's definition of `name`, if it is one of its fields. */
export function firmwareField(name: string): FirmwareField | undefined {
  return Object.hasOwn(FIRMWARE_FIELDS, name) ? FIRMWARE_FIELDS[name] : undefined;
}

/** The unit of a field: the firmware's for its own fields, else the one the user gave ('' when none). */
export function fieldUnit(name: string, userUnits: FieldUnits | undefined): string {
  const known = firmwareField(name);
  if (known) return known.unit;
  return userUnits && Object.hasOwn(userUnits, name) ? (userUnits[name] ?? '') : '';
}

/** "junctionTemp (°C)", or the bare name when the field has no unit (CSV headers, legends). */
export function nameWithUnit(name: string, unit: string): string {
  return unit ? `${name} (${unit})` : name;
}

/**
 * A sample as text, exactly as the board meant it: float32 fields by their shortest float32 text, every other
 * number by its shortest double text (nothing rounded). Undefined for a missing (non-finite) value.
 */
export function sampleText(name: string, value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  return firmwareField(name)?.type === 'float32' ? float32Text(value) : String(value);
}

/** Why `unit` cannot be a field's unit; undefined when it can. */
export function unitProblem(unit: string): string | undefined {
  if (unit.length > 16) return 'Keep the unit to 16 characters or fewer.';
  // Control characters would break a CSV header line or a chart label.
  if (/\p{Cc}/u.test(unit)) return 'The unit may not hold control characters.';
  return undefined;
}
