import { existsSync, rmSync, writeFileSync } from 'node:fs';

/**
 * The chaos switch on disk: the mode is on while the file exists. Touching or removing it by
 * hand works as well as the API, which writes and removes the same file.
 */
export class FlagFile {
  constructor(readonly path: string) {}

  get present(): boolean {
    return existsSync(this.path);
  }

  set(on: boolean, note: string): void {
    if (on) writeFileSync(this.path, `${note}\n`);
    else rmSync(this.path, { force: true });
  }
}
