import { describe, expect, it } from 'vitest';
import { escapeHtml, standaloneHtml } from './standalone';
import { safeFileName } from './files';

describe('the standalone report document', () => {
  it('escapes the shell’s values and keeps the stylesheet inside its <style>', () => {
    const html = standaloneHtml({
      lang: 'ja',
      title: '"><script>x</script>',
      body: '<p>ok</p>',
      css: 'p{color:red}</style><script>bad()</script>',
    });
    expect(html.startsWith('<!doctype html>\n<html lang="ja">')).toBe(true);
    expect(html).toContain('<title>&quot;&gt;&lt;script&gt;x&lt;/script&gt;</title>');
    expect(html).not.toMatch(/<\/style><script>/);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('file names keep letters of any script and lose folder characters', () => {
    expect(safeFileName('四半期レポート_Sakura Bank, Ltd._Q5_2026-09-01')).toBe(
      '四半期レポート_Sakura Bank_ Ltd._Q5_2026-09-01',
    );
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('<>:"|?*')).toBe('report');
  });
});
