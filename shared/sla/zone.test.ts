import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { DAY_MS } from './civil';
import { instantOfWall, instantsOfWall, localDayOf, mergePairs, offsetAt, zoneTable } from './zone';

const H = 3_600_000;
const ZONES = [
  'Asia/Tokyo',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'UTC',
];

/** Local wall time of a civil date-time, as ms, for building expectations. */
const wall = (y: number, mo: number, d: number, h: number, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);

describe('zone offsets', () => {
  it('agree with luxon at random instants in DST and odd-offset zones', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (name, t) => {
          const z = zoneTable(name);
          expect(offsetAt(z, t) / 60_000).toBe(IANAZone.create(name).offset(t));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('switch exactly at the transition instant', () => {
    const ny = zoneTable('America/New_York');
    const spring = Date.parse('2026-03-08T07:00:00Z'); // 02:00 EST -> 03:00 EDT
    expect(offsetAt(ny, spring - 1)).toBe(-5 * H);
    expect(offsetAt(ny, spring)).toBe(-4 * H);
    const fall = Date.parse('2026-11-01T06:00:00Z'); // 02:00 EDT -> 01:00 EST
    expect(offsetAt(ny, fall - 1)).toBe(-4 * H);
    expect(offsetAt(ny, fall)).toBe(-5 * H);
  });

  it('map local dates in the zone, not on the machine', () => {
    const tokyo = zoneTable('Asia/Tokyo');
    const t = Date.parse('2026-11-27T16:00:00Z'); // Saturday 01:00 in Tokyo
    expect(localDayOf(tokyo, t)).toBe(Date.UTC(2026, 10, 28) / DAY_MS);
  });
});

describe('instants of a local wall-time range', () => {
  const ny = zoneTable('America/New_York');

  it('skip the missing hour on spring-forward day', () => {
    const out: number[] = [];
    instantsOfWall(ny, wall(2026, 3, 8, 1), wall(2026, 3, 8, 4), out);
    expect(mergePairs(out)).toEqual([Date.parse('2026-03-08T06:00:00Z'), Date.parse('2026-03-08T08:00:00Z')]);
  });

  it('include the repeated hour twice on fall-back day', () => {
    const out: number[] = [];
    instantsOfWall(ny, wall(2026, 11, 1, 0), wall(2026, 11, 1, 1, 30), out);
    expect(mergePairs(out)).toEqual([
      Date.parse('2026-11-01T04:00:00Z'),
      Date.parse('2026-11-01T05:30:00Z'),
      Date.parse('2026-11-01T06:00:00Z'),
      Date.parse('2026-11-01T06:30:00Z'),
    ]);
  });

  it('resolves a wall time in a gap to the end of the gap, in an overlap to its first occurrence', () => {
    expect(instantOfWall(ny, wall(2026, 3, 8, 2, 30))).toBe(Date.parse('2026-03-08T07:00:00Z'));
    expect(instantOfWall(ny, wall(2026, 11, 1, 1, 30))).toBe(Date.parse('2026-11-01T05:30:00Z'));
    expect(instantOfWall(zoneTable('Europe/Berlin'), wall(2026, 3, 29, 9))).toBe(
      Date.parse('2026-03-29T07:00:00Z'),
    );
  });
});
