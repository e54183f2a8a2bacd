/**
 * Baseline venue: answers every order at once, with no matching or storage, on its own thread
 * (like the real venue runs in its own process). Driving it with the bench's own client code shows
 * the ceiling of the client and the loopback. Posts `{ port }` to the parent when listening.
 */
import http from 'node:http';
import { parentPort } from 'node:worker_threads';
import { WebSocketServer } from 'ws';

const ORDER = '"order":{"order_id":"1","status":"new"}';

const server = http.createServer((req, res) => {
  // Read the whole body as the venue would, then answer like an acknowledged order.
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString());
    const body = `{${ORDER}}`;
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;

const wss = new WebSocketServer({ server, path: '/ws/orders', perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const request = JSON.parse(data.toString()) as { req_id: string };
    ws.send(`{"type":"ack","req_id":${JSON.stringify(request.req_id)},${ORDER}}`);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort?.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
});

parentPort?.on('message', (msg: unknown) => {
  if (msg === 'stop') {
    for (const client of wss.clients) client.terminate();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
