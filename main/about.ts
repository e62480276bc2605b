// The About dialog's text: versions of the app and its runtime, and the licences of what the
// app bundles beyond its own code (the Japanese font, the public-holiday data).
import { SHELL_STRINGS, type ShellLanguage } from './menu/strings';

export interface AboutVersions {
  version: string;
  electron: string;
  chrome: string;
  node: string;
}

export const BUNDLED_LICENCES = [
  'Noto Sans JP (Google, via @fontsource/noto-sans-jp): SIL Open Font License 1.1 — https://openfontlicense.org',
  'date-holidays (commenthol): ISC licence; holiday data CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/), compiled from Wikipedia articles by the date-holidays contributors',
  'Electron, Chromium and Node.js: MIT and BSD-style licences (see LICENSES.chromium.html in the installation folder)',
] as const;

export function aboutDialog(
  language: ShellLanguage,
  versions: AboutVersions,
): { title: string; message: string; detail: string; buttons: string[] } {
  const s = SHELL_STRINGS[language];
  return {
    title: s.about,
    message: s.appName,
    detail: `${s.aboutDetail(versions)}\n\n${s.aboutLicences}:\n${BUNDLED_LICENCES.map((l) => `• ${l}`).join('\n')}`,
    buttons: [s.ok],
  };
}
