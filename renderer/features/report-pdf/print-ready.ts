// When a report-only view may print: the report is rendered and the report font's faces that
// its text needs have loaded. document.fonts.ready alone is not enough right after a render:
// the faces of a unicode-range font are only requested once layout meets their characters,
// so the ones the text needs are loaded explicitly first.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { REPORT_FONT_FAMILY, REPORT_FONT_WEIGHTS } from './fonts';

export function useReportFontsReady(container: RefObject<HTMLElement | null>, rendered: unknown): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(false);
    if (!rendered) return;
    let live = true;
    const fonts = typeof document === 'undefined' ? undefined : document.fonts;
    const text = container.current?.textContent ?? '';
    const loads =
      fonts && text
        ? REPORT_FONT_WEIGHTS.map((w) =>
            fonts.load(`${w} 16px "${REPORT_FONT_FAMILY}"`, text).catch(() => []),
          )
        : [];
    void Promise.all(loads)
      .then(() => fonts?.ready)
      .then(() => {
        if (live) setReady(true);
      });
    return () => {
      live = false;
    };
  }, [container, rendered]);
  return ready;
}

/**
 * A report-only print view: the page title becomes the saved PDF's suggested name while the
 * report is shown, and with `autoPrint` the print dialog opens once, when the report and its
 * fonts are ready. Returns the ref for the report's container, whether it is ready, `print`
 * (opens the dialog) and `printed`: the print dialog has been shown and closed at least once.
 * The browser does not say whether the user printed or cancelled, so `printed` only means the
 * dialog was offered; what was done with it is the user's to confirm.
 */
export function useReportPrintView(
  report: unknown,
  fileStem: string | null,
  autoPrint: boolean,
): { docRef: RefObject<HTMLElement | null>; ready: boolean; print: () => void; printed: boolean } {
  const docRef = useRef<HTMLElement | null>(null);
  const fontsReady = useReportFontsReady(docRef, report);
  const printed = useRef(false);
  const [dialogShown, setDialogShown] = useState(false);
  // window.print() returns once the dialog is closed (printed, saved or cancelled).
  const print = useCallback(() => {
    window.print();
    setDialogShown(true);
  }, []);

  useEffect(() => {
    if (!report || fileStem === null) return;
    const previous = document.title;
    document.title = fileStem;
    return () => {
      document.title = previous;
    };
  }, [report, fileStem]);

  const ready = !!report && fontsReady;
  useEffect(() => {
    if (ready && autoPrint && !printed.current) {
      printed.current = true;
      print();
    }
  }, [ready, autoPrint, print]);
  return { docRef, ready, print, printed: dialogShown };
}
