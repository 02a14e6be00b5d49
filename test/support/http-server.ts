import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// `unknown` rather than `void | Promise<void>` so one-liners like `(_req, res) => res.end('x')` type-check.
export type TestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface TestServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43817`. */
  url: string;
  port: number;
  /** Stops listening and destroys every open socket so a test never hangs on a stuck response. */
  close(): Promise<void>;
}

/** Starts a real node:http server on 127.0.0.1 (port 0) that answers with `handler`. */
export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => answerHandlerFailure(res, error));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => closeServer(server, sockets),
  };
}

function answerHandlerFailure(res: ServerResponse, error: unknown): void {
  // A throwing handler must not leave the client waiting until its timeout.
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.end(`test handler failed: ${error instanceof Error ? error.message : String(error)}`);
}

function closeServer(server: ReturnType<typeof createServer>, sockets: Set<Socket>): Promise<void> {
  return new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
