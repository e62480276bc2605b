// The kit's modal dialog, on the native <dialog>: showModal() makes the page behind inert (the
// focus stays inside), Esc closes it (the 'cancel' event), and the focus goes back to where it
// was when the dialog opened. ConfirmDialog and useConfirm replace window.confirm: the question
// in the user's language, the action named on its button, Cancel focused first.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './dialog.css';

export function Dialog({
  open,
  onClose,
  title,
  children,
  testId,
  className,
}: {
  open: boolean;
  /** Esc, or the caller's own buttons. */
  onClose: () => void;
  title: string;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    return () => {
      if (dialog.open) {
        if (typeof dialog.close === 'function') dialog.close();
        else dialog.removeAttribute('open');
      }
      before?.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={className ? `ui-dialog ${className}` : 'ui-dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        // Esc: the caller decides (it may be busy); the dialog closes when `open` turns false.
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}

export interface ConfirmRequest {
  title: string;
  /** The consequence, in a sentence or two (none when the title says it all). */
  message?: string;
  /** The action, named ("Remove", "Deactivate"), not "OK". */
  confirmLabel?: string;
  cancelLabel?: string;
  /** A destructive action: its button is drawn as such. */
  danger?: boolean;
}

export function ConfirmDialog({
  request,
  onAnswer,
  testId = 'confirm-dialog',
}: {
  request: ConfirmRequest | null;
  onAnswer: (confirmed: boolean) => void;
  testId?: string;
}) {
  const { t } = useTranslation('ui');
  return (
    <Dialog
      open={request !== null}
      onClose={() => onAnswer(false)}
      title={request?.title ?? ''}
      testId={testId}
    >
      {request && (
        <>
          {request.message && <p>{request.message}</p>}
          <div className="ui-dialog-actions">
            {/* Cancel first in the tab order and focused on open: Enter never destroys by accident. */}
            <button type="button" autoFocus onClick={() => onAnswer(false)} data-testid="confirm-cancel">
              {request.cancelLabel ?? t('dialog.cancel')}
            </button>
            <button
              type="button"
              className={request.danger ? 'ui-danger' : 'ui-primary'}
              onClick={() => onAnswer(true)}
              data-testid="confirm-ok"
            >
              {request.confirmLabel ?? t('dialog.confirm')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

/**
 * `const [confirm, confirmDialog] = useConfirm()`: render `confirmDialog` once, then
 * `if (!(await confirm({...}))) return;` where the code used window.confirm.
 */
export function useConfirm(): [(request: ConfirmRequest) => Promise<boolean>, ReactNode] {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  // A question still open when the component goes away (or a newer one replaces it) answers "no".
  useEffect(
    () => () => {
      resolver.current?.(false);
      resolver.current = null;
    },
    [],
  );
  const confirm = useCallback(
    (next: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false);
        resolver.current = resolve;
        setRequest(next);
      }),
    [],
  );
  const answer = (ok: boolean) => {
    const resolve = resolver.current;
    resolver.current = null;
    setRequest(null);
    resolve?.(ok);
  };
  return [confirm, <ConfirmDialog key="confirm" request={request} onAnswer={answer} />];
}
