import { describe, expect, it } from 'vitest';
import { recordingBoard } from './recording-board';

describe('recordingBoard', () => {
  it("carries a real board's name, host and ports, never its FTP login or serial path", () => {
    const board = recordingBoard('lab-3', {
      kind: 'real',
      id: 'lab-3',
      name: 'Bench 3',
      host: '192.168.0.50',
      wsPort: 8080,
      httpPort: 80,
      ftpPort: 21,
      ftpUser: 'admin',
      ftpPassword: 's3cret',
      serialPath: '/dev/ttyACM0',
    });
    expect(board).toEqual({
      id: 'lab-3',
      kind: 'real',
      name: 'Bench 3',
      host: '192.168.0.50',
      wsPort: 8080,
      httpPort: 80,
      ftpPort: 21,
    });
    expect(JSON.stringify(board)).not.toMatch(/admin|s3cret|ttyACM0/);
  });

  it('names the virtual board as such, and an unknown board by its id', () => {
    expect(
      recordingBoard('virtual', { kind: 'virtual', id: 'virtual', name: 'Virtual board', host: '127.0.0.1' }),
    ).toEqual({ id: 'virtual', kind: 'virtual', name: 'Virtual board', host: '127.0.0.1' });
    expect(recordingBoard('gone', undefined)).toEqual({ id: 'gone' });
  });
});
