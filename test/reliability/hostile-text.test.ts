// Text entered by users stays text in what the app sends out: the daily report (its draft,
// the .eml file, the mailto: link) and the CSV export. (The views in the window are checked in
// Chromium by test/e2e/hostile-text.spec.ts.) And, by construction, nothing in the renderer
// or shared code turns a string into markup or code.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Customer, Incident, TimelineEvent } from '../../shared/model/entities';
import { mailtoUrl } from '../../shared/reports/daily/draft';
import { buildDailyDraft } from '../../renderer/features/daily-report/draft';
import { exportIncidentsCsv } from '../../renderer/exports/csv';
import { incidentRow } from '../../renderer/exports/test-rows';
import { buildDraftEml } from '../../renderer/features/daily-report/eml';
import { HTML_META } from './support/hostile';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const U = '00000000-0000-4000-8000-0000000000aa';
const env = (id: string) => ({ id, version: 1, updatedAt: '2026-11-26T00:00:00Z', deleted: false });

/** Header injection (a line break followed by a header), markup, and both. */
const HOSTILE = [
  'Outage\r\nBcc: attacker@evil.example',
  'Outage\nBcc: attacker@evil.example\n\n<script>alert(1)</script>',
  '停止\r\nContent-Type: text/html\r\n\r\n<img src=x onerror=alert(1)>',
  ...HTML_META,
];

function fixture(text: string) {
  const customer: Customer = {
    ...env('cust-1'),
    nameJa: `株式会社 ${text}`,
    nameLatin: `Sakura ${text}`,
    contractTier: 'msa_enterprise',
    supportPolicyId: 'msa-enterprise',
    contractStart: '2025-09-01',
    contractEnd: '2028-08-31',
    calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
    tamId: U,
    backupTamId: null,
    team: 't',
  };
  const incident: Incident = {
    ...env('inc-1'),
    customerId: 'cust-1',
    title: text,
    description: text,
    severity: 1,
    channel: 'phone',
    status: 'in_progress',
    receivedAt: '2026-11-26T01:00:00Z',
    firstResponseAt: '2026-11-26T01:20:00Z',
    resolvedAt: null,
    severityHistory: [{ severity: 1, at: '2026-11-26T01:00:00Z', by: U }],
    createdBy: U,
  };
  const event: TimelineEvent = {
    ...env('ev-1'),
    incidentId: 'inc-1',
    customerId: 'cust-1',
    kind: 'call',
    at: '2026-11-26T02:00:00Z',
    authorId: U,
    body: text,
    visibility: 'customer',
    isAnswer: false,
    meta: null,
  };
  return { customer, incident, events: [event] };
}

/** The header block of a raw message, unfolded into one entry per header. */
function headersOf(raw: string): string[] {
  const head = raw.split('\r\n\r\n')[0] ?? '';
  return head.split('\r\n').reduce<string[]>((out, line) => {
    if (/^[ \t]/.test(line) && out.length > 0) out[out.length - 1] += line.trim();
    else out.push(line);
    return out;
  }, []);
}

describe('daily report: user text stays text', () => {
  it.each(HOSTILE)(
    '%j in title, names and notes: no injected header, the body says exactly the text',
    (text) => {
      const f = fixture(text);
      for (const locale of ['ja', 'en'] as const) {
        const draft = buildDailyDraft({
          locale,
          customer: f.customer,
          incident: f.incident,
          events: f.events,
          reports: [],
          now: '2026-11-26T03:00:00Z',
          contact: { name: text, nameLatin: text },
          author: text,
        });
        expect(draft.body).toContain(text.split(/\r?\n/)[0]);
        const raw = buildDraftEml({
          from: { name: text, addr: 'tam@example.com' },
          to: [{ name: text, addr: 'it@example.com' }],
          subject: draft.subject,
          body: draft.body,
        });
        const headers = headersOf(raw);
        const names = headers.map((h) => h.split(':')[0]!.toLowerCase());
        // Exactly the headers the app writes, each once: nothing smuggled in by a line break.
        expect(names.sort()).toEqual([
          'content-transfer-encoding',
          'content-type',
          'date',
          'from',
          'message-id',
          'mime-version',
          'subject',
          'to',
          'x-unsent',
        ]);
        expect(headers.find((h) => h.toLowerCase().startsWith('content-type'))).toMatch(
          /^Content-Type: text\/plain; charset=UTF-8$/i,
        );
        // The body is the draft, base64: decoded, byte for byte (line ends as CRLF).
        const body = Buffer.from(
          raw.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\s+/g, ''),
          'base64',
        ).toString('utf8');
        expect(body).toBe(draft.body.replace(/\r?\n/g, '\r\n'));
        // mailto: only subject and body, each the whole text, percent-encoded.
        const url = new URL(mailtoUrl({ to: ['it@example.com'], subject: draft.subject, body: draft.body }));
        expect([...url.searchParams.keys()]).toEqual(['subject', 'body']);
        expect(url.searchParams.get('subject')).toBe(draft.subject);
        expect(url.searchParams.get('body')).toBe(draft.body.replace(/\r?\n/g, '\r\n'));
      }
    },
  );
});

describe('CSV export: user text stays text', () => {
  it('writes markup as plain text and neutralises formulas, whatever the title', async () => {
    const titles = [
      '=HYPERLINK("http://evil.example","x")',
      "+cmd|' /C calc'!A0",
      '@SUM(A1)',
      '-2+3',
      ...HOSTILE,
    ];
    const csv = await (
      await exportIncidentsCsv({
        incidents: titles.map((title, i) => incidentRow(i, { title })),
        locale: 'en',
        timeZone: 'Asia/Tokyo',
      })
    ).text();
    for (const title of titles) {
      const cell = /^[=+\-@\t\r]/.test(title) ? `'${title}` : title;
      // Quoted per RFC 4180 where needed; the content is the title itself.
      expect(csv.includes(cell) || csv.includes(`"${cell.replace(/"/g, '""')}"`), title).toBe(true);
    }
  });
});

describe('no code path turns a string into markup or code', () => {
  // React escapes every string it renders; these are the ways around it.
  const SINKS =
    /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|srcdoc|createContextualFragment|DOMParser/;

  function sources(dir: string): string[] {
    const out: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) out.push(...sources(full));
      else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
    }
    return out;
  }

  it('renderer/ and shared/ use none of the HTML or code sinks', () => {
    const files = [...sources(join(ROOT, 'renderer')), ...sources(join(ROOT, 'shared'))];
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => SINKS.test(line) && !/^\s*(\/\/|\*)/.test(line))
        .map(({ line, i }) => `${relative(ROOT, file)}:${i + 1}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });
});
