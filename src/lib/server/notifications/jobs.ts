import { sendDueDigests } from './digest';
import { notifyFollowedRounds } from './rounds';
import type { NotificationJob } from './scheduler';

/** Every time-driven notification, run by the scheduler that `server/index.ts` starts. */
export const NOTIFICATION_JOBS: readonly NotificationJob[] = [notifyFollowedRounds, sendDueDigests];
