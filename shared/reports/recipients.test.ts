import { describe, expect, it } from 'vitest';
import { reportRecipients } from './recipients';

const c = (name: string, isPrimary: boolean, receivesReports?: boolean, deleted = false) => ({
  name,
  isPrimary,
  receivesReports,
  deleted,
});

describe('reportRecipients', () => {
  it('addresses the contacts that receive reports, primary first', () => {
    expect(
      reportRecipients([c('a', false, true), c('b', true, false), c('p', true, true)]).map((x) => x.name),
    ).toEqual(['p', 'a']);
  });
  it('falls back to the primary contact, then the first, when nobody is marked (older rows)', () => {
    expect(reportRecipients([c('a', false), c('b', true)]).map((x) => x.name)).toEqual(['b']);
    expect(reportRecipients([c('a', false), c('b', false, false)]).map((x) => x.name)).toEqual(['a']);
    expect(reportRecipients([c('gone', true, true, true)])).toEqual([]);
  });
});
