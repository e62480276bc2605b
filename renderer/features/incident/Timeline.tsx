// The incident's timeline, oldest first, filtered by visibility. A closed incident's timeline
// may not be on this computer yet: it is downloaded on demand (useTimeline) and a loading
// state shows meanwhile.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent, User, Visibility } from '../../../shared/model/entities';
import { DualTime } from './parts';

type Filter = 'all' | Visibility;

export function Timeline({
  events,
  complete,
  zone,
  users,
}: {
  events: readonly TimelineEvent[] | undefined;
  complete: boolean | undefined;
  zone: string;
  users: Map<string, User> | undefined;
}) {
  const { t } = useTranslation(['incident', 'glossary']);
  const id = useId();
  const [filter, setFilter] = useState<Filter>('all');
  const shown = (events ?? []).filter((e) => filter === 'all' || e.visibility === filter);
  const loading =
    events === undefined || complete === undefined || (complete === false && (events?.length ?? 0) === 0);

  return (
    <section className="ws-panel" aria-labelledby={`${id}-title`}>
      <div className="ws-panel-head">
        <h3 id={`${id}-title`}>{t('timeline.title')}</h3>
        <fieldset className="ws-segmented">
          <legend className="ws-visually-hidden">{t('timeline.filter')}</legend>
          {(['all', 'customer', 'internal'] as const).map((f) => (
            <label key={f} className={filter === f ? 'ws-seg-on' : undefined}>
              <input
                type="radio"
                name={`${id}-filter`}
                value={f}
                checked={filter === f}
                onChange={() => setFilter(f)}
              />
              {t(`timeline.${f}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {loading ? (
        <p role="status" className="ws-loading" data-testid="timeline-loading">
          {t('timeline.loading')}
        </p>
      ) : (
        <>
          {complete === false && (
            <p role="status" className="muted">
              {t('timeline.partial')}
            </p>
          )}
          {shown.length === 0 ? (
            <p className="muted">{t('timeline.empty')}</p>
          ) : (
            <ol className="ws-timeline" data-testid="timeline">
              {shown.map((e) => (
                <li
                  key={e.id}
                  className={`ws-event ws-event-${e.kind} ws-vis-${e.visibility}`}
                  data-kind={e.kind}
                  data-testid="timeline-event"
                >
                  <div className="ws-event-head">
                    <strong>{t(`glossary:timelineKind.${e.kind}`)}</strong>
                    {e.isAnswer && <span className="ws-badge ws-sla-met">{t('timeline.answer')}</span>}
                    <span className="ws-badge">{t(`timeline.visibility.${e.visibility}`)}</span>
                    <span className="muted ws-small">
                      {t('timeline.by', { name: users?.get(e.authorId)?.name ?? '—' })}
                    </span>
                  </div>
                  <div className="ws-small">
                    <DualTime iso={e.at} zone={zone} />
                  </div>
                  {e.body && <p className="ws-event-body">{e.body}</p>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
