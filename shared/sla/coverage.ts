// Who answers the customer at a given instant, and until when. The TAM answers during the
// customer's business hours (their calendar, in their zone) unless on leave; otherwise the
// duty manager on the roster does. Out of hours the contract also requires the phone line.
import { compileCalendar, isOpenCompiled, nextClosingCompiled, nextOpeningCompiled } from './business-time';
import type { CompiledCalendar } from './business-time';
import { issuesFromZod, SlaInputError } from './errors';
import { formatInstant, parseInstant } from './instant';
import { CoverageInputSchema } from './schemas';
import type { CoverageInput } from './schemas';
import { offsetAt } from './zone';

export type CoverageReason = 'business_hours' | 'outside_business_hours' | 'tam_on_leave';

export interface Coverage {
  answerer: 'tam' | 'duty_manager';
  /** The TAM, the rostered duty manager, or null when no duty manager is rostered (a gap). */
  userId: string | null;
  reason: CoverageReason;
  /** Outside business hours the customer must call the priority phone line. */
  phoneOnly: boolean;
  /** The next instant at which the answering person changes; null if none is foreseeable. */
  until: string | null;
}

interface Span {
  start: number;
  end: number;
}

interface Shift extends Span {
  userId: string;
}

// Enough to walk across weeks of calendar changes while looking for the next handover.
const MAX_STEPS = 2000;

function evaluate(
  cal: CompiledCalendar,
  tamUserId: string,
  leave: readonly Span[],
  roster: readonly Shift[],
  t: number,
): Omit<Coverage, 'until'> {
  const open = isOpenCompiled(cal, t);
  const onLeave = leave.some((l) => l.start <= t && t < l.end);
  if (open && !onLeave)
    return { answerer: 'tam', userId: tamUserId, reason: 'business_hours', phoneOnly: false };
  // Overlapping shifts: the one that started last has taken over (ties: later in the list).
  let duty: Shift | undefined;
  for (const s of roster) {
    if (s.start <= t && t < s.end && (duty === undefined || s.start >= duty.start)) duty = s;
  }
  return {
    answerer: 'duty_manager',
    userId: duty?.userId ?? null,
    reason: open ? 'tam_on_leave' : 'outside_business_hours',
    phoneOnly: !open,
  };
}

function calendarChangeAfter(cal: CompiledCalendar, t: number): number {
  try {
    return isOpenCompiled(cal, t) ? nextClosingCompiled(cal, t) : nextOpeningCompiled(cal, t);
  } catch {
    return Infinity; // the calendar never opens again within the search horizon
  }
}

/**
 * Who answers the customer at `input.at`. Leave and shifts are instants [start, end).
 * @throws SlaInputError on invalid input.
 */
export function coverageAt(input: CoverageInput): Coverage {
  const parsed = CoverageInputSchema.safeParse(input);
  if (!parsed.success) throw new SlaInputError(issuesFromZod(parsed.error), 'coverage input');
  const { tamUserId } = parsed.data;
  const cal = compileCalendar(parsed.data.calendar);
  const leave = parsed.data.leave.map((l) => ({ start: parseInstant(l.start), end: parseInstant(l.end) }));
  const roster = parsed.data.roster.map((s) => ({
    userId: s.userId,
    start: parseInstant(s.start),
    end: parseInstant(s.end),
  }));
  const at = parseInstant(parsed.data.at);
  const boundaries = [...leave, ...roster].flatMap((s) => [s.start, s.end]).sort((a, b) => a - b);

  const now = evaluate(cal, tamUserId, leave, roster, at);
  let t = at;
  let until: number | null = null;
  for (let step = 0; step < MAX_STEPS; step++) {
    let next = calendarChangeAfter(cal, t);
    for (const b of boundaries) {
      if (b > t) {
        if (b < next) next = b;
        break;
      }
    }
    if (next === Infinity) break;
    const then = evaluate(cal, tamUserId, leave, roster, next);
    if (then.answerer !== now.answerer || then.userId !== now.userId) {
      until = next;
      break;
    }
    t = next;
  }
  return { ...now, until: until === null ? null : formatInstant(until, offsetAt(cal.zone, until)) };
}
