import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTML_ERROR_PAGE, listenLoopback, readBody, send, sendHuge } from './loopback-server.ts';

/**
 * A local stand-in for a solver's balance API, for tests and the demo.
 *
 * - `GET /res.php?key=…&action=getbalance[&json=1]` answers like CaptchaAI / 2captcha:
 *   `{"status":1,"request":"12.34"}` with `json=1`, plain `12.34` without; errors as
 *   `{"status":0,"request":"ERROR_…"}` or plain `ERROR_…`. Unknown keys get ERROR_WRONG_USER_KEY.
 * - `POST /getBalance {"clientKey":"…"}` answers like Anti-Captcha / CapMonster:
 *   `{"errorId":0,"balance":12.34}`, unknown keys `{"errorId":1,"errorCode":"ERROR_KEY_DOES_NOT_EXIST",…}`.
 *
 * Modes make it misbehave: `hang` never answers, `garbage` sends a non-numeric balance,
 * `broken-json` truncated JSON, `html` a 502 proxy error page, `huge` a body of 2 MiB.
 */
export type FakeCaptchaAiMode = 'normal' | 'hang' | 'garbage' | 'broken-json' | 'html' | 'huge';

export interface FakeCaptchaAiOptions {
  /** Default 25.5. */
  balance?: number | string;
  /** Keys accepted; default `[FAKE_CAPTCHAAI_KEY]`. */
  validKeys?: Iterable<string>;
}

export interface FakeCaptchaAi {
  /** Base URL (`http://127.0.0.1:<port>`), to use as a balance monitor's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** Requests received on either endpoint, including ones left hanging. */
  readonly calls: number;
  /** Mutable: add or remove accepted keys at any time. */
  readonly validKeys: Set<string>;
  setBalance(balance: number | string): void;
  /** Forces this provider error code on every request (even for valid keys); null to stop. */
  setError(code: string | null): void;
  setMode(mode: FakeCaptchaAiMode): void;
  /** Answers every balance request with exactly this body (JSON.stringify cannot write `1e309`); null to stop. */
  setAnswer(body: string | null): void;
  close(): Promise<void>;
}

export const FAKE_CAPTCHAAI_KEY = 'fake-captchaai-key-0123456789abcdef';

const HUGE_BYTES = 2 * 1_048_576;
const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain; charset=utf-8';

export async function startFakeCaptchaAi(options: FakeCaptchaAiOptions = {}): Promise<FakeCaptchaAi> {
  const validKeys = new Set(options.validKeys ?? [FAKE_CAPTCHAAI_KEY]);
  let balance: number | string = options.balance ?? 25.5;
  let forcedError: string | null = null;
  let mode: FakeCaptchaAiMode = 'normal';
  let answer: string | null = null;
  let calls = 0;

  /** What res.php says now: success or not, and its `request` field. */
  const resPhpAnswer = (query: URLSearchParams): [ok: boolean, request: string] => {
    if (mode === 'garbage') return [true, 'abc'];
    if (forcedError) return [false, forcedError];
    const key = query.get('key');
    if (!key || !validKeys.has(key)) return [false, 'ERROR_WRONG_USER_KEY'];
    if (query.get('action') !== 'getbalance') return [false, 'ERROR_NO_SUCH_METHOD'];
    return [true, String(balance)];
  };

  const resPhp = (res: ServerResponse, query: URLSearchParams): void => {
    if (mode === 'broken-json') {
      send(res, 200, JSON_TYPE, '{"status":1,"request":"12.');
      return;
    }
    const [ok, request] = resPhpAnswer(query);
    if (query.get('json') === '1') send(res, 200, JSON_TYPE, JSON.stringify({ status: ok ? 1 : 0, request }));
    else send(res, 200, TEXT_TYPE, request);
  };

  const getBalance = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    if (mode === 'garbage') return send(res, 200, JSON_TYPE, JSON.stringify({ errorId: 0, balance: 'abc' }));
    if (mode === 'broken-json') return send(res, 200, JSON_TYPE, '{"errorId":0,"bal');
    const error = (errorCode: string, errorDescription: string) =>
      send(res, 200, JSON_TYPE, JSON.stringify({ errorId: 1, errorCode, errorDescription }));
    if (forcedError) return error(forcedError, 'Forced error');
    let clientKey: unknown;
    try {
      clientKey = (JSON.parse(text) as { clientKey?: unknown }).clientKey;
    } catch {
      return error('ERROR_KEY_DOES_NOT_EXIST', 'Account authorization key not found in the system');
    }
    if (typeof clientKey !== 'string' || !validKeys.has(clientKey)) {
      return error('ERROR_KEY_DOES_NOT_EXIST', 'Account authorization key not found in the system');
    }
    const value = typeof balance === 'number' ? balance : Number(balance);
    send(
      res,
      200,
      JSON_TYPE,
      JSON.stringify({ errorId: 0, balance: Number.isFinite(value) ? value : balance }),
    );
  };

  const loopback = await listenLoopback((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const known = url.pathname === '/res.php' || (url.pathname === '/getBalance' && req.method === 'POST');
    if (!known) return send(res, 404, TEXT_TYPE, 'not found');
    calls++;
    if (mode === 'hang') return;
    if (answer !== null) return send(res, 200, JSON_TYPE, answer);
    if (mode === 'html') return send(res, 502, 'text/html', HTML_ERROR_PAGE(502, 'Bad Gateway'));
    if (mode === 'huge')
      return sendHuge(res, url.pathname === '/res.php' ? TEXT_TYPE : JSON_TYPE, HUGE_BYTES);
    if (url.pathname === '/res.php') return resPhp(res, url.searchParams);
    void getBalance(req, res);
  });

  return {
    url: loopback.origin,
    port: loopback.port,
    get calls() {
      return calls;
    },
    validKeys,
    setBalance(next) {
      balance = next;
    },
    setError(code) {
      forcedError = code;
    },
    setMode(next) {
      mode = next;
    },
    setAnswer(body) {
      answer = body;
    },
    close: () => loopback.close(),
  };
}
