// The export panel in a DOM: a long export shows its progress and can be cancelled (no file);
// a finished one is downloaded as a Blob and says so.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { customer, incident, uuid } from '../../../shared/analytics/testing/fixtures';
import { initI18n } from '../../i18n';
import { ExportPanel } from './ExportPanel';

const c = customer({ id: uuid('ec'), nameLatin: 'Sample Corporation' });
const period = { from: '2026-01-15', to: '2026-04-15' };
const incidents = Array.from({ length: 300 }, (_, i) =>
  incident({
    id: uuid(`e${i}`),
    customerId: c.id,
    severity: 2,
    receivedAt: new Date(Date.UTC(2026, 1, 2, 0, i)).toISOString(),
    firstResponseAt: new Date(Date.UTC(2026, 1, 2, 1, i)).toISOString(),
  }),
);

let i18n: ReturnType<typeof initI18n>;
beforeAll(() => {
  i18n = initI18n('en');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderPanel() {
  return render(
    <I18nextProvider i18n={i18n}>
      <ExportPanel customer={c} incidents={incidents} events={[]} period={period} locale="en" chunkSize={1} />
    </I18nextProvider>,
  );
}

describe('ExportPanel', () => {
  it('shows the progress of a long export and cancels it: no file is saved', async () => {
    const createUrl = vi.spyOn(URL, 'createObjectURL');
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Incidents (CSV)' }));
    const bar = await screen.findByRole('progressbar', { name: 'Export progress' });
    await waitFor(() => expect(Number(bar.getAttribute('value'))).toBeGreaterThan(0));
    expect(bar.getAttribute('max')).toBe('300');
    expect(screen.getByTestId('export-status').textContent).toMatch(/^Exporting… \d+ of 300 rows$/);
    // Every export button waits while one runs; Cancel has the focus.
    expect((screen.getByRole('button', { name: 'Incidents (CSV)' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    const cancel = screen.getByRole('button', { name: 'Cancel the export' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.click(cancel);
    await waitFor(() =>
      expect(screen.getByTestId('export-status').textContent).toBe('Export cancelled; no file was saved.'),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(createUrl).not.toHaveBeenCalled();
  });

  it('downloads a finished export and names the file', async () => {
    const createUrl = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPanel();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'SLA results (CSV)' }));
    });
    await waitFor(
      () =>
        expect(screen.getByTestId('export-status').textContent).toBe(
          'Saved sla-results_Sample Corporation_2026-01-15_2026-04-14.csv (300 incidents).',
        ),
      {
        timeout: 10_000,
      },
    );
    expect(createUrl).toHaveBeenCalledTimes(1);
    expect((createUrl.mock.calls[0]?.[0] as Blob).type).toBe('text/csv;charset=utf-8');
    expect(click).toHaveBeenCalledTimes(1);
  });
});
