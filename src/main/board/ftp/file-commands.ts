// The FTP commands on names and directories: PWD, CWD, CDUP, MKD, RMD, DELE, RNFR/RNTO, and the extended SIZE, MDTM.
import type { EmmcEntry } from '../emmc';
import { mdtm } from './listing';
import type { CommandFamily, SessionContext } from './session-context';

export function fileCommands(s: SessionContext): CommandFamily {
  const emmc = s.deps.emmc;

  const changeDir = async (arg: string): Promise<void> => {
    try {
      const target = s.path(arg || '/');
      const e = await emmc.stat(target);
      if (e.kind !== 'dir') return s.reply(550, `${target}: not a directory`);
      s.cwd = target;
    } catch (err) {
      return s.failure(err);
    }
    s.reply(250, 'Directory changed');
  };

  const makeDir = async (arg: string): Promise<void> => {
    try {
      const made = await emmc.mkdir(s.path(arg));
      s.reply(257, `"${made.replace(/"/g, '""')}" directory created`);
    } catch (err) {
      s.failure(err);
    }
  };

  const renameFromCmd = async (arg: string): Promise<void> => {
    try {
      const from = s.path(arg);
      await emmc.stat(from);
      s.renameFrom = from;
    } catch (err) {
      return s.failure(err);
    }
    s.reply(350, 'File exists, ready for destination name');
  };

  const renameTo = async (arg: string): Promise<void> => {
    const from = s.renameFrom;
    s.renameFrom = undefined;
    if (!from) return s.reply(503, 'RNFR required first');
    await s.fsOp(() => emmc.rename(from, s.path(arg)), 250, 'Rename successful');
  };

  const fileInfo = async (arg: string, fmt: (e: EmmcEntry) => string): Promise<void> => {
    try {
      const e = await emmc.stat(s.path(arg));
      if (e.kind !== 'file') return s.reply(550, 'Not a plain file');
      s.reply(213, fmt(e));
    } catch (err) {
      s.failure(err);
    }
  };

  return {
    firmware: {
      PWD: () => s.reply(257, `"${s.cwd.replace(/"/g, '""')}" is current directory`),
      CWD: (a) => changeDir(a),
      CDUP: () => changeDir('..'),
      MKD: (a) => makeDir(a),
      XMKD: (a) => makeDir(a),
      RMD: (a) => s.fsOp(() => emmc.rmdir(s.path(a)), 250, 'Directory removed'),
      XRMD: (a) => s.fsOp(() => emmc.rmdir(s.path(a)), 250, 'Directory removed'),
      DELE: (a) => s.fsOp(() => emmc.delete(s.path(a)), 250, 'File deleted'),
      RNFR: (a) => renameFromCmd(a),
      RNTO: (a) => renameTo(a),
    },
    extended: {
      SIZE: (a) => fileInfo(a, (e) => `${e.size}`),
      MDTM: (a) => fileInfo(a, (e) => mdtm(e.mtime)),
    },
  };
}
