// Which URLs are "the app". The renderer is served from app://tam/ (or, in development,
// from a dev server on localhost); everything else is foreign content.

export const APP_SCHEME = 'app';
export const APP_HOST = 'tam';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface AppOrigin {
  /** The URL the window loads. */
  entryUrl: string;
  /** True for a URL of the app's own origin (parsed, never prefix-compared). */
  isAppUrl(url: string): boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function appOrigin(devUrl?: string): AppOrigin {
  if (devUrl) {
    const dev = new URL(devUrl);
    return {
      entryUrl: dev.href,
      isAppUrl: (url) => parse(url)?.origin === dev.origin,
    };
  }
  return {
    entryUrl: APP_ENTRY_URL,
    // URL.origin is "null" for non-special schemes such as app:, so compare the parts.
    isAppUrl: (url) => {
      const u = parse(url);
      return (
        u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password
      );
    },
  };
}
