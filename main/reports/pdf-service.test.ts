// The report PDF service against fake Electron objects: the print window's options, the
// locked-down session, the temp file's life, the save dialog and the errors as values.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBridgeArgs } from '../../shared/bridge/contract';
import type { pdfWindowOptions } from './pdf-service';
import {
  createPdfService,
  isAllowedPdfRequest,
  PDF_PARTITION,
  PRINT_TO_PDF_OPTIONS,
  withPdfExtension,
  type PdfServiceDeps,
  type PdfSessionLike,
  type PdfWindowLike,
  type SaveDialogOptions,
} from './pdf-service';

const HTML = '<!doctype html><html lang="ja"><body><h1>株式会社さくら銀行</h1></body></html>';
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'tam-pdf-test-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function fakeSession() {
  const s = {
    permissionRequest: null as null | ((wc: unknown, p: string, cb: (g: boolean) => void) => void),
    permissionCheck: null as null | (() => boolean),
    beforeRequest: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  };
  const session: PdfSessionLike = {
    setPermissionRequestHandler: (h) => (s.permissionRequest = h),
    setPermissionCheckHandler: (h) => (s.permissionCheck = h),
    webRequest: { onBeforeRequest: (l) => (s.beforeRequest = l) },
  };
  return { s, session };
}

function setup(
  over: Partial<PdfServiceDeps> & {
    print?: () => Promise<Uint8Array>;
    load?: (file: string) => Promise<void>;
  } = {},
) {
  const windows: FakeWindow[] = [];
  const { s, session } = fakeSession();
  const dialogCalls: SaveDialogOptions[] = [];
  const events: string[] = [];
  class FakeWindow implements PdfWindowLike {
    destroyed = false;
    loadedFile: string | null = null;
    htmlAtPrint: string | null = null;
    constructor(public opts: ReturnType<typeof pdfWindowOptions>) {}
    webContents = {
      printToPDF: vi.fn(async (options: typeof PRINT_TO_PDF_OPTIONS) => {
        events.push('print');
        expect(options).toEqual(PRINT_TO_PDF_OPTIONS);
        this.htmlAtPrint = existsSync(this.loadedFile!) ? await readFile(this.loadedFile!, 'utf8') : null;
        return over.print ? over.print() : PDF;
      }),
    };
    loadFile = vi.fn(async (file: string) => {
      events.push('load');
      this.loadedFile = file;
      if (over.load) await over.load(file);
    });
    isDestroyed = () => this.destroyed;
    destroy = () => {
      events.push('destroy');
      this.destroyed = true;
    };
  }
  const deps: PdfServiceDeps = {
    createWindow: (options) => {
      const w = new FakeWindow(options);
      windows.push(w);
      return w;
    },
    session: vi.fn(() => session),
    showSaveDialog: vi.fn(async (options: SaveDialogOptions) => {
      dialogCalls.push(options);
      return { canceled: false, filePath: path.join(work, 'chosen.pdf') };
    }),
    defaultDir: () => '/home/tam/Documents',
    locale: () => 'ja',
    tmpDir: work,
    ...over,
  };
  return { service: createPdfService(deps), windows, s, dialogCalls, events, deps };
}

describe('createPdfService', () => {
  it('prints in a hidden, sandboxed window with JavaScript off, on its own session', async () => {
    const t = setup();
    const result = await t.service.renderPdf({ html: HTML });
    expect(result).toEqual({ ok: true, pdf: PDF });
    expect(t.windows).toHaveLength(1);
    const opts = t.windows[0]!.opts;
    expect(opts.show).toBe(false);
    expect(opts.webPreferences).toMatchObject({
      partition: PDF_PARTITION,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(opts.webPreferences).not.toHaveProperty('preload');
    expect(PDF_PARTITION.startsWith('persist:')).toBe(false);
    expect(PRINT_TO_PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true });
    expect(t.events).toEqual(['load', 'print', 'destroy']);
  });

  it('loads exactly the given document from a private temp file, and removes it afterwards', async () => {
    const t = setup();
    await t.service.renderPdf({ html: HTML });
    const w = t.windows[0]!;
    expect(w.htmlAtPrint).toBe(HTML);
    expect(path.dirname(path.dirname(w.loadedFile!))).toBe(work);
    expect(existsSync(w.loadedFile!)).toBe(false);
    expect(await readdir(work)).toEqual([]);
  });

  it('refuses every permission and every request except the document and data: URLs', async () => {
    const t = setup({
      load: async (file) => {
        const ask = (url: string) =>
          new Promise<boolean>((resolve) => t.s.beforeRequest!({ url }, (r) => resolve(!r.cancel)));
        expect(await ask(pathToFileURL(file).href)).toBe(true);
        expect(await ask('data:font/woff2;base64,d09GMgABAAAA')).toBe(true);
        expect(await ask('https://evil.example/track.png')).toBe(false);
        expect(await ask('app://tam/index.html')).toBe(false);
        expect(await ask(pathToFileURL('/etc/passwd').href)).toBe(false);
        expect(await ask(pathToFileURL(path.join(work, 'other', 'x.html')).href)).toBe(false);
      },
    });
    expect((await t.service.renderPdf({ html: HTML })).ok).toBe(true);
    const granted = await new Promise<boolean>((resolve) => t.s.permissionRequest!({}, 'media', resolve));
    expect(granted).toBe(false);
    expect(t.s.permissionCheck!()).toBe(false);
    // Configured once, on first use.
    await t.service.renderPdf({ html: HTML });
    expect(t.deps.session).toHaveBeenCalledTimes(1);
  });

  it('savePdf asks where to save (name only, in Documents) and writes the file there', async () => {
    const t = setup();
    const result = await t.service.savePdf({ html: HTML, fileName: '四半期レポート_Q5.pdf' });
    expect(result).toEqual({ ok: true, saved: true, fileName: 'chosen.pdf' });
    expect(t.dialogCalls).toEqual([
      {
        title: 'レポートを PDF で保存',
        defaultPath: path.join('/home/tam/Documents', '四半期レポート_Q5.pdf'),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      },
    ]);
    expect(new Uint8Array(await readFile(path.join(work, 'chosen.pdf')))).toEqual(PDF);
  });

  it('writes the bytes where the user chose, adding .pdf when the name lacks it', async () => {
    const target = path.join(work, 'Report');
    const t = setup({ showSaveDialog: async () => ({ canceled: false, filePath: target }) });
    expect(await t.service.savePdf({ html: HTML, fileName: 'r.pdf' })).toEqual({
      ok: true,
      saved: true,
      fileName: 'Report.pdf',
    });
    expect(new Uint8Array(await readFile(`${target}.pdf`))).toEqual(PDF);
  });

  it('a cancelled dialog saves nothing', async () => {
    const t = setup({ showSaveDialog: async () => ({ canceled: true }) });
    expect(await t.service.savePdf({ html: HTML, fileName: 'r.pdf' })).toEqual({ ok: true, saved: false });
    expect(await readdir(work)).toEqual([]);
  });

  it('a write that fails is an error value naming the target', async () => {
    const bad = setup({
      showSaveDialog: async () => ({ canceled: false, filePath: path.join(work, 'missing', 'r.pdf') }),
    });
    const r2 = await bad.service.savePdf({ html: HTML, fileName: 'r.pdf' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'save-failed' } });
    if (!r2.ok) expect(r2.error.message).toContain(path.join(work, 'missing', 'r.pdf'));
  });

  it('a print that fails is an error value; the window and the temp file are gone', async () => {
    const t = setup({ print: async () => Promise.reject(new Error('renderer crashed')) });
    const result = await t.service.renderPdf({ html: HTML });
    expect(result).toMatchObject({ ok: false, error: { code: 'pdf-failed' } });
    if (!result.ok) expect(result.error.message).toContain('renderer crashed');
    expect(t.windows[0]!.destroyed).toBe(true);
    expect(await readdir(work)).toEqual([]);
    expect(t.dialogCalls).toEqual([]);
  });

  it('a print that never finishes times out instead of hanging', async () => {
    const t = setup({ timeoutMs: 20, load: () => new Promise<void>(() => {}) });
    const result = await t.service.renderPdf({ html: HTML });
    expect(result).toMatchObject({ ok: false, error: { code: 'pdf-failed' } });
    expect(t.windows[0]!.destroyed).toBe(true);
  });

  it('prints one document at a time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstStarted!: () => void;
    const started = new Promise<void>((r) => (firstStarted = r));
    let first = true;
    // An in-memory file system, so nothing but the queue orders the two prints.
    let n = 0;
    const files = new Map<string, string | Uint8Array>();
    const t = setup({
      fs: {
        mkdtemp: async (prefix) => `${prefix}${++n}`,
        writeFile: async (file, data) => void files.set(file, data),
        rm: async () => {},
      },
      load: async () => {
        if (first) {
          first = false;
          firstStarted();
          await gate;
        }
      },
      print: async () => PDF,
    });
    const a = t.service.renderPdf({ html: HTML });
    const b = t.service.renderPdf({ html: HTML.replace('さくら', 'もみじ') });
    await started;
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(t.windows).toHaveLength(1);
    release();
    await Promise.all([a, b]);
    expect(t.windows).toHaveLength(2);
    expect(t.events).toEqual(['load', 'print', 'destroy', 'load', 'print', 'destroy']);
  });
});

describe('payload validation before the service runs', () => {
  it('refuses documents with script, frames or navigation, and file names with folders', () => {
    expect(() =>
      parseBridgeArgs('savePdf', [{ html: '<!doctype html><script>x</script>', fileName: 'r.pdf' }]),
    ).toThrow(/savePdf/);
    expect(() => parseBridgeArgs('savePdf', [{ html: HTML, fileName: '../r.pdf' }])).toThrow(/file name/);
    expect(() => parseBridgeArgs('renderPdf', [{ html: HTML, extra: 1 }])).toThrow(/renderPdf/);
  });
});

describe('helpers', () => {
  it('isAllowedPdfRequest allows only the document folder and data: URLs', () => {
    const dir = path.join(work, 'doc');
    expect(isAllowedPdfRequest(pathToFileURL(path.join(dir, 'report.html')).href, dir)).toBe(true);
    expect(isAllowedPdfRequest(pathToFileURL(path.join(dir, 'report.html')).href, null)).toBe(false);
    expect(isAllowedPdfRequest(pathToFileURL(`${dir}-evil/x`).href, dir)).toBe(false);
    expect(isAllowedPdfRequest('http://127.0.0.1/', dir)).toBe(false);
  });

  it('withPdfExtension', () => {
    expect(withPdfExtension('/a/b')).toBe('/a/b.pdf');
    expect(withPdfExtension('/a/b.PDF')).toBe('/a/b.PDF');
  });
});
