// Instants shown as the customer's wall-clock time, whatever the laptop's zone.
import { IANAZone } from 'luxon';

const zones = new Map<string, IANAZone>();

function zone(timeZone: string): IANAZone {
  let z = zones.get(timeZone);
  if (z === undefined) {
    if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`Unknown IANA time zone: ${timeZone}`);
    z = IANAZone.create(timeZone);
    zones.set(timeZone, z);
  }
  return z;
}

/**
 * A Date whose UTC fields are the wall-clock time in `timeZone`: spreadsheets store dates
 * without a zone, so this is how a cell shows the customer's local time. null for a non-instant.
 */
export function wallClockDate(iso: string, timeZone: string): Date | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return new Date(t + zone(timeZone).offset(t) * 60_000);
}

/** 'YYYY-MM-DD HH:mm:ss' in `timeZone`, a form spreadsheets read as a date-time; '' for a non-instant. */
export function wallClockText(iso: string, timeZone: string): string {
  const d = wallClockDate(iso, timeZone);
  return d === null ? '' : d.toISOString().slice(0, 19).replace('T', ' ');
}
