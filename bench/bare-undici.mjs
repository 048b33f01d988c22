// The baseline of `npm run bench`: a bare undici loop doing the engine's requests at the engine's pace.
// Usage: node bench/bare-undici.mjs URL REQUESTS_PER_SECOND [TICK_MS, default 10]. Prints "ready", then
// runs until killed.
import { Agent, request } from 'undici';

const [url, perSecondArg, tickArg = '10'] = process.argv.slice(2);
const perSecond = Number(perSecondArg);
const agent = new Agent({ connections: 64 });
const one = async () => {
  const res = await request(url, { dispatcher: agent });
  await res.body.text();
};
const tickMs = Number(tickArg);
let budget = 0;
setInterval(() => {
  budget += (perSecond * tickMs) / 1000;
  while (budget >= 1) {
    budget -= 1;
    one().catch(() => {});
  }
}, tickMs);
process.stdout.write('ready\n');
