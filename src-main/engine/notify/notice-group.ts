import type { AlertNotice } from '../../api/notification-types.ts';

/** Notices waiting to go out together: everything that fires within one group window is one message. */
export interface NoticeGroup {
  readonly notices: readonly AlertNotice[];
  /** When the group is to be sent; null while empty. */
  readonly dueAt: number | null;
}

export const emptyGroup: NoticeGroup = { notices: [], dueAt: null };

/** Adds a notice; the window starts with the group's first notice, so a busy minute cannot delay it. */
export function addNotice(
  group: NoticeGroup,
  notice: AlertNotice,
  now: number,
  windowMs: number,
): NoticeGroup {
  return { notices: [...group.notices, notice], dueAt: group.dueAt ?? now + windowMs };
}
