import { Worker, type TransferListItem } from 'node:worker_threads';

/**
 * Loads a worker's module: the build's JavaScript, or from the sources (tests, benchmarks, `npm
 * run dev`) the TypeScript through tsx. Plain CommonJS run with `eval: true` and none of the
 * parent's execArgv, so it also works in a process started with --input-type=module.
 */
const BOOT_SOURCE = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.boot.tsx) (await import(workerData.boot.tsx)).register();
  await import(workerData.boot.entry);
})().catch((err) => { setImmediate(() => { throw err; }); });
`;

/**
 * Starts a worker thread running `entry`, the path of a module next to `from` (an import.meta.url)
 * without its extension: `.ts` when `from` is a source file, `.js` in the build. The worker reads
 * `data` as workerData.
 */
export function startWorker(from: string, entry: string, data: Record<string, unknown>, transferList: TransferListItem[] = []): Worker {
  const fromSources = from.endsWith('.ts');
  const boot = {
    entry: new URL(`${entry}.${fromSources ? 'ts' : 'js'}`, from).href,
    tsx: fromSources ? import.meta.resolve('tsx/esm/api') : null,
  };
  return new Worker(BOOT_SOURCE, { eval: true, execArgv: [], workerData: { ...data, boot }, transferList });
}
