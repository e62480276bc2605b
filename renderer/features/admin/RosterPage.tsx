// /roster: the duty-manager roster as weeks × duty managers, the gaps in business-hours
// coverage of the coming weeks (from the SLA engine's coverage, live: a shift or an absence
// recorded offline shows at once), adding and removing shifts (managers, administrators),
// and absences (a TAM their own; a manager their team's; an administrator anyone's).
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from 'luxon';
import type { Absence, DutyShift, User } from '../../../shared/model/entities';
import { coverageGaps } from '../../../shared/coverage/gaps';
import { formatDateTime, formatLocalDate, userTimeZone } from '../../format/datetime';
import { useConfirm } from '../../ui/Dialog';
import { mutate, useAbsences, useCustomers, useDutyRoster, useReplica, useUsers } from '../../replica';
import { customerName, Loading, NoReplica, useLocale, useMinuteNow } from '../../ui/common';
import { isManager, OutcomeLine, useActor, useOutcome } from './common';

const WEEKS = 4;

export function RosterPage() {
  const { t } = useTranslation('admin');
  const db = useReplica();
  const actor = useActor();
  const locale = useLocale();
  const now = useMinuteNow();
  const zone = userTimeZone();
  const weekStart = DateTime.fromMillis(now, { zone }).startOf('week');
  const from = weekStart.toMillis();
  const to = weekStart.plus({ weeks: WEEKS }).toMillis();
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  const shifts = useDutyRoster({ from: fromIso, to: toIso });
  const absences = useAbsences({
    from: weekStart.minus({ weeks: 1 }).toISODate()!,
    to: weekStart.plus({ weeks: 12 }).toISODate()!,
  });
  const users = useUsers();
  const customers = useCustomers();
  const { outcome, report } = useOutcome();
  const [confirm, confirmDialog] = useConfirm();

  const managers = useMemo(() => {
    const onRoster = new Set((shifts ?? []).map((s) => s.userId));
    return (users ?? []).filter((u) => u.role === 'manager' || onRoster.has(u.id));
  }, [users, shifts]);
  const gaps = useMemo(
    () =>
      customers && absences && shifts
        ? coverageGaps(customers, absences, shifts, Math.max(from, now), to)
        : [],
    [customers, absences, shifts, from, to, now],
  );

  if (!db) return <NoReplica titleId="roster-title" title={t('roster.title')} />;
  if (!shifts || !absences || !users || !customers) return <Loading />;
  const manages = isManager(actor);
  const weeks = Array.from({ length: WEEKS }, (_, i) => weekStart.plus({ weeks: i }));
  const range = (s: DutyShift) =>
    `${formatDateTime(s.startsAt, zone, locale)} – ${formatDateTime(s.endsAt, zone, locale)}`;
  const removeShift = async (s: DutyShift) => {
    const ok = await confirm({
      title: t('actions.confirmRemove', { name: range(s) }),
      confirmLabel: t('actions.remove'),
      danger: true,
    });
    if (!ok) return;
    report(await mutate('dutyShift.remove', { dutyShiftId: s.id }), t('actions.removed'));
  };

  return (
    <section className="ws-page" aria-labelledby="roster-title" data-testid="roster-page">
      <p className="ws-breadcrumb">
        <Link to="/customers">{t('import.kinds.customers')}</Link>
      </p>
      <h2 id="roster-title">{t('roster.title')}</h2>
      {!manages && <p className="muted">{t('roster.tamOnly')}</p>}
      <table className="ws-table" data-testid="roster-grid">
        <caption>{t('roster.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('roster.weeks')}</th>
            {managers.map((m) => (
              <th scope="col" key={m.id}>
                {m.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => {
            const a = w.toMillis();
            const b = w.plus({ weeks: 1 }).toMillis();
            return (
              <tr key={a}>
                <th scope="row">{t('roster.week', { date: formatLocalDate(w.toISODate()!, locale) })}</th>
                {managers.map((m) => {
                  const mine = shifts.filter(
                    (s) => s.userId === m.id && Date.parse(s.startsAt) < b && Date.parse(s.endsAt) > a,
                  );
                  return (
                    <td key={m.id}>
                      {mine.length === 0 ? (
                        t('roster.noShift')
                      ) : (
                        <ul>
                          {mine.map((s) => (
                            <li key={s.id}>
                              {range(s)}
                              {s.note && <span className="muted"> ({s.note})</span>}{' '}
                              {manages && (
                                <button
                                  type="button"
                                  aria-label={t('roster.removeShift', { range: range(s) })}
                                  onClick={() => void removeShift(s)}
                                >
                                  {t('actions.remove')}
                                </button>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('roster.gapsTitle')}</h3>
      {gaps.length === 0 ? (
        <p className="ws-ok" data-testid="roster-gaps-none">
          {t('roster.gapsNone')}
        </p>
      ) : (
        <ul className="ws-error" data-testid="roster-gaps">
          {gaps.map((g) => {
            const c = customers.find((x) => x.id === g.customerId);
            return (
              <li key={`${g.customerId}-${g.start}`}>
                {t('roster.gap', {
                  customer: c ? customerName(c, locale) : g.customerId,
                  from: formatDateTime(g.start, zone, locale),
                  to: formatDateTime(g.end, zone, locale),
                })}
              </li>
            );
          })}
        </ul>
      )}
      {manages && (
        <ShiftForm
          managers={(users ?? []).filter(
            (u) =>
              (u.role === 'manager' || u.role === 'admin') &&
              (actor?.role === 'admin' || u.team === actor?.team),
          )}
          onSaved={report}
        />
      )}
      <OutcomeLine outcome={outcome} testId="roster-outcome" />
      <Absences absences={absences} users={users} />
      {confirmDialog}
    </section>
  );
}

function ShiftForm({
  managers,
  onSaved,
}: {
  managers: User[];
  onSaved: ReturnType<typeof useOutcome>['report'];
}) {
  const { t } = useTranslation('admin');
  const base = useId();
  const [userId, setUserId] = useState(managers[0]?.id ?? '');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [note, setNote] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const s = DateTime.fromISO(start, { zone: userTimeZone() });
    const en = DateTime.fromISO(end, { zone: userTimeZone() });
    if (!s.isValid || !en.isValid) return;
    const ok = onSaved(
      await mutate('dutyShift.upsert', {
        id: crypto.randomUUID(),
        userId,
        startsAt: s.toISO()!,
        endsAt: en.toISO()!,
        note: note.trim() === '' ? null : note.trim(),
      }),
    );
    if (ok) {
      setStart('');
      setEnd('');
      setNote('');
    }
  };
  return (
    <form
      className="ws-form"
      aria-label={t('roster.addShift')}
      onSubmit={(e) => void submit(e)}
      data-testid="shift-form"
    >
      <h3>{t('roster.addShift')}</h3>
      <div className="ws-row">
        <div className="ws-field">
          <label htmlFor={`${base}-u`}>{t('roster.manager')}</label>
          <select id={`${base}-u`} value={userId} onChange={(e) => setUserId(e.target.value)}>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={`${base}-s`}>{t('roster.startsAt')}</label>
          <input
            id={`${base}-s`}
            type="datetime-local"
            value={start}
            required
            onChange={(e) => setStart(e.target.value)}
          />
        </div>
        <div className="ws-field">
          <label htmlFor={`${base}-e`}>{t('roster.endsAt')}</label>
          <input
            id={`${base}-e`}
            type="datetime-local"
            value={end}
            required
            onChange={(e) => setEnd(e.target.value)}
          />
        </div>
        <div className="ws-field">
          <label htmlFor={`${base}-n`}>{t('roster.note')}</label>
          <input id={`${base}-n`} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <button type="submit">{t('actions.add')}</button>
      </div>
    </form>
  );
}

function Absences({ absences, users }: { absences: Absence[]; users: User[] }) {
  const { t } = useTranslation('admin');
  const locale = useLocale();
  const actor = useActor();
  const base = useId();
  const { outcome, report } = useOutcome();
  const people = users.filter(
    (u) =>
      actor &&
      (actor.role === 'admin' || u.id === actor.id || (actor.role === 'manager' && u.team === actor.team)),
  );
  const [userId, setUserId] = useState(actor?.id ?? '');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [kind, setKind] = useState<Absence['kind']>('leave');
  const [note, setNote] = useState('');
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? id;
  const rangeOf = (a: Absence) =>
    `${formatLocalDate(a.startDate, locale)} – ${formatLocalDate(a.endDate, locale)}`;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!start) return;
    const ok = report(
      await mutate('absence.upsert', {
        id: crypto.randomUUID(),
        userId,
        startDate: start,
        endDate: end || start,
        kind,
        note: note.trim() === '' ? null : note.trim(),
      }),
    );
    if (ok) {
      setStart('');
      setEnd('');
      setNote('');
    }
  };
  return (
    <>
      <h3>{t('roster.absencesTitle')}</h3>
      {absences.length === 0 ? (
        <p className="muted">{t('roster.noAbsences')}</p>
      ) : (
        <ul data-testid="absences">
          {absences.map((a) => (
            <li key={a.id}>
              {nameOf(a.userId)}: {rangeOf(a)} ({t(`roster.kinds.${a.kind}`)})
              {a.note && <span className="muted"> {a.note}</span>}{' '}
              {people.some((p) => p.id === a.userId) && (
                <button
                  type="button"
                  aria-label={t('roster.removeAbsence', { name: nameOf(a.userId), range: rangeOf(a) })}
                  onClick={() =>
                    void mutate('absence.remove', { absenceId: a.id }).then((r) =>
                      report(r, t('actions.removed')),
                    )
                  }
                >
                  {t('actions.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className="ws-form"
        aria-label={t('roster.addAbsence')}
        onSubmit={(e) => void submit(e)}
        data-testid="absence-form"
      >
        <h3>{t('roster.addAbsence')}</h3>
        <div className="ws-row">
          <div className="ws-field">
            <label htmlFor={`${base}-p`}>{t('roster.person')}</label>
            <select id={`${base}-p`} value={userId} onChange={(e) => setUserId(e.target.value)}>
              {people.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="ws-field">
            <label htmlFor={`${base}-s`}>{t('roster.startDate')}</label>
            <input
              id={`${base}-s`}
              type="date"
              value={start}
              required
              onChange={(e) => setStart(e.target.value)}
            />
          </div>
          <div className="ws-field">
            <label htmlFor={`${base}-e`}>{t('roster.endDate')}</label>
            <input id={`${base}-e`} type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
          </div>
          <div className="ws-field">
            <label htmlFor={`${base}-k`}>{t('roster.kind')}</label>
            <select
              id={`${base}-k`}
              value={kind}
              onChange={(e) => setKind(e.target.value as Absence['kind'])}
            >
              {(['leave', 'sick', 'training', 'other'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`roster.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="ws-field">
            <label htmlFor={`${base}-n`}>{t('roster.note')}</label>
            <input id={`${base}-n`} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit">{t('actions.add')}</button>
        </div>
      </form>
      <OutcomeLine outcome={outcome} testId="absence-outcome" />
    </>
  );
}
