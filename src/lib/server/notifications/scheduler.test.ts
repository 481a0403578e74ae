import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { createNotificationScheduler } from './scheduler';

let t: TestDatabase;
beforeEach(() => (t = createTestDatabase()));
afterEach(() => t.dispose());

it('runs every job with the time and the link origin, and one failing job does not stop the rest', async () => {
	const seen: string[] = [];
	const logged: string[] = [];
	const scheduler = createNotificationScheduler(t.db, {
		jobs: [
			async function broken() {
				throw new Error('kaputt');
			},
			(_db, { now, origin }) => {
				seen.push(`${now} ${origin}`);
			}
		],
		origin: 'https://agenda.example',
		intervalMs: 60_000,
		now: () => 42,
		log: (line) => logged.push(line)
	});
	await scheduler.runOnce();
	expect(seen).toEqual(['42 https://agenda.example']);
	expect(logged).toEqual(['Benachrichtigungen gestört (broken): Error: kaputt']);
});
