import type { HttpMonitor } from '../../api/config-schema.ts';
import type { Sample } from '../sample.ts';
import {
  answeredSample,
  failedSample,
  hasKeys,
  isJsonType,
  markDown,
  mediaType,
  parseJson,
} from './http-sample.ts';
import type { ProbeContext } from './probe-context.ts';

/** Any URL: status, keyword and (for conditions) the JSON body when there is one. */
export async function probeHttp(monitor: HttpMonitor, ctx: ProbeContext): Promise<Sample> {
  const time = ctx.now();
  const result = await ctx.http.request({
    url: monitor.url,
    method: monitor.method,
    headers: hasKeys(monitor.headers) ? monitor.headers : undefined,
    body: monitor.body,
    timeoutMs: monitor.timeoutMs,
    maxBodyBytes: monitor.maxBodyBytes,
    maxRedirects: monitor.maxRedirects,
    tls: monitor.tls,
    signal: ctx.signal,
  });
  if (!result.ok) return failedSample(monitor.id, time, result);

  const text = result.bodyText;
  const sample = answeredSample(monitor.id, time, result, text);
  const type = mediaType(result.headers);
  if (isJsonType(type) || (type === '' && /^\s*[[{]/.test(text))) {
    const parsed = parseJson(text);
    if (parsed.ok) sample.body = parsed.value;
  }

  const expected = monitor.expectStatus;
  const statusOk = expected ? expected.includes(result.status) : result.status >= 200 && result.status < 300;
  if (!statusOk) {
    const wanted = expected ? expected.join(', ') : '2xx';
    return markDown(sample, 'http-status', `HTTP ${result.status} (expected ${wanted})`);
  }
  if (monitor.keyword !== undefined && !text.includes(monitor.keyword)) {
    return markDown(sample, 'bad-body', `keyword "${monitor.keyword}" not found in the response`);
  }
  if (monitor.keywordAbsent !== undefined && text.includes(monitor.keywordAbsent)) {
    return markDown(sample, 'bad-body', `response contains "${monitor.keywordAbsent}", which must be absent`);
  }
  return sample;
}
