#!/usr/bin/env node
'use strict';
// WebSocket fan-out: N clients connect and send their hello frames (auth, join, ...); one of
// them, the sender, sends M messages; every other client must receive each one exactly once.
// Reports what was delivered, lost and duplicated, the delivery latency (send to receipt, one
// process so one clock) and what connecting cost. Loopback only; bounded in count and time.
//
// node fanout.js --url ws://127.0.0.1:8080/ws/chat [--url ws://127.0.0.1:8081/ws/chat ...]
//   [--clients 100] [--messages 20] [--interval-ms 50] [--sender 0]
//   [--hello TEMPLATE]... [--msg TEMPLATE] [--ready TEXT] [--ready-timeout-s 30]
//   [--tokens-file FILE | --register http://127.0.0.1:8083/api/users [--save-tokens FILE]]
//   [--nick-prefix PREFIX] [--register-parallel 16] [--register-only]
//   [--connect-parallel 100] [--connect-rate 0] [--settle-ms 1000] [--drain-ms 3000] [--timeout-s 120]
//
// --url       given several times (replicas): client i connects to URL number i mod count.
// --hello     frames sent in order as soon as a client's socket opens, e.g.
//             '{"type":"auth","token":"{token}"}' then '{"type":"join","room":"bench"}'.
// --msg       the sender's frame, must contain {text}: a marker unique to the run and the
//             message ({seq}), that receivers look for in whatever frames they get, so any
//             frame format works (the suite's chat and ws-hub re-encode "say" as "message").
// Templates:  {i} client number, {nick} PREFIX<i>, {token} client i's token, {seq}, {text}.
// --ready     a client is ready once a frame containing TEXT arrived after its hellos (e.g.
//             '"type":"history"', the answer to a join); the sender waits (at most
//             --ready-timeout-s) for every client to be ready, then --settle-ms, then sends.
// Tokens:     --tokens-file, one a line (line i for client i); or --register URL: one user per
//             client is created first (POST {"nickname":"PREFIX<i>"}, the token read from
//             the answer's "token"), --save-tokens writing them out; --register-only stops there.
// Connects:   at most --connect-parallel handshakes in flight and, with --connect-rate, at most
//             that many started per second. Needs an open-file limit above --clients (the
//             wrapper, tools/ws-fanout.sh, raises it).
// Prints one line: clients=.. connected=.. messages=.. expected=.. delivered=.. lost=.. dup=..
//   p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. connect_err=.. closed_early=.. error_frames=..
//   not_ready=.. connect_s=.. connect_p50_ms=.. connect_p99_ms=.. urls=.. end=done|why
// and exits 0 only when everything was delivered exactly once with no client lost. On stderr:
// the first connect error and error frame, and the close codes (and reasons) of the sockets
// closed early, with how many of each.
const fs = require('fs');
const { performance } = require('perf_hooks');
const { WebSocket } = require('ws');

const MAX_CLIENTS = 20000;
const runId = Math.random().toString(36).slice(2, 8);
const settings = parse(process.argv.slice(2));
const urls = settings.url;
const clientCount = settings.clients;
const M = settings.messages;

function parse(argv) {
  const values = {
    url: [], clients: 100, messages: 20, 'interval-ms': 50, sender: 0, hello: [],
    msg: '{"type":"say","room":"bench","text":"{text}"}', ready: null, 'ready-timeout-s': 30,
    'tokens-file': null, register: null, 'save-tokens': null, 'nick-prefix': `b${runId}_`,
    'register-parallel': 16, 'register-only': false, 'connect-parallel': 100, 'connect-rate': 0,
    'settle-ms': 1000, 'drain-ms': 3000, 'timeout-s': 120,
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : null;
    if (name === null || !(name in values)) usage(`unknown option ${argv[i]}`);
    if (name === 'register-only') {
      values[name] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) usage(`--${name} needs a value`);
    if (Array.isArray(values[name])) values[name].push(value);
    else if (typeof values[name] === 'number') {
      if (!/^\d+(\.\d+)?$/.test(value)) usage(`--${name} takes a number, not ${value}`);
      values[name] = Number(value);
    } else values[name] = value;
  }
  const v = values;
  const between = (name, low, high) => {
    if (!(v[name] >= low && v[name] <= high)) usage(`--${name} must be ${low}..${high}`);
  };
  between('clients', v['register-only'] ? 1 : 2, MAX_CLIENTS);
  between('messages', 1, 100000);
  between('interval-ms', 0, 10000);
  between('sender', 0, v.clients - 1);
  between('ready-timeout-s', 0, 600);
  between('register-parallel', 1, 256);
  between('connect-parallel', 1, 5000);
  between('connect-rate', 0, 100000);
  between('settle-ms', 0, 120000);
  between('drain-ms', 0, 120000);
  between('timeout-s', 1, 1800);
  if (v.clients * v.messages > 5e6) usage('--clients x --messages must stay at most 5,000,000');
  if (!v.msg.includes('{text}')) usage('--msg must contain {text}');
  if (!/^[A-Za-z0-9_-]{1,20}$/.test(v['nick-prefix'])) usage('--nick-prefix: 1 to 20 letters, digits, _ or -');
  if (v['register-only'] && !(v.register && v['save-tokens'])) usage('--register-only needs --register and --save-tokens');
  if (v.register && v['tokens-file']) usage('--register or --tokens-file, not both');
  if (v.register) loopback(v.register, ['http:', 'https:']);
  if (!v['register-only']) {
    if (v.url.length === 0) usage('--url is required');
    v.url.forEach((url) => loopback(url, ['ws:', 'wss:']));
    const limit = openFileLimit();
    if (limit !== null && limit < v.clients + 64) {
      usage(`the open-file limit is ${limit}, ${v.clients} clients need ${v.clients + 64}: run it through tools/ws-fanout.sh or raise ulimit -n`);
    }
  }
  return v;
}

function loopback(text, protocols) {
  let url;
  try {
    url = new URL(text);
  } catch {
    usage(`not a URL: ${text}`);
  }
  if (!protocols.includes(url.protocol)) usage(`${text}: expected ${protocols.join(' or ')}`);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && !/^127\.\d+\.\d+\.\d+$/.test(url.hostname)) {
    usage(`loopback targets only, not ${url.hostname}`);
  }
}

function openFileLimit() {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line.split(/\s{2,}/)[1];
    return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return null;
  }
}

function usage(problem) {
  process.stderr.write(`fanout: ${problem}\n(the options are described at the top of bench/ws/fanout.js)\n`);
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nick = (i) => `${settings['nick-prefix']}${i}`;
const expand = (template, vars) => template.replace(/\{(i|nick|token|seq|text)\}/g, (_, key) => String(vars[key] ?? ''));

// --- tokens ---------------------------------------------------------------------------------

async function registerUsers(deadline) {
  const tokens = new Array(clientCount);
  let next = 0;
  let failure = null;
  async function lane() {
    while (next < clientCount && failure === null) {
      const i = next++;
      const left = deadline - performance.now();
      if (left <= 0) {
        failure = 'timeout';
        return;
      }
      try {
        const answer = await fetch(settings.register, {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ nickname: nick(i) }), signal: AbortSignal.timeout(Math.min(left, 30000)),
        });
        const body = await answer.text();
        const token = answer.ok ? JSON.parse(body).token : null;
        if (typeof token !== 'string') throw new Error(`HTTP ${answer.status}: ${body.slice(0, 200)}`);
        tokens[i] = token;
      } catch (error) {
        failure = `registering ${nick(i)}: ${error.message}`;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(settings['register-parallel'], clientCount) }, lane));
  return { tokens, failure };
}

// --- the run --------------------------------------------------------------------------------

const clients = []; // by number; undefined until its socket opened
const marker = `bm-${runId}-`;
const sendTimes = new Float64Array(M).fill(-1);
const latencies = new Float64Array(Math.max(1, (clientCount - 1) * M));
const handshakeMs = [];
let delivered = 0;
let dup = 0;
let connectErrors = 0;
let closedEarly = 0;
const closeCodes = new Map(); // close code and reason of the sockets closed early -> how many
let errorFrames = 0;
let readyCount = 0;
let connectS = 0;
let finished = false;
let firstConnectError = null;
let firstErrorFrame = null;
let tokens = [];

function connect(i) {
  return new Promise((resolve) => {
    const started = performance.now();
    const url = urls[i % urls.length];
    const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 15000 });
    const client = { i, socket, got: new Uint8Array(M), open: false, ready: settings.ready === null };
    socket.on('open', () => {
      client.open = true;
      handshakeMs.push(performance.now() - started);
      clients[i] = client;
      if (client.ready) readyCount++;
      const vars = { i, nick: nick(i), token: tokens[i] ?? '' };
      for (const hello of settings.hello) socket.send(expand(hello, vars));
      resolve();
    });
    socket.on('message', (data) => received(client, data.toString()));
    socket.on('error', (error) => {
      if (client.open) return; // the close that follows counts it
      connectErrors++;
      firstConnectError ??= `${url}: ${error.message}`;
      resolve();
    });
    socket.on('close', (code, reason) => {
      if (client.open && !finished) {
        closedEarly++;
        const why = `${code}${reason.length ? ` ${reason.toString().slice(0, 80)}` : ''}`;
        closeCodes.set(why, (closeCodes.get(why) ?? 0) + 1);
      }
    });
  });
}

function received(client, text) {
  if (!client.ready && text.includes(settings.ready)) {
    client.ready = true;
    readyCount++;
  }
  if (text.includes('error') && /"type"\s*:\s*"error"/.test(text)) {
    errorFrames++;
    firstErrorFrame ??= text.slice(0, 300);
  }
  if (client.i === settings.sender) return; // its own copy is not a delivery
  const now = performance.now();
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
    let seq = 0;
    let digits = 0;
    for (let k = at + marker.length; k < text.length; k++) {
      const c = text.charCodeAt(k) - 48;
      if (c < 0 || c > 9) break;
      seq = seq * 10 + c;
      digits++;
    }
    if (digits === 0 || seq >= M || sendTimes[seq] < 0) continue;
    if (client.got[seq]) {
      dup++;
      continue;
    }
    client.got[seq] = 1;
    latencies[delivered++] = now - sendTimes[seq];
  }
}

async function connectAll() {
  const start = performance.now();
  let next = 0;
  async function lane() {
    while (next < clientCount && !finished) {
      const i = next++;
      if (settings['connect-rate'] > 0) {
        const due = start + (i * 1000) / settings['connect-rate'];
        if (due > performance.now()) await sleep(due - performance.now());
      }
      await connect(i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(settings['connect-parallel'], clientCount) }, lane));
  connectS = (performance.now() - start) / 1000;
}

const receivers = () => clients.filter((c) => c && c.i !== settings.sender).length;

async function run() {
  const deadline = performance.now() + settings['timeout-s'] * 1000;
  setTimeout(() => finish('timeout'), settings['timeout-s'] * 1000).unref();
  if (settings.register) {
    const registerStart = performance.now();
    const registration = await registerUsers(deadline);
    const seconds = ((performance.now() - registerStart) / 1000).toFixed(2);
    if (registration.failure) {
      process.stderr.write(`fanout: ${registration.failure}\n`);
      if (settings['register-only']) {
        process.stdout.write(`registered=${registration.tokens.filter(Boolean).length} register_s=${seconds} end=register-failed\n`);
        process.exit(1);
      }
      return finish('register-failed');
    }
    tokens = registration.tokens;
    if (settings['save-tokens']) fs.writeFileSync(settings['save-tokens'], `${tokens.join('\n')}\n`);
    process.stderr.write(`fanout: registered ${clientCount} users in ${seconds} s\n`);
    if (settings['register-only']) {
      process.stdout.write(`registered=${clientCount} register_s=${seconds} end=done\n`);
      process.exit(0);
    }
  } else if (settings['tokens-file']) {
    tokens = fs.readFileSync(settings['tokens-file'], 'utf8').split('\n').filter(Boolean);
    if (tokens.length < clientCount) usage(`${settings['tokens-file']} has ${tokens.length} tokens, ${clientCount} clients need one each`);
  }

  await connectAll();
  const sender = clients[settings.sender];
  if (!sender) return finish('sender-not-connected');
  const readyBy = Math.min(deadline, performance.now() + settings['ready-timeout-s'] * 1000);
  while (readyCount < clients.filter(Boolean).length && performance.now() < readyBy && !finished) await sleep(20);
  await sleep(settings['settle-ms']);

  for (let seq = 0; seq < M && !finished; seq++) {
    if (sender.socket.readyState !== WebSocket.OPEN) return finish('sender-closed');
    sendTimes[seq] = performance.now();
    sender.socket.send(expand(settings.msg, { i: sender.i, nick: nick(sender.i), token: tokens[sender.i] ?? '', seq, text: `${marker}${seq}` }));
    if (settings['interval-ms'] > 0) await sleep(settings['interval-ms']);
  }
  const drainEnd = performance.now() + settings['drain-ms'];
  while (delivered < M * receivers() && performance.now() < drainEnd && !finished) await sleep(20);
  finish('done');
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function finish(why) {
  if (finished) return;
  finished = true;
  const sent = sendTimes.filter((t) => t >= 0).length;
  const expected = sent * receivers();
  const lost = expected - delivered;
  const sorted = latencies.slice(0, delivered).sort();
  const connects = Float64Array.from(handshakeMs).sort();
  const connected = clients.filter(Boolean).length;
  const ms = (x) => x.toFixed(3);
  if (firstConnectError) process.stderr.write(`fanout: first connect error: ${firstConnectError}\n`);
  if (firstErrorFrame) process.stderr.write(`fanout: first error frame: ${firstErrorFrame}\n`);
  for (const [why, count] of closeCodes) process.stderr.write(`fanout: closed early with ${why}: ${count}\n`);
  process.stdout.write(
    `clients=${clientCount} connected=${connected} messages=${sent} expected=${expected} delivered=${delivered}` +
    ` lost=${lost} dup=${dup} p50_ms=${ms(percentile(sorted, 50))} p90_ms=${ms(percentile(sorted, 90))}` +
    ` p99_ms=${ms(percentile(sorted, 99))} max_ms=${ms(percentile(sorted, 100))}` +
    ` connect_err=${connectErrors} closed_early=${closedEarly} error_frames=${errorFrames}` +
    ` not_ready=${connected - readyCount} connect_s=${connectS.toFixed(2)}` +
    ` connect_p50_ms=${ms(percentile(connects, 50))} connect_p99_ms=${ms(percentile(connects, 99))}` +
    ` urls=${urls.length} end=${why}\n`);
  for (const client of clients) client?.socket.terminate();
  const good = why === 'done' && lost === 0 && dup === 0 && connectErrors === 0 && closedEarly === 0 &&
    connected === clientCount;
  setTimeout(() => process.exit(good ? 0 : 1), 200);
}

run().catch((error) => {
  process.stderr.write(`fanout: ${error.stack}\n`);
  finish('error');
});
