// The mail server of the bench: Marquee queues a confirmation with every booking (DESIGN §7) and its
// dispatcher delivers it after the commit. The sink accepts every message over plain SMTP and counts
// it, so that each is delivered once, as in production, instead of failing and being retried.
import { createServer } from 'node:net';
import { log, onCleanup } from './lifecycle.mjs';

/** Starts the sink on a free port of 127.0.0.1; resolves { url, delivered() }. Stopped at cleanup. */
export async function startSmtpSink() {
  let delivered = 0;
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('latin1');
    let buffer = '';
    let inData = false;
    const reply = (line) => socket.write(`${line}\r\n`);
    reply('220 bench-sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          buffer = buffer.slice(end + 5);
          inData = false;
          delivered++;
          reply('250 2.0.0 queued');
          continue;
        }
        const end = buffer.indexOf('\r\n');
        if (end === -1) return;
        const command = buffer.slice(0, end).slice(0, 4).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (command === 'EHLO' || command === 'HELO') reply('250 bench-sink');
        else if (command === 'DATA') {
          inData = true;
          // DATA's first line may follow at once; the terminator is searched from the line before it.
          buffer = `\r\n${buffer}`;
          reply('354 go ahead');
        } else if (command === 'QUIT') {
          reply('221 bye');
          socket.end();
          return;
        } else reply('250 ok');
      }
    });
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address();
  onCleanup(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolveClose) => server.close(resolveClose));
  });
  log(`mail sink on :${port}`);
  return { url: `smtp://127.0.0.1:${port}`, delivered: () => delivered };
}
