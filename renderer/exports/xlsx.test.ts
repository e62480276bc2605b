// @vitest-environment node
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { IncidentRow } from '../../shared/analytics/index';
import { exportXlsx } from './xlsx';
import type { XlsxExportInput } from './xlsx';
import { incidentRow, incidentRowsOf, responseTimes, slaResults } from './test-rows';

async function readBack(blob: Blob): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await blob.arrayBuffer());
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The customer's wall-clock time as a Date with those UTC fields, computed by hand here. */
const wall = (iso: string, offsetHours: number) => new Date(Date.parse(iso) + offsetHours * 3_600_000);

const base = (incidents: IncidentRow[]): XlsxExportInput => ({
  incidents,
  slaResults,
  responseTimes,
  locale: 'ja',
  timeZone: 'Asia/Tokyo',
});

describe('exportXlsx', { timeout: 60_000 }, () => {
  it('has the same incident rows as the data, typed: dates in the customer’s zone, numbers as numbers', async () => {
    const data = [
      ...incidentRowsOf(620),
      incidentRow(620, {
        title: '=HYPERLINK("http://evil.example","x")',
        firstResponseAt: null,
        responseMs: null,
        slaState: 'running',
        outcome: null,
      }),
    ];
    const ws = sheet(await readBack(await exportXlsx(base(data))), 'インシデント');
    expect(ws.rowCount).toBe(data.length + 1);
    expect(ws.getRow(1).getCell(2).value).toBe('件名');
    expect(ws.getRow(1).getCell(7).value).toBe('受付日時（Asia/Tokyo）');
    data.forEach((row, i) => {
      const r = ws.getRow(i + 2);
      expect(r.getCell(1).value).toBe(row.incidentId);
      expect(r.getCell(2).value).toBe(row.title);
      expect(r.getCell(3).value).toBe(2);
      // Tokyo is UTC+9 all year.
      expect(r.getCell(7).value).toEqual(wall(row.receivedAt, 9));
    });
    const first = ws.getRow(2);
    expect(first.getCell(5).value).toBe('優先電話回線');
    expect(first.getCell(7).value).toEqual(new Date('2026-03-02T10:00:00.000Z'));
    expect(first.getCell(7).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(first.getCell(15).value).toBe(240); // target, minutes
    expect(first.getCell(16).value).toBe(20); // response time, minutes
    const hostile = ws.getRow(data.length + 1);
    expect(hostile.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(hostile.getCell(2).value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(hostile.getCell(10).value).toBeNull(); // no first answer
    expect(hostile.getCell(12).value).toBe('計測中');
  });

  it('styles, freezes and filters the header row', async () => {
    const ws = sheet(await readBack(await exportXlsx(base(incidentRowsOf(3)))), 'インシデント');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.autoFilter).toBeTruthy();
  });

  it('has a sheet of SLA results per level', async () => {
    const ws = sheet(await readBack(await exportXlsx(base([]))), 'SLA 実績');
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '重要度',
      '目標時間（分）',
      '計測方法',
      '達成',
      '未達',
      '超過（未回答）',
      '対象件数',
      '達成率 (%)',
      '回答時間 中央値（分）',
      '回答時間 90 パーセンタイル（分）',
    ]);
    expect(ws.getRow(2).values).toEqual([
      undefined,
      'レベル 1 クリティカル',
      30,
      '暦時間（24 時間 365 日）',
      2,
      1,
      0,
      3,
      66.67,
      12,
      45,
    ]);
    expect(ws.getRow(5).getCell(1).value).toBe('レベル 4 低');
    expect(ws.getRow(5).getCell(8).value).toBeNull();
  });

  it('uses English sheet names and headers, and New York wall-clock times across DST', async () => {
    // Mar 9 2026 is after the US switch to EDT (UTC-4) on Mar 8; Mar 2 is EST (UTC-5).
    const rows = [
      incidentRow(0),
      incidentRow(0, { incidentId: 'later', receivedAt: '2026-03-09T13:00:00.000Z' }),
    ];
    const workbook = await readBack(
      await exportXlsx({ ...base(rows), locale: 'en', timeZone: 'America/New_York' }),
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Incidents', 'SLA results']);
    const ws = sheet(workbook, 'Incidents');
    expect(ws.getRow(1).getCell(7).value).toBe('Received (America/New_York)');
    expect(ws.getRow(2).getCell(7).value).toEqual(new Date('2026-03-01T20:00:00.000Z'));
    expect(ws.getRow(3).getCell(7).value).toEqual(new Date('2026-03-09T09:00:00.000Z'));
  });

  it('reports progress over both sheets', async () => {
    const progress: Array<[number, number]> = [];
    await exportXlsx(base(incidentRowsOf(1100)), { onProgress: (d, t) => progress.push([d, t]) });
    expect(progress).toEqual([
      [500, 1104],
      [1000, 1104],
      [1100, 1104],
      [1104, 1104],
    ]);
  });

  it('rejects with an AbortError when cancelled mid-way, after the progress made so far', async () => {
    const controller = new AbortController();
    const progress: Array<[number, number]> = [];
    const exporting = exportXlsx(base(incidentRowsOf(1500)), {
      signal: controller.signal,
      chunkSize: 400,
      onProgress: (d, t) => {
        progress.push([d, t]);
        if (d >= 800) controller.abort();
      },
    });
    await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([
      [400, 1504],
      [800, 1504],
    ]);
  });
});
