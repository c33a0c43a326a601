import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { root } from '../support/processes';

/** Lints a snippet as if it lived at `file`, with the project's own config. */
async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries (docs/architecture.md §2)', () => {
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
