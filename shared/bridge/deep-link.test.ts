import { describe, expect, it } from 'vitest';
import { deepLinkPath, deepLinkUrl, findDeepLink, parseDeepLink } from './deep-link';

const ID = '2b7e1516-28ae-4d2a-abf7-158809cf4f3c';

describe('parseDeepLink', () => {
  it('reads incident and customer links', () => {
    expect(parseDeepLink(`tam-workstation://incident/${ID}`)).toEqual({ kind: 'incident', id: ID });
    expect(parseDeepLink(`tam-workstation://customer/${ID}/`)).toEqual({ kind: 'customer', id: ID });
    expect(parseDeepLink(`TAM-Workstation://Incident/${ID.toUpperCase()}`)).toEqual({
      kind: 'incident',
      id: ID,
    });
  });

  it.each([
    [`https://incident/${ID}`],
    [`tam-workstation:incident/${ID}`],
    [`tam-workstation://incident/${ID}?token=x`],
    [`tam-workstation://incident/${ID}#x`],
    [`tam-workstation://incident/${ID}/timeline`],
    [`tam-workstation://incident/../customer/${ID}`],
    [`tam-workstation://incident/%2e%2e%2f${ID.slice(9)}`],
    [`tam-workstation://user:pw@incident/${ID}`],
    [`tam-workstation://incident:80/${ID}`],
    [`tam-workstation://settings/${ID}`],
    [`tam-workstation://incident/not-a-uuid`],
    [`tam-workstation://incident/${ID}${'0'.repeat(300)}`],
    [`tam-workstation://incident/${ID}\n`],
    [` tam-workstation://incident/${ID}`],
    [`javascript:alert(1)//tam-workstation://incident/${ID}`],
    ['tam-workstation://incident/'],
    [''],
  ])('refuses %j', (url) => {
    expect(parseDeepLink(url)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 1, {}, [`tam-workstation://incident/${ID}`]])
      expect(parseDeepLink(value)).toBeNull();
  });
});

describe('findDeepLink', () => {
  it('finds the link among the arguments of a second start', () => {
    expect(
      findDeepLink([
        '/opt/TAM Workstation/tam-workstation',
        '--no-sandbox',
        `tam-workstation://customer/${ID}`,
      ]),
    ).toEqual({ kind: 'customer', id: ID });
    expect(findDeepLink(['app', 'tam-workstation://evil/x', `tam-workstation://incident/${ID}`])).toEqual({
      kind: 'incident',
      id: ID,
    });
    expect(findDeepLink(['app', '--flag'])).toBeNull();
  });
});

describe('deepLinkPath / deepLinkUrl', () => {
  it('maps to the app routes and back to a link', () => {
    expect(deepLinkPath({ kind: 'incident', id: ID })).toBe(`/incidents/${ID}`);
    expect(deepLinkPath({ kind: 'customer', id: ID })).toBe(`/customers/${ID}`);
    expect(parseDeepLink(deepLinkUrl({ kind: 'customer', id: ID }))).toEqual({ kind: 'customer', id: ID });
  });
});
