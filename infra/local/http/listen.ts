/** Binding and closing the runtime's HTTP servers: the AWS endpoint and the HTTP API. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on `port` of `host` (0: a free port); resolves with the port, rejects if it is taken. */
export async function listenOn(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Closes `server`, ending its open (keep-alive) connections instead of waiting for them. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
