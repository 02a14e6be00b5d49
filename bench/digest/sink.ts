// The benchmark's SMTP sink, in its own process so that it does not share the sender's event loop.
// Prints `port <n>` once listening; on SIGTERM prints `accepted <count>` and exits.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 100,
  maxClients: 256,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      accepted += 1;
      callback(null, `queued as b${accepted}`);
    });
  },
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${(server.server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => {
  process.stdout.write(`accepted ${accepted}\n`);
  process.exit(0);
});
