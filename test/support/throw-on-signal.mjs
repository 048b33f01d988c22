// Preloaded with `node --import` into a `solvewatch serve` child: on SIGUSR2 it makes the bugs the
// last-resort handlers are for, from outside the code under test. THROWS (default 1) timers each throw
// an Error with THROW_MESSAGE, and as many promises reject with nobody awaiting them.
process.on('SIGUSR2', () => {
  const message = process.env.THROW_MESSAGE ?? 'a bug in a timer';
  for (let i = 0; i < Number(process.env.THROWS ?? 1); i++) {
    setTimeout(() => {
      throw new Error(message);
    });
    Promise.reject(new Error(`rejected: ${message}`));
  }
});
