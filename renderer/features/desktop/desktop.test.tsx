// The area error page (instead of react-router's developer page) and the window's side of
// the desktop shell, under happy-dom with a fake window.tamDesktop (the Electron boundary).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import {
  createMemoryRouter,
  Link,
  Outlet,
  RouterProvider,
  useLocation,
  type RouteObject,
} from 'react-router';
import type { DesktopApi, DesktopEvent } from '../../../shared/bridge/desktop-api';
import { resetBridgeForTests } from '../../bridge';
import { initI18n } from '../../i18n';
import { appRoutes } from '../../app/router';
import { AreaError, errorDetails } from './AreaError';
import { DesktopShell, SHORTCUTS_EVENT } from './DesktopShell';

const INCIDENT = '2b7e1516-28ae-4d2a-abf7-158809cf4f3c';

function fakeDesktop() {
  const listeners = new Set<(e: DesktopEvent) => void>();
  const api = {
    log: vi.fn(async () => undefined),
    reportStatus: vi.fn(async () => undefined),
    onEvent: (l: (e: DesktopEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { api, emit: (e: DesktopEvent) => listeners.forEach((l) => l(e)) };
}

let desktop: ReturnType<typeof fakeDesktop>;
let writeText: ReturnType<typeof vi.fn>;

beforeEach(() => {
  desktop = fakeDesktop();
  Object.defineProperty(window, 'tamDesktop', {
    value: desktop.api as unknown as DesktopApi,
    configurable: true,
  });
  resetBridgeForTests();
  writeText = vi.fn(async () => undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(() => {
  cleanup();
  Reflect.deleteProperty(window, 'tamDesktop');
  resetBridgeForTests();
});

function Boom(): never {
  throw new TypeError('Cannot read properties of undefined (reading "dueAt")');
}

function Layout() {
  return (
    <div>
      <nav>
        <Link to="/today">Today</Link>
      </nav>
      <Outlet />
    </div>
  );
}

function renderAt(path: string, locale: 'en' | 'ja') {
  const routes: RouteObject[] = [
    {
      path: '/',
      element: <Layout />,
      errorElement: <AreaError />,
      children: [
        { path: 'today', element: <p>today view</p>, errorElement: <AreaError /> },
        { path: 'incidents/:id', element: <Boom />, errorElement: <AreaError /> },
      ],
    },
  ];
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const i18n = initI18n(locale);
  render(
    <I18nextProvider i18n={i18n}>
      <RouterProvider router={router} />
    </I18nextProvider>,
  );
  return router;
}

describe('AreaError', () => {
  it('shows a localized error in place of the view, keeps the navigation, and copies the details', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderAt(`/incidents/${INCIDENT}`, 'en');
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    expect(screen.getByText(/unsent changes are safe/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Today' })).toBeTruthy();
    expect(screen.queryByText(/Unexpected Application Error/)).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy details' }));
    });
    expect(writeText).toHaveBeenCalledOnce();
    const copied = String(writeText.mock.calls[0]![0]);
    expect(copied).toContain(`view: /incidents/${INCIDENT}`);
    expect(copied).toContain('TypeError: Cannot read properties of undefined');
    expect(screen.getByText('Details copied')).toBeTruthy();
    expect(desktop.api.log).toHaveBeenCalledWith({
      level: 'error',
      message: expect.stringContaining(`view /incidents/${INCIDENT} failed: TypeError`),
    });
    quiet.mockRestore();
  });

  it('speaks Japanese, and says so when copying fails', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    writeText.mockRejectedValueOnce(new Error('denied'));
    renderAt(`/incidents/${INCIDENT}`, 'ja');
    expect(screen.getByRole('heading', { name: '問題が発生しました' })).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '詳細をコピー' }));
    });
    expect(screen.getByText(/コピーできませんでした/)).toBeTruthy();
    quiet.mockRestore();
    initI18n('en');
  });

  it('every route of the app has the area error page', () => {
    const missing: string[] = [];
    const walk = (routes: RouteObject[]) => {
      for (const r of routes) {
        if (!r.errorElement) missing.push(r.path ?? '(index)');
        if (r.children) walk(r.children);
      }
    };
    walk(appRoutes());
    expect(missing).toEqual([]);
  });

  it('describes non-Error throws too', () => {
    expect(errorDetails('plain', '/x', new Date('2026-12-03T00:00:00Z'))).toContain('error: plain');
  });
});

function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

describe('DesktopShell', () => {
  function renderShell() {
    const router = createMemoryRouter(
      [
        {
          path: '*',
          element: (
            <>
              <DesktopShell />
              <Where />
            </>
          ),
        },
      ],
      { initialEntries: ['/today'] },
    );
    render(
      <I18nextProvider i18n={initI18n('en')}>
        <RouterProvider router={router} />
      </I18nextProvider>,
    );
  }

  it('reports the language and unsent changes, and opens the views links and notifications name', async () => {
    renderShell();
    expect(desktop.api.reportStatus).toHaveBeenCalledWith({ language: 'en', unsentChanges: 0 });
    await act(async () => desktop.emit({ type: 'open', target: { kind: 'incident', id: INCIDENT } }));
    expect(screen.getByTestId('where').textContent).toBe(`/incidents/${INCIDENT}`);
    await act(async () => desktop.emit({ type: 'open', target: { kind: 'customer', id: INCIDENT } }));
    expect(screen.getByTestId('where').textContent).toBe(`/customers/${INCIDENT}`);
  });

  it('turns Help > Keyboard shortcuts into the tam:shortcuts window event', async () => {
    renderShell();
    const heard = vi.fn();
    window.addEventListener(SHORTCUTS_EVENT, heard);
    await act(async () => desktop.emit({ type: 'menu-command', command: 'shortcuts' }));
    window.removeEventListener(SHORTCUTS_EVENT, heard);
    expect(heard).toHaveBeenCalledOnce();
    expect(SHORTCUTS_EVENT).toBe('tam:shortcuts');
  });
});
