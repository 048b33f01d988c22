import { describe, expect, it } from 'vitest';
import { OriginSlots } from '../../../src-main/engine/http/origin-slots.ts';

const microtasks = () => new Promise((resolve) => setImmediate(resolve));

describe('OriginSlots', () => {
  it('starts at most the limit per key at once, the rest in the order they came', async () => {
    const slots = new OriginSlots(2);
    const started: string[] = [];
    const release = ['a', 'b', 'c', 'd'].map((name) => slots.take('x', () => started.push(name)));
    const other = slots.take('y', () => started.push('y'));
    expect(started).toEqual(['a', 'b', 'y']);
    release[0]?.();
    await microtasks();
    expect(started).toEqual(['a', 'b', 'y', 'c']);
    release[1]?.();
    release[2]?.();
    await microtasks();
    expect(started).toEqual(['a', 'b', 'y', 'c', 'd']);
    release[3]?.();
    other();
  });

  it('never starts a waiter that left the line, and a second release frees nothing more', async () => {
    const slots = new OriginSlots(1);
    const started: string[] = [];
    const first = slots.take('x', () => started.push('first'));
    const gaveUp = slots.take('x', () => started.push('gave up'));
    const third = slots.take('x', () => started.push('third'));
    gaveUp();
    first();
    first();
    await microtasks();
    expect(started).toEqual(['first', 'third']);
    // The slot passed to `third`: a newcomer waits, even though `first` was released twice.
    slots.take('x', () => started.push('newcomer'));
    expect(started).toEqual(['first', 'third']);
    third();
    await microtasks();
    expect(started).toEqual(['first', 'third', 'newcomer']);
  });
});
