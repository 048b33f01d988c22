import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl } from '../../src-main/engine/redact.ts';

describe('redactUrl', () => {
  it.each([
    [
      'https://ocr.captchaai.com/res.php?key=abc123&action=getbalance&json=1',
      'https://ocr.captchaai.com/res.php?key=***&action=getbalance&json=1',
    ],
    ['https://x.test/a?apikey=1&APIKEY=2&Api_Key=3', 'https://x.test/a?apikey=***&APIKEY=***&Api_Key=***'],
    [
      'https://x.test/?access_token=t&token=u&clientKey=v&client_key=w',
      'https://x.test/?access_token=***&token=***&clientKey=***&client_key=***',
    ],
    [
      'https://x.test/?secret=s&password=p&pass=q&sig=r&signature=t&auth=u',
      'https://x.test/?secret=***&password=***&pass=***&sig=***&signature=***&auth=***',
    ],
    ['https://x.test/?api%5Fkey=encoded-name', 'https://x.test/?api%5Fkey=***'],
    [
      'https://x.test/health?page=2&keyword=ok&monkey=banana',
      'https://x.test/health?page=2&keyword=ok&monkey=banana',
    ],
    ['https://x.test/?key=&other=1', 'https://x.test/?key=&other=1'],
    ['https://user:hunter2@x.test:8443/path', 'https://user:***@x.test:8443/path'],
    ['https://user@x.test/path', 'https://user@x.test/path'],
    ['https://u:p%40ss@x.test/?token=abc#frag', 'https://u:***@x.test/?token=***#frag'],
    ['https://x.test/cb#access_token=abc&state=1', 'https://x.test/cb#access_token=***&state=1'],
    [
      'https://discord.com/api/webhooks/123456789012345678/AbCdEf-token_x',
      'https://discord.com/api/webhooks/123456789012345678/***',
    ],
    [
      'https://discord.com/api/v10/webhooks/1234/tok?wait=true',
      'https://discord.com/api/v10/webhooks/1234/***?wait=true',
    ],
    [
      'https://discordapp.com/api/webhooks/1234/tok/github',
      'https://discordapp.com/api/webhooks/1234/***/github',
    ],
    ['https://x.test/plain/path', 'https://x.test/plain/path'],
  ])('masks %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it.each([
    ['not a url?key=abc123', 'not a url?key=***'],
    ['127.0.0.1:9000/res.php?key=abc123&json=1', '127.0.0.1:9000/res.php?key=***&json=1'],
    ['http://[::1:bad/?token=zzz', 'http://[::1:bad/?token=***'],
    ['//user:pw@host/', '//user:***@host/'],
    ['', ''],
    ['?', '?'],
    ['%%%?key=%E0%A4%A', '%%%?key=***'],
  ])('masks invalid URL %j without throwing', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('redactSecrets', () => {
  it.each([
    ['key abc123 rejected', ['abc123'], 'key *** rejected'],
    ['abc123 and abc123 again', ['abc123'], '*** and *** again'],
    ['url ?k=a%2Fb%2Bc%3D', ['a/b+c='], 'url ?k=***'],
    ['{"clientKey":"q\\"uote"}', ['q"uote'], '{"clientKey":"***"}'],
    ['short abc stays', ['abc'], 'short abc stays'],
    ['nothing here', ['secret-value'], 'nothing here'],
    ['both one-secret and one-secret-longer', ['one-secret', 'one-secret-longer'], 'both *** and ***'],
    ['', ['whatever'], ''],
    ['no secrets given', [], 'no secrets given'],
  ] as const)('redacts %j', (text, secrets, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected);
  });
});
