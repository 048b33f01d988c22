import { describe, expect, it } from 'vitest';
import { BALANCE_APIS } from '../../../src-main/engine/balance/providers.ts';

describe('balance providers: calls', () => {
  it.each([
    ['captchaai', 'https://ocr.captchaai.com/res.php?key=k%2By&action=getbalance&json=1'],
    ['2captcha', 'https://2captcha.com/res.php?key=k%2By&action=getbalance&json=1'],
  ] as const)('%s reads res.php with the key in the query', (id, url) => {
    const api = BALANCE_APIS[id];
    expect(api.call(api.defaultBaseUrl, 'k+y')).toEqual({ url, method: 'GET' });
  });

  it.each([
    ['anti-captcha', 'https://api.anti-captcha.com/getBalance'],
    ['capmonster', 'https://api.capmonster.cloud/getBalance'],
  ] as const)('%s posts the key as JSON', (id, url) => {
    const api = BALANCE_APIS[id];
    expect(api.call(api.defaultBaseUrl, 'k"y')).toMatchObject({
      url,
      method: 'POST',
      body: '{"clientKey":"k\\"y"}',
    });
  });

  it('joins a base URL with a path prefix or a trailing slash', () => {
    expect(BALANCE_APIS.captchaai.call('http://127.0.0.1:9/mirror/', 'k').url).toBe(
      'http://127.0.0.1:9/mirror/res.php?key=k&action=getbalance&json=1',
    );
  });
});

describe('balance providers: res.php answers (captchaai, 2captcha)', () => {
  const read = BALANCE_APIS.captchaai.read;
  it.each([
    ['{"status":1,"request":"12.34"}', { ok: true, balance: 12.34 }],
    ['{"status":1,"request":7.5}', { ok: true, balance: 7.5 }],
    ['{"status":"1","request":"0"}', { ok: true, balance: 0 }],
    ['  12.34\n', { ok: true, balance: 12.34 }],
    ['-0.25', { ok: true, balance: -0.25 }],
    ['{"status":0,"request":"ERROR_ZERO_BALANCE"}', { ok: true, balance: 0 }],
    [
      '{"status":0,"request":"ERROR_WRONG_USER_KEY"}',
      {
        ok: false,
        errorKind: 'key-rejected',
        errorCode: 'ERROR_WRONG_USER_KEY',
        error: 'API key rejected by captchaai (ERROR_WRONG_USER_KEY)',
      },
    ],
    [
      'ERROR_KEY_DOES_NOT_EXIST',
      {
        ok: false,
        errorKind: 'key-rejected',
        error: 'API key rejected by captchaai (ERROR_KEY_DOES_NOT_EXIST)',
      },
    ],
    [
      '{"status":0,"request":"ERROR_IP_NOT_ALLOWED"}',
      {
        ok: false,
        errorKind: 'provider',
        error: 'captchaai does not accept requests from this IP address (ERROR_IP_NOT_ALLOWED)',
      },
    ],
    ['IP_BANNED', { ok: false, errorKind: 'provider', errorCode: 'IP_BANNED' }],
    [
      '{"status":0,"request":"ERROR_ACCOUNT_SUSPENDED"}',
      {
        ok: false,
        errorKind: 'provider',
        error: 'the captchaai account is suspended (ERROR_ACCOUNT_SUSPENDED)',
      },
    ],
    [
      '{"status":0,"request":"ERROR_SOMETHING_NEW","error_text":"Something new went wrong"}',
      {
        ok: false,
        errorKind: 'provider',
        error: 'captchaai error: Something new went wrong (ERROR_SOMETHING_NEW)',
      },
    ],
    [
      '{"status":0,"request":"ERROR_SOMETHING_NEW"}',
      { ok: false, error: 'captchaai error ERROR_SOMETHING_NEW' },
    ],
    [
      '{"status":1,"request":"abc"}',
      { ok: false, errorKind: 'bad-body', error: 'balance is not a number: "abc"' },
    ],
    [
      '{"status":1,"request":"0x10"}',
      { ok: false, errorKind: 'bad-body', error: 'balance is not a number: "0x10"' },
    ],
    ['{"status":1,"request":""}', { ok: false, errorKind: 'bad-body', error: 'balance is not a number: ""' }],
    [
      '{"status":1}',
      {
        ok: false,
        errorKind: 'bad-body',
        error: 'the captchaai balance API answered {"status":1} without an amount',
      },
    ],
    [
      '{"status":1,"request":null}',
      {
        ok: false,
        errorKind: 'bad-body',
        error: 'the captchaai balance API answered {"status":1,"request":null} without an amount',
      },
    ],
    [
      `{"status":1,"request":"1${'0'.repeat(400)}"}`,
      {
        ok: false,
        errorKind: 'bad-body',
        error: `the captchaai balance API answered an amount that is not a finite number: "1${'0'.repeat(22)}…"`,
      },
    ],
    [
      '{"status":1,"request":1e309}',
      {
        ok: false,
        errorKind: 'bad-body',
        error: 'the captchaai balance API answered an amount that is not a finite number: Infinity',
      },
    ],
    [
      `-1${'0'.repeat(400)}`,
      {
        ok: false,
        errorKind: 'bad-body',
        error: `the captchaai balance API answered an amount that is not a finite number: "-1${'0'.repeat(21)}…"`,
      },
    ],
    [
      '{"status":0}',
      {
        ok: false,
        errorKind: 'bad-body',
        error: 'expected a balance from captchaai, got JSON without a "request" field',
      },
    ],
    [
      '{"status":1,"requ',
      { ok: false, errorKind: 'bad-body', error: 'expected a balance from captchaai, got malformed JSON' },
    ],
    ['abc', { ok: false, errorKind: 'bad-body', error: 'balance is not a number: "abc"' }],
    [
      '<html><body>502</body></html>',
      { ok: false, errorKind: 'bad-body', error: 'expected a balance from captchaai, got HTML' },
    ],
    ['', { ok: false, errorKind: 'bad-body', error: 'expected a balance from captchaai, got an empty body' }],
  ])('reads %j', (body, expected) => {
    const reading = read(body);
    expect(reading).toMatchObject(expected);
    if (!reading.ok && reading.errorKind === 'bad-body') expect(reading.errorCode).toBeUndefined();
  });

  it('names the provider it reads for', () => {
    expect(BALANCE_APIS['2captcha'].read('ERROR_WRONG_USER_KEY')).toMatchObject({
      error: 'API key rejected by 2captcha (ERROR_WRONG_USER_KEY)',
    });
  });
});

describe('balance providers: getBalance answers (anti-captcha, capmonster)', () => {
  const read = BALANCE_APIS['anti-captcha'].read;
  it.each([
    ['{"errorId":0,"balance":3.4}', { ok: true, balance: 3.4 }],
    ['{"errorId":0,"balance":"3.40"}', { ok: true, balance: 3.4 }],
    [
      '{"errorId":1,"errorCode":"ERROR_KEY_DOES_NOT_EXIST","errorDescription":"Account authorization key not found in the system"}',
      {
        ok: false,
        errorKind: 'key-rejected',
        error: 'API key rejected by anti-captcha (ERROR_KEY_DOES_NOT_EXIST)',
      },
    ],
    [
      '{"errorId":2,"errorCode":"ERROR_IP_BLOCKED","errorDescription":"Your IP is blocked"}',
      { ok: false, errorKind: 'provider', errorCode: 'ERROR_IP_BLOCKED' },
    ],
    [
      '{"errorId":1,"errorDescription":"odd"}',
      { ok: false, errorKind: 'provider', error: 'anti-captcha error: odd (errorId 1)' },
    ],
    [
      '{"errorId":0,"balance":"abc"}',
      { ok: false, errorKind: 'bad-body', error: 'balance is not a number: "abc"' },
    ],
    [
      '{"errorId":0}',
      {
        ok: false,
        errorKind: 'bad-body',
        error: 'the anti-captcha balance API answered {"errorId":0} without an amount',
      },
    ],
    [
      '{"errorId":0,"balance":-1e400}',
      {
        ok: false,
        errorKind: 'bad-body',
        error: 'the anti-captcha balance API answered an amount that is not a finite number: -Infinity',
      },
    ],
    [
      '{"errorId":0,"bal',
      { ok: false, errorKind: 'bad-body', error: 'expected a balance from anti-captcha, got malformed JSON' },
    ],
    [
      '<!DOCTYPE html><p>Bad gateway</p>',
      { ok: false, errorKind: 'bad-body', error: 'expected a balance from anti-captcha, got HTML' },
    ],
  ])('reads %j', (body, expected) => {
    expect(read(body)).toMatchObject(expected);
  });

  it('names capmonster in its own errors', () => {
    expect(
      BALANCE_APIS.capmonster.read('{"errorId":1,"errorCode":"ERROR_KEY_DOES_NOT_EXIST"}'),
    ).toMatchObject({
      error: 'API key rejected by capmonster (ERROR_KEY_DOES_NOT_EXIST)',
    });
  });
});
