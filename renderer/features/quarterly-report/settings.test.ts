import { describe, expect, it } from 'vitest';
import { QUARTERLY_SECTIONS } from '../../../shared/reports/index';
import {
  loadSettings,
  moveSection,
  reportLocale,
  saveSettings,
  SETTINGS_KEY_PREFIX,
  STANDARD_SETTINGS,
  toggleSection,
} from './settings';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

describe('quarterly report settings per customer', () => {
  it('remembers each customer’s choice separately', () => {
    const storage = memoryStorage();
    saveSettings(storage, 'a', {
      sections: ['sla', 'summary'],
      locale: 'en',
      period: { kind: 'quarter', index: 3 },
    });
    saveSettings(storage, 'b', {
      sections: ['summary'],
      locale: null,
      period: { kind: 'custom', from: '2026-01-01', to: '2026-01-31' },
    });
    expect(loadSettings(storage, 'a')).toEqual({
      sections: ['sla', 'summary'],
      locale: 'en',
      period: { kind: 'quarter', index: 3 },
    });
    expect(loadSettings(storage, 'b').period).toEqual({
      kind: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(loadSettings(storage, 'c')).toEqual(STANDARD_SETTINGS);
  });

  it('falls back to the standard report on a damaged or foreign entry', () => {
    const storage = memoryStorage();
    storage.setItem(`${SETTINGS_KEY_PREFIX}x`, '{not json');
    expect(loadSettings(storage, 'x')).toEqual(STANDARD_SETTINGS);
    storage.setItem(
      `${SETTINGS_KEY_PREFIX}y`,
      JSON.stringify({ sections: ['summary', 'evil'], locale: 'fr', period: null }),
    );
    expect(loadSettings(storage, 'y')).toEqual(STANDARD_SETTINGS);
    storage.setItem(`${SETTINGS_KEY_PREFIX}z`, JSON.stringify({ sections: [], locale: null, period: null }));
    expect(loadSettings(storage, 'z')).toEqual(STANDARD_SETTINGS);
    expect(loadSettings(undefined, 'x')).toEqual(STANDARD_SETTINGS);
  });

  it('turns sections off and back on in the standard order, never the last one off', () => {
    let s = [...QUARTERLY_SECTIONS];
    s = toggleSection(s, 'requests');
    s = toggleSection(s, 'incidents');
    expect(s).toEqual(['summary', 'sla', 'healthChecks', 'nextSteps']);
    s = toggleSection(s, 'requests');
    expect(s).toEqual(['summary', 'sla', 'requests', 'healthChecks', 'nextSteps']);
    expect(toggleSection(['sla'], 'sla')).toEqual(['sla']);
  });

  it('moves a section up or down, not past the ends', () => {
    expect(moveSection(['summary', 'sla', 'nextSteps'], 'sla', -1)).toEqual(['sla', 'summary', 'nextSteps']);
    expect(moveSection(['summary', 'sla', 'nextSteps'], 'sla', 1)).toEqual(['summary', 'nextSteps', 'sla']);
    expect(moveSection(['summary', 'sla'], 'summary', -1)).toEqual(['summary', 'sla']);
    expect(moveSection(['summary', 'sla'], 'sla', 1)).toEqual(['summary', 'sla']);
  });

  it('writes the report in the chosen language, else the contact’s, else the user’s', () => {
    expect(reportLocale({ ...STANDARD_SETTINGS, locale: 'en' }, 'ja', 'ja')).toBe('en');
    expect(reportLocale(STANDARD_SETTINGS, 'ja', 'en')).toBe('ja');
    expect(reportLocale(STANDARD_SETTINGS, null, 'en')).toBe('en');
  });
});
