import { sendDueDigests } from './digest';
import type { NotificationJob } from './scheduler';

/** Every time-driven notification, run by the scheduler that `server/index.ts` starts. */
export const NOTIFICATION_JOBS: readonly NotificationJob[] = [sendDueDigests];
