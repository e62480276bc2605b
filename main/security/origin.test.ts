import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, appOrigin } from './origin';

describe('appOrigin', () => {
  it('recognises app://tam URLs by parsing, not by prefix', () => {
    const { isAppUrl, entryUrl } = appOrigin();
    expect(entryUrl).toBe(APP_ENTRY_URL);
    expect(isAppUrl('app://tam/index.html')).toBe(true);
    expect(isAppUrl('app://tam/#/customers')).toBe(true);
    expect(isAppUrl('app://tam')).toBe(true);
    expect(isAppUrl('app://tam.evil.example/index.html')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://x@tam/index.html')).toBe(false);
    expect(isAppUrl('https://tam/index.html')).toBe(false);
    expect(isAppUrl('file:///app/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('in development trusts exactly the dev server origin', () => {
    const { isAppUrl, entryUrl } = appOrigin('http://localhost:5173/');
    expect(entryUrl).toBe('http://localhost:5173/');
    expect(isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAppUrl('http://localhost:5174/')).toBe(false);
    expect(isAppUrl('app://tam/index.html')).toBe(false);
  });
});
