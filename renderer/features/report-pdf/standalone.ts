// A report as one self-contained HTML document: the static markup of the report component
// (React escapes every value), the report stylesheet and the report font inlined. It is what
// the desktop prints to PDF in a window without JavaScript or network, and the HTML body of
// the e-mail file. Nothing here builds markup from strings except the document shell, whose
// two values (language, title) are escaped.
import type { ReactElement } from 'react';
import type { Locale } from '../../../shared/model/entities';
import { collectFontFaces, facesForText, inlineFontFaces } from './fonts';
import documentCss from './report-document.css?raw';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML (element content or a quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** A document's CSS must not close its <style> element. */
function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

export interface StandaloneParts {
  lang: Locale;
  title: string;
  /** Static markup of the report (React's renderToStaticMarkup). */
  body: string;
  /** @font-face rules (inlined fonts) and the report stylesheet. */
  css: string;
}

export function standaloneHtml({ lang, title, body, css }: StandaloneParts): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${styleText(css)}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
  ].join('\n');
}

/** Static markup of a report element (react-dom/server, loaded on first use). */
export async function staticMarkup(element: ReactElement): Promise<string> {
  const { renderToStaticMarkup } = await import('react-dom/server');
  return renderToStaticMarkup(element);
}

export interface RenderOptions {
  lang: Locale;
  title: string;
  /** Inline the report font (default true; off in tests and where no stylesheet carries it). */
  fonts?: boolean;
  doc?: Document;
  fetchFn?: (url: string) => Promise<Response>;
}

/** The whole document for a report element. */
export async function renderStandaloneReport(element: ReactElement, options: RenderOptions): Promise<string> {
  const body = await staticMarkup(element);
  let fontCss = '';
  if (options.fonts !== false) {
    const faces = facesForText(collectFontFaces(options.doc ?? document), `${options.title}${body}`);
    fontCss = await inlineFontFaces(faces, options.fetchFn);
  }
  return standaloneHtml({
    lang: options.lang,
    title: options.title,
    body,
    css: `${fontCss}\n${documentCss}`,
  });
}
