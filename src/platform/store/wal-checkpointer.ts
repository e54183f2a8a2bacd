import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker copies committed WAL frames back into each database file. */
const CHECKPOINT_EVERY_MS = 200;
/** What SQLite cuts a WAL file back to when it restarts (journal_size_limit). */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/**
 * WAL pages (4 KiB) past which the WAL is made to restart: as many as the size limit holds, so a
 * WAL under steady load stays at that size. Each restart holds the writer's commits back for one
 * last checkpoint pass (a few ms; see WalCheckpointer), so the larger the WAL may grow, the rarer
 * these waits: at 10,000 orders/s the exchange writes about 26 MB of WAL a second (a restart every
 * 2.5 s, each holding commits back 2-3 ms).
 */
const RESTART_AFTER_PAGES = WAL_SIZE_LIMIT_BYTES / 4096;

/**
 * The worker's code: its own connection per database file, a PASSIVE checkpoint of each on a
 * timer (it never waits for the writer, nor the writer for it), and one more on request while the
 * writer waits (finish).
 *
 * SQLite syncs the database file only in a pass that copies the whole WAL, which under a steady
 * writer is the pass the writer waits for (finish): that sync then wrote out every page copied
 * since the last restart (up to 64 MB), holding the writer's commits for up to 20 ms. So after each
 * timer pass that copied something, the worker syncs the database file itself (through a
 * descriptor the store owns), leaving the finishing pass little to write. Plain CommonJS run with
 * `eval: true`, so the same code works from the sources, the build and the test runner alike.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { fsyncSync } = require('node:fs');
const Database = require(workerData.driver);
const files = new Map();
/** Per file: the descriptor to sync it through, and how many WAL frames had been copied at the last sync. */
const syncs = new Map();
let lastError = null;
/** A PASSIVE checkpoint, then a sync of the database file if this pass copied frames. */
function checkpoint(file, db) {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  const sync = syncs.get(file);
  if (result.checkpointed !== sync.copied) {
    fsyncSync(sync.fd);
    sync.copied = result.checkpointed;
    parentPort.postMessage({ synced: file });
  }
  return result;
}
parentPort.on('message', (msg) => {
  if (msg.attach && !files.has(msg.attach)) {
    try {
      files.set(msg.attach, new Database(msg.attach, { fileMustExist: true }));
      syncs.set(msg.attach, { fd: msg.fd, copied: 0 });
    } catch (err) {
      parentPort.postMessage({ unwatched: msg.attach, error: msg.attach + ': cannot open it to checkpoint: ' + err.message });
    }
  }
  if (msg.finish) {
    // The writer holds its commits back meanwhile: this pass can copy everything, after which
    // the writer's next commit starts the WAL over from its beginning. Not through checkpoint():
    // a pass that completes the WAL syncs the database file itself, so a second sync would only
    // lengthen the writer's wait.
    let complete = false;
    try {
      const [result] = files.get(msg.finish).pragma('wal_checkpoint(PASSIVE)');
      complete = result.busy === 0 && result.log === result.checkpointed;
    } catch {
      // Not complete: the writer then checkpoints on its own connection, where a failure shows.
    }
    parentPort.postMessage({ finished: msg.finish, complete });
  }
  if (msg.stop) {
    clearInterval(timer);
    for (const db of files.values()) db.close();
    parentPort.close();
  }
});
const timer = setInterval(() => {
  for (const [file, db] of files) {
    try {
      let result = checkpoint(file, db);
      if (lastError !== null) { lastError = null; parentPort.postMessage({ recovered: file }); }
      if (result.log >= workerData.restartAfterPages) {
        // Copy (and sync) what arrived during that pass too, up to three more passes while a pass
        // still brings 256 pages or more: what is left is what the writer's commits wait for
        // while the restart is finished.
        for (let pass = 0; pass < 3; pass++) {
          const again = checkpoint(file, db);
          const arrived = again.log - result.log;
          result = again;
          if (arrived < 256) break;
        }
        parentPort.postMessage({ restart: file });
      }
    } catch (err) {
      if (err.code === 'SQLITE_BUSY') continue;
      if (lastError !== err.message) { lastError = err.message; parentPort.postMessage({ error: file + ': ' + err.message }); }
    }
  }
}, workerData.everyMs);
`;

/**
 * Checkpoints SQLite WAL files off the event loop. Left to itself SQLite checkpoints inside
 * whichever COMMIT crosses its page threshold: that commit then copies the WAL into the database
 * and fsyncs it, stalling every order behind it. The writing connection turns automatic
 * checkpoints off (`wal_autocheckpoint = 0`) and this worker copies the pages instead.
 *
 * A checkpoint that runs beside a busy writer never catches up with it, and the WAL restarts
 * from its beginning only once everything in it is copied: so when the WAL has grown past
 * RESTART_AFTER_PAGES, `onRestartDue` tells the writer, which then holds its commits back while
 * `finishRestart` has the worker copy the little that is left (the event loop runs on meanwhile;
 * a checkpoint on the writer's own connection would block it for as long, ~10 ms here).
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped: Promise<void> | undefined;
  private exited = false;
  private readonly files = new Set<string>();
  /** finishRestart calls waiting for the worker, by file. */
  private readonly finishing = new Map<string, (complete: boolean) => void>();
  /** How many times the worker synced each database file after copying WAL frames into it. */
  private readonly syncCounts = new Map<string, number>();
  /** The last checkpoint failure, until a checkpoint succeeds again. */
  failure: string | null = null;

  /**
   * onRestartDue: the writer should checkpoint `file` itself now. onUnwatched: nobody checkpoints
   * `file` any more (the worker could not open it, or died), so the writer must do it again.
   */
  constructor(onRestartDue: (file: string) => void, onUnwatched: (file: string) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // None of the parent's execArgv: under --input-type=module the eval'd CommonJS would not run.
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true, execArgv: [], workerData: { driver, everyMs: CHECKPOINT_EVERY_MS, restartAfterPages: RESTART_AFTER_PAGES },
    });
    this.worker.on('message', (msg: { error?: string; recovered?: string; restart?: string; unwatched?: string; finished?: string; complete?: boolean; synced?: string }) => {
      if (msg.synced !== undefined) return void this.syncCounts.set(msg.synced, this.syncs(msg.synced) + 1);
      if (msg.restart !== undefined) return onRestartDue(msg.restart);
      if (msg.finished !== undefined) return this.settleFinish(msg.finished, msg.complete === true);
      this.failure = msg.error ?? null;
      if (msg.unwatched !== undefined) {
        this.files.delete(msg.unwatched);
        onUnwatched(msg.unwatched);
      }
    });
    this.worker.on('error', (err) => { this.failure = `checkpoint worker failed: ${err.message}`; });
    this.worker.once('exit', () => {
      this.exited = true;
      for (const file of [...this.finishing.keys()]) this.settleFinish(file, false);
      if (!this.stopped) for (const file of this.files) onUnwatched(file);
    });
    // Never the reason a process stays alive (adding a message listener refs it, so this comes
    // after them); stop() holds the process until the worker is done.
    this.worker.unref();
  }

  /** False once the worker has exited (stopped, or died). */
  get running(): boolean {
    return !this.exited;
  }

  /**
   * Starts checkpointing a database file (already in WAL mode), syncing it through `syncFd`: a
   * descriptor of the same file that the caller opened and closes only after its own connection.
   * (Closing any descriptor of a file drops the process's POSIX locks on it, SQLite's included.)
   */
  watch(file: string, syncFd: number): void {
    this.files.add(file);
    this.worker.postMessage({ attach: file, fd: syncFd });
  }

  /** How many times the worker has synced `file` after copying WAL frames into it. */
  syncs(file: string): number {
    return this.syncCounts.get(file) ?? 0;
  }

  /**
   * One more checkpoint of `file` by the worker, while the caller holds its writes back; resolves
   * true when it copied everything (the next commit then restarts the WAL), false otherwise (busy,
   * or the worker is gone): the caller should checkpoint itself.
   */
  finishRestart(file: string): Promise<boolean> {
    if (this.exited || !this.files.has(file) || this.finishing.has(file)) return Promise.resolve(false);
    return new Promise((resolve) => {
      // Held alive while the writer waits on it; unref'd again once it answered.
      this.worker.ref();
      this.finishing.set(file, resolve);
      this.worker.postMessage({ finish: file });
    });
  }

  private settleFinish(file: string, complete: boolean): void {
    const resolve = this.finishing.get(file);
    if (!resolve) return;
    this.finishing.delete(file);
    if (this.finishing.size === 0 && !this.stopped) this.worker.unref();
    resolve(complete);
  }

  /** Stops the worker after its current checkpoint; the caller then checkpoints what is left. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ stop: true });
    });
    return this.stopped;
  }
}
