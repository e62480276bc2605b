// The update flow against a fake electron-updater: when it checks, where it asks, and what the
// user is offered once a version is downloaded (with and without unsent changes).
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  createUpdateController,
  UPDATE_INTERVAL_MS,
  updatesFeedUrl,
  type RestartChoice,
  type UpdateControllerOptions,
} from './updater';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  feeds: string[] = [];
  checks = 0;
  installs = 0;
  /** What the next check does: 'none', a version to "download", or an error. */
  next: { kind: 'none' } | { kind: 'update'; version: string } | { kind: 'fail'; message: string } = {
    kind: 'none',
  };
  setFeedURL(options: { provider: 'generic'; url: string }) {
    expect(options.provider).toBe('generic');
    this.feeds.push(options.url);
  }
  async checkForUpdates() {
    this.checks++;
    const next = this.next;
    if (next.kind === 'fail') {
      this.emit('error', new Error(next.message));
      throw new Error(next.message);
    }
    if (next.kind === 'none') {
      this.emit('update-not-available', { version: '0.1.0' });
      return null;
    }
    // The download finishes later, in the background.
    queueMicrotask(() => this.emit('update-downloaded', { version: next.version }));
    return { updateInfo: { version: next.version } };
  }
  quitAndInstall() {
    this.installs++;
  }
}

function setup(overrides: Partial<UpdateControllerOptions> = {}, choice: RestartChoice = 'restart') {
  const updater = new FakeUpdater();
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const offers: Array<{ version: string; unsent: number }> = [];
  const prompts = {
    offerRestart: vi.fn(async (args: { version: string; unsent: number }) => {
      offers.push(args);
      return choice;
    }),
    upToDate: vi.fn(),
    checkFailed: vi.fn(),
  };
  let unsent = 0;
  const log = vi.fn();
  const controller = createUpdateController({
    updater,
    serverUrl: () => 'https://tam.example.com',
    unsentChanges: () => unsent,
    prompts,
    currentVersion: '0.1.0',
    schedule: (fn, ms) => {
      const timer = { fn, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    log,
    ...overrides,
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    updater,
    timers,
    offers,
    prompts,
    controller,
    log,
    settle,
    setUnsent: (n: number) => (unsent = n),
  };
}

describe('update controller', () => {
  it('downloads in the background and installs on quit when declined', () => {
    const { updater } = setup();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('asks the central server, at start and every 6 hours', async () => {
    const { updater, timers, controller, settle } = setup();
    controller.start();
    await settle();
    expect(updater.checks).toBe(1);
    expect(updater.feeds).toEqual(['https://tam.example.com/updates/']);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(UPDATE_INTERVAL_MS);
    expect(UPDATE_INTERVAL_MS).toBe(6 * 60 * 60 * 1000);
    timers[0]!.fn();
    await settle();
    expect(updater.checks).toBe(2);
    expect(timers).toHaveLength(2);
    controller.start(); // already running: no second loop
    expect(timers).toHaveLength(2);
    controller.stop();
    expect(timers[1]!.cancelled).toBe(true);
  });

  it('offers a restart once per downloaded version, and installs when accepted', async () => {
    const { updater, controller, offers, settle } = setup();
    updater.next = { kind: 'update', version: '0.2.0' };
    controller.start();
    await settle();
    await settle();
    expect(offers).toEqual([{ version: '0.2.0', unsent: 0 }]);
    expect(updater.installs).toBe(1);
    expect(controller.downloaded).toBe('0.2.0');
    // The same version downloaded again (next periodic check) is not offered twice.
    updater.emit('update-downloaded', { version: '0.2.0' });
    await settle();
    expect(offers).toHaveLength(1);
  });

  it('says how many changes are unsent, and restarts only if the user says so', async () => {
    const { updater, controller, offers, settle, setUnsent } = setup({}, 'later');
    setUnsent(3);
    updater.next = { kind: 'update', version: '0.2.0' };
    controller.start();
    await settle();
    await settle();
    expect(offers).toEqual([{ version: '0.2.0', unsent: 3 }]);
    expect(updater.installs).toBe(0);
  });

  it('offers a declined version again when the user checks from the menu', async () => {
    const { updater, controller, offers, settle, prompts } = setup({}, 'later');
    updater.next = { kind: 'update', version: '0.2.0' };
    controller.start();
    await settle();
    await settle();
    expect(offers).toHaveLength(1);
    updater.next = { kind: 'none' };
    await controller.checkNow();
    expect(offers).toHaveLength(2);
    expect(prompts.upToDate).toHaveBeenCalledOnce();
  });

  it('tells a user who asked that the app is up to date, but stays silent on scheduled checks', async () => {
    const { controller, prompts, settle } = setup();
    controller.start();
    await settle();
    expect(prompts.upToDate).not.toHaveBeenCalled();
    await controller.checkNow();
    expect(prompts.upToDate).toHaveBeenCalledWith('0.1.0');
  });

  it('logs failures, and reports them only to a user who asked', async () => {
    const { updater, controller, prompts, log, settle } = setup();
    updater.next = { kind: 'fail', message: 'net::ERR_CONNECTION_REFUSED\nstack' };
    controller.start();
    await settle();
    expect(prompts.checkFailed).not.toHaveBeenCalled();
    expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
      /update check failed: net::ERR_CONNECTION_REFUSED/,
    );
    await controller.checkNow();
    expect(prompts.checkFailed).toHaveBeenCalledOnce();
  });

  it('does not check before a server is known', async () => {
    const { updater, controller, prompts } = setup({ serverUrl: () => null });
    await controller.checkNow();
    expect(updater.checks).toBe(0);
    expect(prompts.checkFailed).toHaveBeenCalledOnce();
  });

  it('builds the feed address under the server', () => {
    expect(updatesFeedUrl('https://tam.example.com')).toBe('https://tam.example.com/updates/');
    expect(updatesFeedUrl('https://tam.example.com/base/')).toBe('https://tam.example.com/base/updates/');
  });
});
