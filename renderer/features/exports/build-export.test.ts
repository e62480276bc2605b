// @vitest-environment node
// A customer's period exported as the panel does it: the XLSX read back with exceljs has the
// same incident rows (and SLA rows) as shared/analytics computes from the data; the CSV
// neutralises a hostile cell.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { incidentRows, slaResults } from '../../../shared/analytics/index';
import { customer, event, incident, uuid } from '../../../shared/analytics/testing/fixtures';
import { buildExport } from './ExportPanel';

const c = customer({ id: uuid('xc'), nameLatin: 'Sample Corporation' });
const period = { from: '2026-01-15', to: '2026-04-15' };
const HOSTILE = '=HYPERLINK("http://evil.example","click")';
const incidents = [
  ...Array.from({ length: 40 }, (_, i) =>
    incident({
      id: uuid(`x${i}`),
      customerId: c.id,
      severity: ((i % 4) + 1) as 1 | 2 | 3 | 4,
      receivedAt: new Date(Date.UTC(2026, 1, 2 + i, 1, 0)).toISOString(),
      firstResponseAt: i % 3 === 0 ? null : new Date(Date.UTC(2026, 1, 2 + i, 1, 10 + i)).toISOString(),
      resolvedAt: i % 5 === 0 ? new Date(Date.UTC(2026, 1, 3 + i, 1, 0)).toISOString() : null,
    }),
  ),
  incident({
    id: uuid('hostile'),
    customerId: c.id,
    severity: 3,
    receivedAt: '2026-03-02T10:00:00+09:00',
    title: HOSTILE,
  }),
  // Outside the period: not exported.
  incident({
    id: uuid('old'),
    customerId: c.id,
    severity: 2,
    receivedAt: '2025-12-01T10:00:00+09:00',
    firstResponseAt: '2025-12-01T10:10:00+09:00',
    resolvedAt: '2025-12-02T10:00:00+09:00',
  }),
];
const events = [event(uuid('e1'), uuid('x1'), c.id, '2026-02-03T12:00:00+09:00', { visibility: 'customer' })];
const words = { incidents: 'incidents', sla: 'sla-results', both: 'incidents-and-sla' };
const props = { customer: c, incidents, events, period, locale: 'en' as const };

describe('buildExport', () => {
  it('XLSX: the same incident rows as the data, and one SLA row per level', async () => {
    const progress: number[] = [];
    const built = await buildExport(
      'xlsx',
      props,
      { chunkSize: 7, onProgress: (done) => progress.push(done) },
      words,
    );
    expect(built.fileName).toBe('incidents-and-sla_Sample Corporation_2026-01-15_2026-04-14.xlsx');
    const expected = incidentRows({ customer: c, incidents, events, period, now: new Date().toISOString() });
    expect(built.rows).toBe(expected.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await built.blob.arrayBuffer());
    const sheet = wb.getWorksheet('Incidents')!;
    const got: Array<[string, string, number]> = [];
    sheet.eachRow((row, n) => {
      if (n > 1)
        got.push([String(row.getCell(1).value), String(row.getCell(2).value), Number(row.getCell(3).value)]);
    });
    expect(got).toEqual(expected.map((r) => [r.incidentId, r.title, r.severity]));
    expect(got.map((g) => g[0])).not.toContain(uuid('old'));
    const sla = wb.getWorksheet('SLA results')!;
    const results = slaResults({ customer: c, incidents, period, now: new Date().toISOString() });
    expect(sla.rowCount).toBe(5);
    expect(
      results.bySeverity.map((r, i) => [
        sla.getRow(i + 2).getCell(4).value,
        sla.getRow(i + 2).getCell(5).value,
      ]),
    ).toEqual(results.bySeverity.map((r) => [r.met, r.missed]));
    // Progress reached every row of both sheets.
    expect(progress[progress.length - 1]).toBe(expected.length + 4);
  });

  it('CSV: a hostile title becomes plain text', async () => {
    const built = await buildExport('incidentsCsv', props, {}, words);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await built.blob.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const run = buildExport(
      'incidentsCsv',
      props,
      { chunkSize: 1, signal: controller.signal, onProgress: (done) => done >= 3 && controller.abort() },
      words,
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
