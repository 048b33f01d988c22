import { listenLoopback } from './loopback-server.ts';

/** An HTTP endpoint on 127.0.0.1 that answers 200 and then streams body bytes until the client gives up. */
export interface EndlessBodyServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Responses still streaming. */
  readonly streaming: number;
  close(): Promise<void>;
}

export async function startEndlessBodyServer(): Promise<EndlessBodyServer> {
  let streaming = 0;
  const chunk = Buffer.alloc(16_384, 0x61);
  const loopback = await listenLoopback((_req, res) => {
    streaming++;
    res.once('close', () => streaming--);
    res.writeHead(200, { 'content-type': 'text/plain' });
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  return {
    url: `${loopback.origin}/`,
    get streaming() {
      return streaming;
    },
    close: () => loopback.close(),
  };
}
