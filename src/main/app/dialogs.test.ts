import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { BaseWindow, Dialog } from 'electron';
import { electronDialogs } from './dialogs';

function fakeDialog(answer: { canceled: boolean; filePaths?: string[]; filePath?: string }) {
  const calls: unknown[][] = [];
  const dialog = {
    showOpenDialog: vi.fn(async (...args: unknown[]) => (calls.push(args), answer)),
    showSaveDialog: vi.fn(async (...args: unknown[]) => (calls.push(args), answer)),
  } as unknown as Dialog;
  return { dialog, calls };
}

describe('native dialogs of the desktop app', () => {
  const win = { id: 1 } as unknown as BaseWindow;

  it('asks for a folder on the app window and returns what was picked', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/home/me/runs'] });
    const d = electronDialogs(dialog, () => win);
    expect(await d.chooseFolder('Folder for recordings', '/data/recordings')).toBe('/home/me/runs');
    expect(calls[0]![0]).toBe(win);
    expect(calls[0]![1]).toMatchObject({
      title: 'Folder for recordings',
      defaultPath: '/data/recordings',
      properties: ['openDirectory', 'createDirectory'],
    });
  });

  it('returns nothing when the user cancels', async () => {
    const { dialog } = fakeDialog({ canceled: true, filePaths: [] });
    const d = electronDialogs(dialog, () => undefined);
    expect(await d.chooseFolder('t', '/x')).toBeUndefined();
    expect(await d.chooseOpen('t', 'files')).toEqual([]);
    expect(await d.chooseSaveFile('t', '/x/serial.log', ['log'])).toBeUndefined();
  });

  it('saves with a filter for the extension, and opens several files or one folder', async () => {
    const save = fakeDialog({ canceled: false, filePath: '/home/me/serial.log' });
    expect(await electronDialogs(save.dialog, () => win).chooseSaveFile('t', '/d/serial.log', ['log'])).toBe(
      '/home/me/serial.log',
    );
    expect(save.calls[0]![1]).toMatchObject({ filters: [{ extensions: ['log'] }] });
    const open = fakeDialog({ canceled: false, filePaths: ['/a', '/b'] });
    const d = electronDialogs(open.dialog, () => win);
    expect(await d.chooseOpen('t', 'files')).toEqual(['/a', '/b']);
    expect(open.calls[0]![1]).toMatchObject({ properties: ['openFile', 'multiSelections'] });
    await d.chooseOpen('t', 'folder');
    expect(open.calls[1]![1]).toMatchObject({ properties: ['openDirectory'] });
  });

  it('shows an alarm capture folder in the file manager when given the shell, and offers nothing without it', () => {
    const shown: string[] = [];
    const d = electronDialogs(fakeDialog({ canceled: true }).dialog, () => win, {
      showItemInFolder: (p: string) => void shown.push(p),
    });
    d.showItemInFolder?.('/data/alarm-captures/20261207-221503_bench-1_temp-high');
    expect(shown).toEqual(['/data/alarm-captures/20261207-221503_bench-1_temp-high']);
    expect(
      electronDialogs(fakeDialog({ canceled: true }).dialog, () => win).showItemInFolder,
    ).toBeUndefined();
  });
});
