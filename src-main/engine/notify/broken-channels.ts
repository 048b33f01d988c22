import type { ChannelStatus } from '../../api/delivery-types.ts';
import { errorText } from './error-text.ts';
import type { BrokenChannel } from './outbox-records.ts';
import type { OutboxStore } from './outbox-store.ts';

/**
 * Channels that answered 401/403/404: their messages wait until the channel's config changes (a new
 * fingerprint). Kept in memory and in the store, so a restart with the same settings stays quiet.
 */
export class BrokenChannels {
  private readonly store: OutboxStore;
  private readonly log: (line: string) => void;
  private readonly broken = new Map<string, BrokenChannel>();

  constructor(store: OutboxStore, log: (line: string) => void) {
    this.store = store;
    this.log = log;
    for (const b of store.brokenChannels()) this.broken.set(b.channel, b);
  }

  has(channel: string): boolean {
    return this.broken.has(channel);
  }

  names(): IterableIterator<string> {
    return this.broken.keys();
  }

  status(channel: string): ChannelStatus['broken'] {
    const b = this.broken.get(channel);
    return b ? { since: b.since, status: b.status, error: b.error, detail: b.detail } : null;
  }

  /** Call once `mark` is stored (with the message's attempt, in one transaction). */
  add(mark: BrokenChannel): void {
    this.broken.set(mark.channel, mark);
    this.log(
      `outbox: channel ${mark.channel} is broken (${mark.error}); its messages wait until its settings change`,
    );
  }

  /** Forgets every mark whose channel now has other settings; true when there was one. */
  unbreakChanged(fingerprints: ReadonlyMap<string, { fingerprint: string }>): boolean {
    let any = false;
    for (const [channel, broken] of this.broken) {
      const entry = fingerprints.get(channel);
      if (!entry || entry.fingerprint === broken.fingerprint) continue;
      // Forgotten here even if the write fails: at the next start the stored fingerprint differs again.
      this.broken.delete(channel);
      try {
        this.store.unbreak(channel);
      } catch (err) {
        this.log(`outbox: cannot clear the broken mark of ${channel}: ${errorText(err)}`);
      }
      this.log(`outbox: channel ${channel} has new settings; sending its waiting messages`);
      any = true;
    }
    return any;
  }
}
