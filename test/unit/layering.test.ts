import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/processes';

// ESLint runs in this process. Loading the project's config (typescript-eslint and the TypeScript parser) takes
// under a second on an idle machine and tens of seconds on a loaded one, so it is done once, before the tests, with
// room for it; each lint after that is short, and each test still has a timeout made for a busy machine.
const LOAD_MS = 120_000;
const LINTS_MS = 60_000;

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.calculateConfigForFile(`${root}/src/shared/x.ts`);
}, LOAD_MS);

/** Lints a snippet as if it lived at `file`, with the project's own config. */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries (docs/architecture.md §2)', { timeout: LINTS_MS }, () => {
  it('fails on the renderer importing node:fs', async () => {
    const msgs = await lint(
      'src/renderer/src/features/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(msgs.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('fails on src/main/core importing electron', async () => {
    const msgs = await lint('src/main/core/x.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(msgs.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('fails on src/shared importing node built-ins or main code', async () => {
    expect(
      (await lint('src/shared/x.ts', "import { join } from 'node:path';\nexport const x = join;\n")).join(),
    ).toMatch(/no-restricted-imports/);
    expect(
      (
        await lint(
          'src/shared/x.ts',
          "import { createBench } from '../main/core/bench';\nexport const x = createBench;\n",
        )
      ).join(),
    ).toMatch(/no-restricted-imports/);
  });

  it('fails on the preload importing a value from shared, allows a type import', async () => {
    expect(
      (
        await lint(
          'src/preload/x.ts',
          "import { commands } from '../shared/bridge/contract';\nexport const x = commands;\n",
        )
      ).join(),
    ).toMatch(/no-restricted-imports/);
    expect(
      await lint(
        'src/preload/x.ts',
        "import type { RawBridge } from '../shared/bridge/contract';\nexport type X = RawBridge;\n",
      ),
    ).toEqual([]);
  });

  it('fails on src/main/core importing the virtual board, except the in-app start in core/virtual-board.ts', async () => {
    const value = "import { startBoard } from '../board';\nexport const x = startBoard;\n";
    expect((await lint('src/main/core/x.ts', value)).join()).toMatch(/no-restricted-imports.*over the wire/);
    expect(
      (
        await lint(
          'src/main/core/memory/x.ts',
          "import type { BoardMemory } from '../../board/memory/board-memory';\nexport type X = BoardMemory;\n",
        )
      ).join(),
    ).toMatch(/no-restricted-imports/);
    expect(
      (
        await lint(
          'src/main/core/handlers/x.test.ts',
          "import { listLine } from '../../board/ftp/listing';\nexport const x = listLine;\n",
        )
      ).join(),
    ).toMatch(/no-restricted-imports/);
    expect(await lint('src/main/core/virtual-board.ts', value)).toEqual([]);
    // Names that only look like it stay allowed: the core's own handlers/board and the shared board contract.
    expect(
      await lint(
        'src/main/core/x.ts',
        "import { boardHandlers } from './handlers/board';\nimport type { VirtualBoardStatus } from '../../shared/bridge/contracts/board';\nexport const x = boardHandlers;\nexport type Y = VirtualBoardStatus;\n",
      ),
    ).toEqual([]);
    // The other rules of the core still hold in virtual-board.ts and under the new rule.
    expect(
      (
        await lint('src/main/core/memory/x.ts', "import { app } from 'electron';\nexport const x = app;\n")
      ).join(),
    ).toMatch(/no-restricted-imports/);
  });

  it('fails on the virtual board importing the core', async () => {
    expect(
      (
        await lint(
          'src/main/board/memory/x.ts',
          "import { PoolStatusFeed } from '../../core/memory/pool-feed';\nexport const x = PoolStatusFeed;\n",
        )
      ).join(),
    ).toMatch(/no-restricted-imports.*must not import the core/);
    expect(
      (await lint('src/main/board/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).join(),
    ).toMatch(/no-restricted-imports/);
  });

  it('allows what the picture allows', async () => {
    expect(
      await lint('src/main/ipc/x.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n"),
    ).toEqual([]);
    expect(
      await lint(
        'src/main/board/x.ts',
        "import { createServer } from 'node:net';\nexport const x = createServer;\n",
      ),
    ).toEqual([]);
  });
});
