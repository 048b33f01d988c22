import { createServer, type Socket } from 'node:net';

/** A TCP port on 127.0.0.1 that accepts connections and never answers, like a wedged server. */
export interface HangingServer {
  port: number;
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Connections open now. */
  readonly open: number;
  close(): Promise<void>;
}

export async function startHangingServer(): Promise<HangingServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    // Read and drop whatever the client sends, so its writes never block; answer nothing.
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    get open() {
      return sockets.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
