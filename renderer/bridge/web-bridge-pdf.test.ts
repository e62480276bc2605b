// The web bridge's report methods: same validation as the desktop, and an honest error value
// (no PDF engine in a browser page) that tells the user what to do instead.
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeContractError } from '../../shared/bridge/errors';
import { createWebBridge, type WebBridge } from './web-bridge';

let bridge: WebBridge | null = null;
afterEach(() => {
  bridge?.dispose();
  bridge = null;
});

function make(): WebBridge {
  bridge = createWebBridge({
    fetch: async () => new Response('{}', { status: 404 }),
    storage: localStorage,
    notifications: null,
  });
  return bridge;
}

const HTML = '<!doctype html><html><body><p>Report</p></body></html>';

describe('web bridge: savePdf / renderPdf', () => {
  it('answers pdf-unavailable as a value, pointing to printing', async () => {
    const b = make();
    const saved = await b.savePdf({ html: HTML, fileName: 'report.pdf' });
    expect(saved).toMatchObject({ ok: false, error: { code: 'pdf-unavailable' } });
    if (!saved.ok) expect(saved.error.message).toMatch(/Save as PDF/);
    expect(await b.renderPdf({ html: HTML })).toMatchObject({
      ok: false,
      error: { code: 'pdf-unavailable' },
    });
  });

  it('refuses payloads outside the contract exactly like the desktop', async () => {
    const b = make();
    await expect(b.savePdf({ html: '<!doctype html><script>1</script>', fileName: 'r.pdf' })).rejects.toThrow(
      BridgeContractError,
    );
    await expect(b.savePdf({ html: HTML, fileName: '../r.pdf' })).rejects.toThrow(BridgeContractError);
    await expect(
      (b.renderPdf as (...a: unknown[]) => Promise<unknown>)({ html: HTML }, 'extra'),
    ).rejects.toThrow(BridgeContractError);
  });
});
