// The attachment size setting: a whole number of MB from 1 up to the server's limit (the default
// 200 MB until the server has said), saved on this computer, applied when files are attached
// (a larger file is refused with a message naming the limit), and the form's messages.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../../../shared/attachments/limits';
import {
  ATTACHMENT_MAX_BYTES_KEY,
  ATTACHMENT_SERVER_MAX_BYTES_KEY,
  attachFiles,
  attachmentMaxBytes,
  formatLimit,
  parseAttachmentMaxMb,
  rememberServerAttachmentMaxBytes,
  setAttachmentMaxBytes,
} from '../../attachments/files';
import { initI18n } from '../../i18n';
import { ReplicaDb } from '../../replica/db';
import { AttachmentSettings } from './AttachmentSettings';

const MB = 1024 * 1024;

beforeEach(() => {
  localStorage.removeItem(ATTACHMENT_MAX_BYTES_KEY);
  localStorage.removeItem(ATTACHMENT_SERVER_MAX_BYTES_KEY);
});
afterEach(() => cleanup());

describe('the attachment size limit', () => {
  it('is 200 MB by default, the setting when set, and never above the server’s limit', () => {
    expect(attachmentMaxBytes()).toBe(DEFAULT_ATTACHMENT_MAX_BYTES);
    expect(DEFAULT_ATTACHMENT_MAX_BYTES).toBe(200 * MB);
    setAttachmentMaxBytes(50 * MB);
    expect(attachmentMaxBytes()).toBe(50 * MB);
    rememberServerAttachmentMaxBytes(20 * MB);
    expect(attachmentMaxBytes()).toBe(20 * MB);
    // An older server that says nothing leaves the known limit as it was.
    rememberServerAttachmentMaxBytes(undefined);
    expect(attachmentMaxBytes()).toBe(20 * MB);
    setAttachmentMaxBytes(null);
    rememberServerAttachmentMaxBytes(1024 * MB);
    expect(attachmentMaxBytes()).toBe(DEFAULT_ATTACHMENT_MAX_BYTES);
  });

  it('accepts a whole number of MB from 1 to the server’s limit', () => {
    expect(parseAttachmentMaxMb('50', 200 * MB)).toEqual({ ok: true, bytes: 50 * MB });
    expect(parseAttachmentMaxMb(' ２００ ', 200 * MB)).toEqual({ ok: true, bytes: 200 * MB });
    expect(parseAttachmentMaxMb('201', 200 * MB)).toEqual({ ok: false, reason: 'over-server', maxMb: 200 });
    expect(parseAttachmentMaxMb('0', 200 * MB)).toEqual({ ok: false, reason: 'too-small', maxMb: 200 });
    for (const bad of ['', '-5', '1.5', '1e3', 'abc'])
      expect(parseAttachmentMaxMb(bad, 200 * MB)).toMatchObject({ ok: false, reason: 'not-whole' });
    // Until the server has said, the default bounds the setting.
    expect(parseAttachmentMaxMb('300')).toMatchObject({ ok: false, reason: 'over-server', maxMb: 200 });
    rememberServerAttachmentMaxBytes(500 * MB);
    expect(parseAttachmentMaxMb('300')).toEqual({ ok: true, bytes: 300 * MB });
  });

  it('refuses a larger file when it is attached, naming the limit', async () => {
    setAttachmentMaxBytes(1 * MB);
    const db = new ReplicaDb(`limit-${Date.now()}`);
    const actor = { id: '00000000-0000-4000-8000-000000000001', role: 'tam' as const, team: 't' };
    const target = {
      customerId: '00000000-0000-4000-8000-000000000002',
      incidentId: '00000000-0000-4000-8000-000000000003',
    };
    const big = new File([new Uint8Array(MB + 1)], 'big.pcap');
    const small = new File([new Uint8Array(1000)], 'small.log');
    const result = await attachFiles(db, actor, target, [big, small]);
    expect(result.refused).toEqual([{ fileName: 'big.pcap', reason: 'too-large', maxBytes: MB }]);
    expect(result.added).toHaveLength(1);
    expect(formatLimit(MB)).toBe('1 MB');
    db.close();
  });
});

describe('AttachmentSettings', () => {
  const show = () =>
    render(
      <I18nextProvider i18n={initI18n('en')}>
        <AttachmentSettings />
      </I18nextProvider>,
    );

  it('saves a valid limit, refuses one above the server’s, and goes back to the default', () => {
    rememberServerAttachmentMaxBytes(300 * MB);
    show();
    const input = screen.getByTestId('attachment-max-mb') as HTMLInputElement;
    expect(input.value).toBe('200');
    expect(input.max).toBe('300');
    fireEvent.change(input, { target: { value: '301' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'The server accepts at most 300 MB per file; enter 300 or less.',
    );
    expect(attachmentMaxBytes()).toBe(200 * MB);
    fireEvent.change(input, { target: { value: '25' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('status').textContent).toBe('Saved: files up to 25 MB can be attached.');
    expect(attachmentMaxBytes()).toBe(25 * MB);
    expect(localStorage.getItem(ATTACHMENT_MAX_BYTES_KEY)).toBe(String(25 * MB));
    fireEvent.click(screen.getByRole('button', { name: 'Back to the default' }));
    expect(attachmentMaxBytes()).toBe(200 * MB);
    expect(input.value).toBe('200');
  });

  it('reads in Japanese', () => {
    render(
      <I18nextProvider i18n={initI18n('ja')}>
        <AttachmentSettings />
      </I18nextProvider>,
    );
    fireEvent.change(screen.getByTestId('attachment-max-mb'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.getByRole('alert').textContent).toBe('上限は 1 MB 以上にしてください。');
  });
});
