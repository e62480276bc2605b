// Reports are rendered as text too: the daily critical-incident report, built from a report
// model whose every user-entered field (customer names, incident title, timeline entries,
// request titles, the TAM's name) holds a hostile payload, is rendered to the self-contained
// HTML document the desktop prints to PDF and attaches to e-mails. Parsed back, the document
// has no element, attribute or script that came from the payloads, and shows each as text.
import { createElement } from 'react';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { buildDailyCriticalReport, type DailyCriticalReportInput } from '../../shared/reports/index';
import {
  customer,
  event,
  incident,
  report,
  request,
  user,
  uuid,
} from '../../shared/analytics/testing/fixtures';
import { DailyCriticalDocument } from '../../renderer/features/report-pdf/DailyCriticalDocument';
import { renderStandaloneReport } from '../../renderer/features/report-pdf/standalone';
import { HTML_META } from './support/hostile';

/** Payloads that leave a trace (an element, an attribute, a script) if they ever become markup. */
const PAYLOADS = [
  ...HTML_META,
  '</title><script>window.__xss=1</script>',
  '</style><img src=x onerror=alert(1)>',
  '<!--',
  ']]><svg/onload=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>body{display:none}</style>',
];

function inputWith(text: string, locale: 'ja' | 'en'): DailyCriticalReportInput {
  const tam = user(uuid('tam-h'), `TAM ${text}`);
  const c = customer({
    id: uuid('c-h'),
    tamId: tam.id,
    nameJa: `株式会社 ${text}`,
    nameLatin: `Corp ${text}`,
  });
  const critical = incident({
    id: uuid('i-h'),
    customerId: c.id,
    severity: 1,
    channel: 'phone',
    receivedAt: '2026-03-04T09:00:00+09:00',
    firstResponseAt: '2026-03-04T09:20:00+09:00',
    title: text,
  });
  return {
    customer: c,
    incident: critical,
    events: [
      event(uuid('e1'), critical.id, c.id, '2026-03-04T09:20:00+09:00', {
        kind: 'response',
        isAnswer: true,
        body: text,
      }),
      event(uuid('e2'), critical.id, c.id, '2026-03-04T12:00:00+09:00', {
        kind: 'call',
        authorId: tam.id,
        body: text,
      }),
      event(uuid('e3'), critical.id, c.id, '2026-03-04T13:00:00+09:00', {
        kind: 'vendor_update',
        body: text,
      }),
    ],
    reportLog: [
      report(uuid('r1'), c.id, {
        kind: 'daily',
        incidentId: critical.id,
        sentAt: '2026-03-04T10:00:00+09:00',
        via: 'email',
        periodStart: '2026-03-04',
        periodEnd: '2026-03-04',
        note: text,
      }),
    ],
    users: [tam],
    requests: [
      request(uuid('q1'), c.id, 'signature_release', [['submitted', '2026-03-04T11:00:00+09:00']], {
        incidentId: critical.id,
        title: text,
      }),
    ],
    locale,
    now: '2026-03-04T15:00:00+09:00',
  };
}

describe('the daily critical-incident report document', () => {
  it.each(PAYLOADS)('renders %j as text, never as markup', async (text) => {
    for (const locale of ['ja', 'en'] as const) {
      const model = buildDailyCriticalReport(inputWith(text, locale));
      const html = await renderStandaloneReport(createElement(DailyCriticalDocument, { report: model }), {
        lang: locale,
        title: `Report ${text}`,
        fonts: false,
      });
      const window = new Window();
      const { document } = window;
      document.write(html);
      // Exactly one title and one style element (the document's), no script, no foreign element.
      expect(
        document.querySelectorAll('script, img, svg, iframe, meta[http-equiv], base, link, object, embed')
          .length,
        html.slice(0, 300),
      ).toBe(0);
      expect(document.querySelectorAll('title').length).toBe(1);
      expect(document.querySelectorAll('style').length).toBe(1);
      expect(document.title).toBe(`Report ${text}`);
      for (const el of document.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames())
          expect(attr.startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
        if (el.tagName === 'A') expect(el.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
      }
      // The payload is there, as text.
      expect(document.body.textContent).toContain(text);
      await window.happyDOM.close();
    }
  });
});
