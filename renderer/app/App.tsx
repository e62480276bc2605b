import { useEffect, useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import type { i18n as I18n } from 'i18next';
import { initI18n } from '../i18n';
import { startSession } from '../session';
import { useUiStore } from '../state/ui-store';
import { createAppRouter } from './router';

export function App({ i18n }: { i18n: I18n }) {
  const locale = useUiStore((s) => s.locale);
  const router = useMemo(() => createAppRouter(), []);

  // Opens the remembered session and its offline replica (works without the network).
  useEffect(() => {
    void startSession();
  }, []);

  // The language follows the UI store (remembered across restarts).
  useEffect(() => {
    initI18n(locale);
  }, [locale]);

  return (
    <I18nextProvider i18n={i18n}>
      <RouterProvider router={router} />
    </I18nextProvider>
  );
}
