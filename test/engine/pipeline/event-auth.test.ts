import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureMatches, signBody, tokenMatches } from '../../../src-main/engine/pipeline/event-auth.ts';

const body = Buffer.from('{"event":"task.completed","taskId":"task_abc123"}');
const hex = createHmac('sha256', 'whsec_test').update(body).digest('hex');

describe('signatureMatches', () => {
  it('accepts the hex HMAC-SHA256 of the raw body, with or without sha256=', () => {
    expect(signatureMatches(body, hex, 'whsec_test')).toBe(true);
    expect(signatureMatches(body, hex.toUpperCase(), 'whsec_test')).toBe(true);
    expect(signatureMatches(body, `sha256=${hex}`, 'whsec_test')).toBe(true);
    expect(signBody(body, 'whsec_test')).toBe(hex);
  });

  it.each([
    ['another secret', createHmac('sha256', 'other').update(body).digest('hex')],
    ['a re-serialised body', createHmac('sha256', 'whsec_test').update(`${body} `).digest('hex')],
    ['a short value', hex.slice(0, 10)],
    ['not hex', 'z'.repeat(64)],
    ['nothing', undefined],
  ])('refuses %s', (_what, header) => {
    expect(signatureMatches(body, header, 'whsec_test')).toBe(false);
  });
});

describe('tokenMatches', () => {
  it('takes the token as a bearer or as ?token=', () => {
    expect(tokenMatches('Bearer tok-12345', null, 'tok-12345')).toBe(true);
    expect(tokenMatches(undefined, 'tok-12345', 'tok-12345')).toBe(true);
    expect(tokenMatches('Bearer api-token', 'tok-12345', 'tok-12345')).toBe(true);
  });

  it('refuses a wrong or missing token', () => {
    expect(tokenMatches('Bearer tok-1234', null, 'tok-12345')).toBe(false);
    expect(tokenMatches('tok-12345', null, 'tok-12345')).toBe(false);
    expect(tokenMatches(undefined, null, 'tok-12345')).toBe(false);
  });
});
