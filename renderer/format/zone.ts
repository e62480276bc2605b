// A time zone as people read it: its city in the UI language and the offset at an instant,
// "東京 (UTC+9)" / "Tokyo (UTC+9)"; UTC itself is "UTC". Never the raw IANA id (the id stays
// for tooltips and exports). English takes the city from the IANA id; Japanese names the
// zones TAM customers and offices use, else the zone's generic name from Intl ("中部ヨーロッパ時間").
import { DateTime } from 'luxon';
import type { Locale } from '../i18n/locale';

const JA_CITIES: Readonly<Record<string, string>> = {
  'Asia/Tokyo': '東京',
  'Asia/Seoul': 'ソウル',
  'Asia/Shanghai': '上海',
  'Asia/Hong_Kong': '香港',
  'Asia/Taipei': '台北',
  'Asia/Singapore': 'シンガポール',
  'Asia/Bangkok': 'バンコク',
  'Asia/Ho_Chi_Minh': 'ホーチミン',
  'Asia/Jakarta': 'ジャカルタ',
  'Asia/Manila': 'マニラ',
  'Asia/Kuala_Lumpur': 'クアラルンプール',
  'Asia/Kolkata': 'コルカタ',
  'Asia/Dubai': 'ドバイ',
  'Australia/Sydney': 'シドニー',
  'Australia/Melbourne': 'メルボルン',
  'Pacific/Auckland': 'オークランド',
  'Pacific/Honolulu': 'ホノルル',
  'Europe/London': 'ロンドン',
  'Europe/Paris': 'パリ',
  'Europe/Berlin': 'ベルリン',
  'Europe/Amsterdam': 'アムステルダム',
  'Europe/Zurich': 'チューリッヒ',
  'Europe/Madrid': 'マドリード',
  'Europe/Rome': 'ローマ',
  'Europe/Stockholm': 'ストックホルム',
  'Europe/Moscow': 'モスクワ',
  'America/New_York': 'ニューヨーク',
  'America/Chicago': 'シカゴ',
  'America/Denver': 'デンバー',
  'America/Los_Angeles': 'ロサンゼルス',
  'America/Toronto': 'トロント',
  'America/Vancouver': 'バンクーバー',
  'America/Sao_Paulo': 'サンパウロ',
  'America/Mexico_City': 'メキシコシティ',
};

const UTC_IDS = /^(UTC|Etc\/(UTC|UCT|GMT|Zulu|Universal)|GMT|Z|Universal|Zulu)$/i;

function offsetOf(dt: DateTime): string {
  const minutes = dt.offset;
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const m = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`}`;
}

function cityOf(zone: string, locale: Locale): string {
  if (locale === 'ja') {
    const city = JA_CITIES[zone];
    if (city) return city;
    try {
      const name = new Intl.DateTimeFormat('ja-JP', { timeZone: zone, timeZoneName: 'longGeneric' })
        .formatToParts(new Date())
        .find((p) => p.type === 'timeZoneName')?.value;
      if (name && !/^GMT|^UTC/.test(name)) return name;
    } catch {
      // an id this runtime does not know: fall back to the id's city
    }
  }
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** "東京 (UTC+9)" / "Tokyo (UTC+9)" at `iso` (default now); "UTC" for UTC itself. */
export function formatZone(zone: string, iso: string | undefined, locale: Locale): string {
  if (UTC_IDS.test(zone)) return 'UTC';
  const base = iso ? DateTime.fromISO(iso, { setZone: true }) : DateTime.now();
  const dt = base.setZone(zone);
  const city = cityOf(zone, locale);
  return dt.isValid ? `${city} (${offsetOf(dt)})` : city;
}
