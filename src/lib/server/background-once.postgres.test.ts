import { eq } from 'drizzle-orm';
import { resolve } from 'node:path';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPostgres, type PostgresCluster } from '../../../tests/support/postgres';
import { startTestSmtp } from '../../../tests/support/smtp';
import { describeBackgroundOnce, type TwoProcesses } from './background-once.suite';
import { closeDatabase, openPostgres } from './db/connection';
import { migrateDatabase } from './db/migrate';
import { mails } from './db/schema';
import { queueMail } from './mail/queue';
import { smtpTransport } from './mail/transport';
import { createMailWorker } from './mail/worker';

// The tables of this file's modules are PostgreSQL's: `schema.ts` reads DATABASE_URL when it loads
// (before the imports above run). The cluster's address is only known later; the pools get it.
vi.hoisted(() => {
	process.env.DATABASE_URL = 'postgres://set-by-background-once.postgres.test/agendawerk';
});

let cluster: PostgresCluster;
let databases = 0;

beforeAll(async () => {
	cluster = await startPostgres();
}, 60_000);

// Stopping waits for the shutdown checkpoint, which writes out every database the tests made.
afterAll(() => {
	cluster?.stop();
	delete process.env.DATABASE_URL;
}, 60_000);

/** Two pools, as two app processes have, on a fresh migrated database of the cluster. */
async function twoProcesses(): Promise<TwoProcesses> {
	const name = `background_${++databases}`;
	const admin = openPostgres(cluster.tcpUrl, { max: 1 });
	await (admin.$client as unknown as postgres.Sql).unsafe(`create database ${name}`);
	await closeDatabase(admin);
	const url = cluster.tcpUrl.replace(/\/[^/]+$/, `/${name}`);
	const first = openPostgres(url);
	const second = openPostgres(url);
	await migrateDatabase(first, resolve('drizzle-postgres'));
	return {
		first,
		second,
		async dispose() {
			await closeDatabase(first);
			await closeDatabase(second);
		}
	};
}

describeBackgroundOnce('PostgreSQL', twoProcesses);

describe('mail worker on PostgreSQL', () => {
	it('does not wait for a mail another worker is taking, but takes the next', async () => {
		const p = await twoProcesses();
		const smtp = await startTestSmtp();
		const transport = smtpTransport(smtp.url, 'Agendawerk <agendawerk@musterstadt.example>');
		const now = Date.UTC(2026, 11, 7, 9);
		try {
			const queue = (to: string) =>
				queueMail(
					p.first,
					{ kind: 'test', to, subject: to, text: 'Hallo', html: '<p>Hallo</p>' },
					now
				);
			const taken = await queue('erste@example.org');
			await queue('zweite@example.org');
			await queue('dritte@example.org');
			// Another worker holds the row lock on the first mail while it takes it.
			let release!: () => void;
			const released = new Promise<void>((resolve) => (release = resolve));
			let locked!: () => void;
			const isLocked = new Promise<void>((resolve) => (locked = resolve));
			const client = p.first.$client as unknown as postgres.Sql;
			const other = client.begin(async (tx) => {
				await tx`select id from mails where id = ${taken.id} for update`;
				locked();
				await released;
			});
			await isLocked;
			const worker = createMailWorker(p.second, {
				transport,
				pollMs: 1_000,
				retryBaseMs: 60_000,
				maxAttempts: 3,
				log: () => {},
				now: () => now
			});
			const drained = worker.drain();
			const outcome = await Promise.race([
				drained,
				new Promise<string>((resolve) => setTimeout(() => resolve('gewartet'), 5_000))
			]);
			release();
			await other;
			await drained;
			expect(outcome).toBe(2);
			expect(smtp.received.map((mail) => mail.subject).sort()).toEqual([
				'dritte@example.org',
				'zweite@example.org'
			]);
			const [first] = await p.second.select().from(mails).where(eq(mails.id, taken.id));
			expect(first).toMatchObject({ status: 'queued', lockedUntil: null });
		} finally {
			transport.close();
			await smtp.stop();
			await p.dispose();
		}
	}, 30_000);
});
