#!/usr/bin/env node
'use strict';
// Peer: the smallest WebSocket chat hub, the reference for fan-out. Every {"type":"say"} frame
// is re-encoded once as {"type":"message","id","room","from","text","sentAt"} (the frame the
// suite's chat sends) and sent to every open client, its sender included. Every other JSON
// frame (auth, join, ...) is accepted and ignored, so fanout.js's templates for the suite fit
// it as they are; a frame that is not a JSON object gets an error frame. No rooms, no
// authentication, no history, no limits but the frame size: what is left is the cost of
// parsing, encoding and writing the frames. Loopback only.
//
//   node hub.js [--port 13090] [--path /ws/chat]
const { WebSocketServer, WebSocket } = require('ws');

const options = { '--port': '13090', '--path': '/ws/chat' };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  if (!(args[i] in options) || args[i + 1] === undefined) {
    process.stderr.write(`hub: unknown option ${args[i]} (--port, --path)\n`);
    process.exit(2);
  }
  options[args[i]] = args[i + 1];
}
const port = Number(options['--port']);
const path = options['--path'];

const server = new WebSocketServer({
  host: '127.0.0.1', port, path, backlog: 4096, perMessageDeflate: false, maxPayload: 64 * 1024,
});
let lastId = 0;
let nextClient = 0;

server.on('connection', (socket) => {
  const name = `hub${++nextClient}`;
  socket.on('message', (data, isBinary) => {
    let frame;
    try {
      frame = isBinary ? null : JSON.parse(data.toString());
    } catch {
      frame = null;
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      socket.send(JSON.stringify({ type: 'error', message: 'A frame must be a JSON object with a "type".' }));
      return;
    }
    if (frame.type !== 'say') {
      return;
    }
    const message = JSON.stringify({
      type: 'message', id: ++lastId, room: String(frame.room ?? 'general'), from: name,
      text: String(frame.text ?? ''), sentAt: new Date().toISOString(),
    });
    for (const client of server.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(message);
      }
    }
  });
  socket.on('error', () => socket.terminate());
});
server.on('listening', () => console.log(`ws-hub listening on ws://127.0.0.1:${port}${path}`));
server.on('error', (error) => {
  console.error(`ws-hub: ${error.message}`);
  process.exit(1);
});
process.on('SIGTERM', () => {
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
});
