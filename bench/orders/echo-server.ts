/** Starts and stops the baseline echo venue (echo-worker.ts) on a worker thread. */
import { Worker } from 'node:worker_threads';

export interface EchoServer {
  url: string;
  stop(): Promise<void>;
}

export function startEchoServer(): Promise<EchoServer> {
  // Workers do not inherit --import tsx's loader: the bootstrap registers tsx, then loads the .ts.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./echo-worker.ts', import.meta.url).href);
  const worker = new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); })`, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (msg: { port: number }) => {
      resolve({
        url: `http://127.0.0.1:${msg.port}`,
        stop: () => new Promise<void>((done) => {
          worker.once('exit', () => done());
          worker.postMessage('stop');
          setTimeout(() => void worker.terminate(), 2000).unref();
        }),
      });
    });
  });
}
