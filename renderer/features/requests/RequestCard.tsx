// One request: title, customer, product version, priority, current stage and since when,
// linked incident, and the action to move it to an allowed next stage.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer, Request, RequestStage } from '../../../shared/model/entities';
import { formatDateTime, userTimeZone } from '../../format/datetime';
import { customerName, Heading, useLocale, type HeadingLevel } from '../../ui/common';
import { AttachmentsPanel } from '../attachments';
import { AdvanceStageForm } from './AdvanceStageForm';
import { isFinalStage, stageSince } from './model';

export function RequestCard({
  request,
  customer,
  showCustomer,
  headingLevel = 5,
}: {
  request: Request;
  customer: Customer | undefined;
  showCustomer: boolean;
  headingLevel?: HeadingLevel;
}) {
  const { t } = useTranslation(['requests', 'glossary', 'attachments']);
  const locale = useLocale();
  const [advancing, setAdvancing] = useState(false);
  const [advanced, setAdvanced] = useState<RequestStage | null>(null);
  const [filesOpen, setFilesOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const since = stageSince(request);
  const zone = customer?.calendar.timeZone ?? userTimeZone();
  const titleId = `request-${request.id}-title`;
  return (
    <article
      className={`ws-card${request.priority === 'prioritised' ? ' ws-card-prioritised' : ''}`}
      aria-labelledby={titleId}
      data-testid="request-card"
    >
      <Heading level={headingLevel} id={titleId} className="ws-card-title">
        {request.title}
      </Heading>
      <p className="ws-card-meta">
        {request.priority === 'prioritised' && (
          <span className="ws-badge ws-badge-accent">{t('prioritised')}</span>
        )}
        <span className="ws-badge">{t(`glossary:requestType.${request.type}`)}</span>
        <span className="ws-badge ws-stage">{t(`glossary:requestStage.${request.stage}`)}</span>
      </p>
      <dl className="ws-dl ws-dl-compact">
        {showCustomer && customer && (
          <>
            <dt>{t('card.customer')}</dt>
            <dd>
              <Link to={`/customers/${customer.id}`}>{customerName(customer, locale)}</Link>
            </dd>
          </>
        )}
        <dt>{t('card.product')}</dt>
        <dd>
          {request.product} {request.productVersion}
        </dd>
        {since && (
          <>
            <dt>{t('card.since')}</dt>
            <dd>{formatDateTime(since, zone, locale)}</dd>
          </>
        )}
        {request.incidentId && (
          <>
            <dt>{t('card.incident')}</dt>
            <dd>
              <Link to={`/incidents/${request.incidentId}`}>{t('card.openIncident')}</Link>
            </dd>
          </>
        )}
      </dl>
      {advanced && (
        <p role="status" className="ws-ok">
          {t('advance.done', { stage: t(`glossary:requestStage.${advanced}`) })}
        </p>
      )}
      {isFinalStage(request) ? (
        <p className="muted">{t('card.final')}</p>
      ) : advancing ? (
        <AdvanceStageForm
          request={request}
          onDone={(to) => {
            setAdvancing(false);
            setAdvanced(to);
            // Back to where the user was.
            setTimeout(() => button.current?.focus(), 0);
          }}
        />
      ) : (
        <button
          type="button"
          ref={button}
          onClick={() => {
            setAdvanced(null);
            setAdvancing(true);
          }}
          aria-label={t('card.advanceLabel', { title: request.title })}
        >
          {t('card.advance')}
        </button>
      )}
      <details
        className="ws-request-attachments"
        onToggle={(e) => setFilesOpen((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>{t('attachments:title')}</summary>
        {filesOpen && <AttachmentsPanel target={{ customerId: request.customerId, requestId: request.id }} />}
      </details>
    </article>
  );
}
