import { type BuildConnector, buildConnector } from './undici-parts.ts';

/**
 * undici's connector, plus one rule: a new socket that undici does not write a request to at once
 * is closed. After a request in flight is aborted (a timeout, a cancelled check), undici destroys
 * its socket, puts the aborted request back in the queue, opens a fresh connection for it and only
 * then drops it; the fresh socket never served a response, so no keep-alive timer ever closes it
 * (https://github.com/nodejs/undici/issues/5845). A hung target checked on a timer would collect
 * one such socket per check. undici writes a waiting request synchronously inside the connect
 * callback, so "nothing was written when the callback returned" means "opened for no request".
 */
export function abortSafeConnector(options: BuildConnector.BuildOptions): BuildConnector.connector {
  const connect = buildConnector(options);
  return (connectOptions, callback) => {
    connect(connectOptions, (err, socket) => {
      if (err !== null || socket === null) {
        callback(err ?? new Error('connection failed'), null);
        return;
      }
      const written = socket.bytesWritten;
      callback(null, socket);
      if (!socket.destroyed && socket.bytesWritten === written) socket.destroy();
    });
  };
}
