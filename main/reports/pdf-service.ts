// Report PDFs for the bridge's savePdf/renderPdf. The renderer hands over a self-contained
// HTML document (styles and fonts inlined, every value escaped); main prints it in a hidden
// window and either asks where to save it or returns the bytes.
//
// The print window is as closed as Electron allows: never shown, sandboxed, JavaScript off,
// its own in-memory session (partition) where every permission is refused and every request
// other than the document itself (a temp file) and data: URLs (the inlined fonts) is
// cancelled. The document goes through a private temp file rather than a data: URL because
// Chromium caps URLs at 2 MB and the inlined Japanese fonts can exceed that. The temp folder
// is removed whatever happens. Prints run one at a time.
import { mkdtemp as fsMkdtemp, rm as fsRm, writeFile as fsWriteFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bridgeError, ErrorCodes } from '../../shared/bridge/errors';
import type { RenderPdfArgs, RenderPdfResult, SavePdfArgs, SavePdfResult } from '../../shared/bridge/schemas';

/** In-memory (no "persist:") partition of the print windows: nothing is written to the profile. */
export const PDF_PARTITION = 'tam-report-pdf';

/** A4 portrait, backgrounds printed, margins from the document's @page rule. */
export const PRINT_TO_PDF_OPTIONS = {
  pageSize: 'A4',
  landscape: false,
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  generateTaggedPDF: true,
  generateDocumentOutline: true,
} as const;

export type PrintToPdfOptions = typeof PRINT_TO_PDF_OPTIONS;

/** The options of the hidden print window (asserted by the tests). */
export function pdfWindowOptions() {
  return {
    show: false,
    width: 794,
    height: 1123,
    paintWhenInitiallyHidden: true,
    webPreferences: {
      partition: PDF_PARTITION,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      images: true,
      spellcheck: false,
      devTools: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  } as const;
}

/** The parts of Electron's BrowserWindow used here. */
export interface PdfWindowLike {
  webContents: { printToPDF(options: PrintToPdfOptions): Promise<Uint8Array> };
  loadFile(filePath: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
}

export type PdfWindowFactory = (options: ReturnType<typeof pdfWindowOptions>) => PdfWindowLike;

/** The parts of the partition's Electron Session used to lock it down. */
export interface PdfSessionLike {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  webRequest: {
    onBeforeRequest(
      listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
  };
}

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

export interface PdfFs {
  mkdtemp(prefix: string): Promise<string>;
  writeFile(file: string, data: string | Uint8Array, options?: { mode?: number }): Promise<void>;
  rm(target: string, options: { recursive: true; force: true }): Promise<void>;
}

export interface PdfServiceDeps {
  createWindow: PdfWindowFactory;
  /** session.fromPartition(PDF_PARTITION); configured on first use. */
  session(): PdfSessionLike;
  /** dialog.showSaveDialog, parented to the app window. */
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  /** Where the save dialog starts (the user's Documents folder). */
  defaultDir(): string;
  /** UI language of the dialog's title ('ja' or anything else for English). */
  locale(): string;
  fs?: PdfFs;
  tmpDir?: string;
  /** A print that does not finish within this fails (default 60 s). */
  timeoutMs?: number;
  log?(message: string): void;
}

export interface PdfService {
  savePdf(args: SavePdfArgs): Promise<SavePdfResult>;
  renderPdf(args: RenderPdfArgs): Promise<RenderPdfResult>;
}

const nodeFs: PdfFs = {
  mkdtemp: (prefix) => fsMkdtemp(prefix),
  writeFile: (file, data, options) => fsWriteFile(file, data, options),
  rm: (target, options) => fsRm(target, options),
};

/** Whether a request of the print window may proceed: the document itself, or a data: URL. */
export function isAllowedPdfRequest(url: string, documentDir: string | null): boolean {
  if (url.startsWith('data:')) return true;
  if (documentDir === null || !url.startsWith('file:')) return false;
  const dirUrl = pathToFileURL(documentDir + path.sep).href;
  return url.startsWith(dirUrl) && !url.slice(dirUrl.length).includes('..');
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Adds .pdf when the user typed a name without it. */
export function withPdfExtension(filePath: string): string {
  return /\.pdf$/i.test(filePath) ? filePath : `${filePath}.pdf`;
}

export function createPdfService(deps: PdfServiceDeps): PdfService {
  const fs = deps.fs ?? nodeFs;
  const tmpRoot = deps.tmpDir ?? tmpdir();
  const timeoutMs = deps.timeoutMs ?? 60_000;
  const log = deps.log ?? (() => {});
  // The folder of the document being printed; requests are checked against it.
  let currentDir: string | null = null;
  let sessionReady = false;
  let queue: Promise<unknown> = Promise.resolve();

  const lockDownSession = (): void => {
    if (sessionReady) return;
    const s = deps.session();
    s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    s.setPermissionCheckHandler(() => false);
    s.webRequest.onBeforeRequest((details, callback) => {
      const allowed = isAllowedPdfRequest(details.url, currentDir);
      if (!allowed) log(`report PDF: blocked a request to ${details.url.slice(0, 120)}`);
      callback({ cancel: !allowed });
    });
    sessionReady = true;
  };

  const printOnce = async (html: string): Promise<Uint8Array> => {
    lockDownSession();
    const dir = await fs.mkdtemp(path.join(tmpRoot, 'tam-report-'));
    let win: PdfWindowLike | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const file = path.join(dir, 'report.html');
      await fs.writeFile(file, html, { mode: 0o600 });
      currentDir = dir;
      const window = deps.createWindow(pdfWindowOptions());
      win = window;
      const work = (async () => {
        await window.loadFile(file);
        return window.webContents.printToPDF(PRINT_TO_PDF_OPTIONS);
      })();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`printing took longer than ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        );
      });
      return await Promise.race([work, timeout]);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      currentDir = null;
      if (win && !win.isDestroyed()) win.destroy();
      await fs
        .rm(dir, { recursive: true, force: true })
        .catch((err: unknown) => log(`report PDF: could not remove ${dir}: ${describe(err)}`));
    }
  };

  /** One print at a time: a second request waits for the first. */
  const print = (html: string): Promise<Uint8Array> => {
    const run = queue.then(() => printOnce(html));
    queue = run.catch(() => undefined);
    return run;
  };

  const failed = (err: unknown) => ({
    ok: false as const,
    error: bridgeError(
      ErrorCodes.pdfFailed,
      `The PDF could not be produced (${describe(err)}). Try again; if it keeps failing, print the report view instead.`,
    ),
  });

  return {
    async renderPdf({ html }) {
      try {
        return { ok: true, pdf: await print(html) };
      } catch (err) {
        log(`report PDF: ${describe(err)}`);
        return failed(err);
      }
    },

    async savePdf({ html, fileName }) {
      let pdf: Uint8Array;
      try {
        pdf = await print(html);
      } catch (err) {
        log(`report PDF: ${describe(err)}`);
        return failed(err);
      }
      const ja = deps.locale().toLowerCase().startsWith('ja');
      const choice = await deps.showSaveDialog({
        title: ja ? 'レポートを PDF で保存' : 'Save the report as PDF',
        // The name only: the schema has refused anything with a folder in it.
        defaultPath: path.join(deps.defaultDir(), path.basename(fileName)),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (choice.canceled || !choice.filePath) return { ok: true, saved: false };
      const target = withPdfExtension(choice.filePath);
      try {
        await fs.writeFile(target, pdf);
      } catch (err) {
        return {
          ok: false,
          error: bridgeError(
            ErrorCodes.saveFailed,
            `The PDF could not be written to ${target} (${describe(err)}). Choose another folder and try again.`,
          ),
        };
      }
      return { ok: true, saved: true, fileName: path.basename(target) };
    },
  };
}
