/** Reads a Server-Sent-Events response (fetch with an Authorization header, as the UI does). */
export interface SseEvent {
  event: string;
  data: unknown;
}

export async function openSse(url: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (!res.body) throw new Error('no body');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: SseEvent[] = [];
  const next = async (predicate: (e: SseEvent) => boolean = () => true): Promise<SseEvent> => {
    for (;;) {
      const i = queue.findIndex(predicate);
      if (i >= 0) return queue.splice(i, 1)[0] as SseEvent;
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) queue.push({ event, data: JSON.parse(data) });
        end = buffer.indexOf('\n\n');
      }
    }
  };
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    next,
    close: () => controller.abort(),
  };
}
