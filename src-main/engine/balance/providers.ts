import type { BalanceProvider } from '../../api/config-schema.ts';
import { cut, readReportedNumber } from '../probes/reported-number.ts';
import type { ErrorKind } from '../sample.ts';

/** The one HTTP call that reads an account balance. */
export interface BalanceCall {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export type BalanceReading =
  | { ok: true; balance: number }
  | {
      ok: false;
      errorKind: ErrorKind;
      error: string /** The provider's own code, e.g. ERROR_WRONG_USER_KEY. */;
      errorCode?: string;
    };

export interface BalanceApi {
  id: BalanceProvider;
  defaultBaseUrl: string;
  call(baseUrl: string, apiKey: string): BalanceCall;
  /** Interprets a response body; `errorCode` is set only when the body is a genuine provider error. */
  read(bodyText: string): BalanceReading;
}

const KEY_REJECTED: ReadonlySet<string> = new Set(['ERROR_WRONG_USER_KEY', 'ERROR_KEY_DOES_NOT_EXIST']);

const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}/${path}`;

/** CaptchaAI and 2captcha: `GET res.php?action=getbalance` answering `{"status":1,"request":"12.34"}` or plain text. */
function resPhpApi(id: BalanceProvider, defaultBaseUrl: string): BalanceApi {
  return {
    id,
    defaultBaseUrl,
    call: (baseUrl, apiKey) => ({
      url: `${joinUrl(baseUrl, 'res.php')}?key=${encodeURIComponent(apiKey)}&action=getbalance&json=1`,
      method: 'GET',
    }),
    read(bodyText) {
      const text = bodyText.trim();
      if (text.startsWith('{')) {
        const json = parseObject(text);
        if (json === null) return unreadable(id, 'malformed JSON');
        if (json.status === 1 || json.status === '1') return balanceFrom(id, json.request, text);
        if (typeof json.request === 'string' && json.request !== '') {
          return providerError(id, json.request, errorText(json.error_text));
        }
        return unreadable(id, 'JSON without a "request" field');
      }
      const plain = readReportedNumber(text);
      if (plain.kind !== 'not-a-number') return balanceFrom(id, text, text);
      if (/^[A-Z][A-Z0-9_]{2,}$/.test(text)) return providerError(id, text);
      return plainTextAnswer(id, text);
    },
  };
}

/** Anti-Captcha and CapMonster Cloud: `POST getBalance {"clientKey"}` answering `{"errorId":0,"balance":3.4}`. */
function getBalanceApi(id: BalanceProvider, defaultBaseUrl: string): BalanceApi {
  return {
    id,
    defaultBaseUrl,
    call: (baseUrl, apiKey) => ({
      url: joinUrl(baseUrl, 'getBalance'),
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientKey: apiKey }),
    }),
    read(bodyText) {
      const text = bodyText.trim();
      if (!text.startsWith('{')) return plainTextAnswer(id, text);
      const json = parseObject(text);
      if (json === null) return unreadable(id, 'malformed JSON');
      if (json.errorId === 0 || json.errorId === '0') return balanceFrom(id, json.balance, text);
      if (json.errorId === undefined && json.balance !== undefined)
        return balanceFrom(id, json.balance, text);
      const code =
        typeof json.errorCode === 'string' && json.errorCode !== ''
          ? json.errorCode
          : `errorId ${String(json.errorId)}`;
      return providerError(id, code, errorText(json.errorDescription));
    },
  };
}

export const BALANCE_APIS: Readonly<Record<BalanceProvider, BalanceApi>> = {
  captchaai: resPhpApi('captchaai', 'https://ocr.captchaai.com'),
  '2captcha': resPhpApi('2captcha', 'https://2captcha.com'),
  'anti-captcha': getBalanceApi('anti-captcha', 'https://api.anti-captcha.com'),
  capmonster: getBalanceApi('capmonster', 'https://api.capmonster.cloud'),
};

/** A provider error code as a reason a user can act on. */
export function providerError(
  provider: BalanceProvider,
  rawCode: string,
  description?: string,
): BalanceReading {
  const code = rawCode.length > 60 ? `${rawCode.slice(0, 59)}…` : rawCode;
  // A zero balance is a reading, so the balance rules (not an error) report it.
  if (code === 'ERROR_ZERO_BALANCE') return { ok: true, balance: 0 };
  const fail = (errorKind: ErrorKind, error: string): BalanceReading => ({
    ok: false,
    errorKind,
    error,
    errorCode: code,
  });
  if (KEY_REJECTED.has(code)) return fail('key-rejected', `API key rejected by ${provider} (${code})`);
  switch (code) {
    case 'ERROR_IP_NOT_ALLOWED':
      return fail('provider', `${provider} does not accept requests from this IP address (${code})`);
    case 'IP_BANNED':
    case 'ERROR_IP_BANNED':
    case 'ERROR_IP_BLOCKED':
      return fail(
        'provider',
        `${provider} has banned this IP address, usually after repeated bad requests (${code})`,
      );
    case 'ERROR_ACCOUNT_SUSPENDED':
      return fail('provider', `the ${provider} account is suspended (${code})`);
    case 'MAX_USER_TURN':
    case 'ERROR_TOO_MUCH_REQUESTS':
      return fail('provider', `${provider} is limiting requests: too many in a short time (${code})`);
  }
  return fail(
    'provider',
    description ? `${provider} error: ${description} (${code})` : `${provider} error ${code}`,
  );
}

/** The amount of a success answer; anything but a finite number is a failed reading that says what came. */
function balanceFrom(provider: BalanceProvider, value: unknown, answer: string): BalanceReading {
  const amount = readReportedNumber(value);
  const fail = (error: string): BalanceReading => ({ ok: false, errorKind: 'bad-body', error });
  switch (amount.kind) {
    case 'finite':
      return { ok: true, balance: amount.value };
    case 'missing':
      return fail(`the ${provider} balance API answered ${cut(answer, 80)} without an amount`);
    case 'not-finite':
      return fail(
        `the ${provider} balance API answered an amount that is not a finite number: ${amount.shown}`,
      );
    case 'not-a-number':
      return fail(`balance is not a number: ${amount.shown}`);
  }
}

function plainTextAnswer(provider: BalanceProvider, text: string): BalanceReading {
  if (text === '') return unreadable(provider, 'an empty body');
  if (text.startsWith('<')) return unreadable(provider, 'HTML');
  if (text.length <= 64 && !text.includes('\n')) {
    return { ok: false, errorKind: 'bad-body', error: `balance is not a number: ${JSON.stringify(text)}` };
  }
  return unreadable(provider, 'text that is not a balance');
}

function unreadable(provider: BalanceProvider, got: string): BalanceReading {
  return { ok: false, errorKind: 'bad-body', error: `expected a balance from ${provider}, got ${got}` };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function errorText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? cut(value.trim(), 80) : undefined;
}
