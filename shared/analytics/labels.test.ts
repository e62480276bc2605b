import { describe, expect, it } from 'vitest';
import {
  ChannelSchema,
  ContractTierSchema,
  FindingSeveritySchema,
  FindingStatusSchema,
  IncidentStatusSchema,
  RequestStageSchema,
  RequestTypeSchema,
  TimelineKindSchema,
} from '../model/entities';
import { fillLabel, REPORT_LABELS } from './labels';
import { QUARTERLY_SECTIONS } from './quarterly-report';

/** Every leaf path of a nested object, e.g. 'severity.1'. */
function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('report labels', () => {
  it('has the same keys in Japanese and English, none empty', () => {
    const ja = leaves(REPORT_LABELS.ja);
    const en = leaves(REPORT_LABELS.en);
    expect(ja.map(([k]) => k)).toEqual(en.map(([k]) => k));
    for (const [key, value] of [...ja, ...en]) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: unknown) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const en = new Map(leaves(REPORT_LABELS.en));
    for (const [key, value] of leaves(REPORT_LABELS.ja)) expect(placeholders(value), key).toEqual(placeholders(en.get(key)));
  });

  it('names the contract levels as the brochure does', () => {
    expect(REPORT_LABELS.ja.severity).toEqual({ 1: 'レベル 1 クリティカル', 2: 'レベル 2 高', 3: 'レベル 3 中', 4: 'レベル 4 低い' });
    expect(REPORT_LABELS.en.severity[1]).toBe('Level 1 Critical');
  });

  it('labels every code of the model', () => {
    const cases: Array<[readonly string[], Record<string, string>]> = [
      [IncidentStatusSchema.options, REPORT_LABELS.ja.incidentStatus],
      [ChannelSchema.options, REPORT_LABELS.ja.channel],
      [ContractTierSchema.options, REPORT_LABELS.ja.tier],
      [RequestTypeSchema.options, REPORT_LABELS.ja.requestType],
      [RequestStageSchema.options, REPORT_LABELS.ja.requestStage],
      [FindingSeveritySchema.options, REPORT_LABELS.ja.findingSeverity],
      [FindingStatusSchema.options, REPORT_LABELS.ja.findingStatus],
      [TimelineKindSchema.options, REPORT_LABELS.ja.timelineKind],
      [QUARTERLY_SECTIONS, REPORT_LABELS.ja.sections],
    ];
    for (const [codes, labels] of cases) expect(Object.keys(labels).sort()).toEqual([...codes].sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillLabel(REPORT_LABELS.ja.header.quarter, { year: 2026, quarter: 4 })).toBe('2026年 第4四半期');
    expect(fillLabel(REPORT_LABELS.en.header.quarter, { year: 2026, quarter: 4 })).toBe('Q4 2026');
    expect(fillLabel('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });
});
