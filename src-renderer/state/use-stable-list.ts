import { useRef } from 'react';

/** `items`, or the array from the last render while it holds the same items in the same order. */
export function useStableList<T>(items: readonly T[]): readonly T[] {
  const last = useRef(items);
  const same = last.current.length === items.length && last.current.every((x, i) => Object.is(x, items[i]));
  if (!same) last.current = items;
  return last.current;
}
