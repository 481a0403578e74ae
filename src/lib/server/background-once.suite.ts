/**
 * The tests of architecture §5 ("Hintergrundarbeit einmal, nicht je Prozess"), once for each
 * dialect: `background-once.test.ts` runs them on two connections to one SQLite file,
 * `background-once.postgres.test.ts` on two pools to one PostgreSQL database. Two connections
 * stand for two app processes; each gets its own lease holder.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSmtp } from '../../../tests/support/smtp';
import { registerUser } from './accounts/users';
import { createAgenda } from './agendas/agendas';
import type { Db } from './db/connection';
import { leases, mails, users } from './db/schema';
import { queueMail } from './mail/queue';
import { smtpTransport } from './mail/transport';
import { createMailWorker } from './mail/worker';
import { followAgenda } from './notifications/follows';
import { notifyFollowedRounds } from './notifications/rounds';
import { createNotificationScheduler, NOTIFICATIONS_LEASE } from './notifications/scheduler';
import { openPhase } from './participation/phases';
import { freezeVersion } from './participation/versions';

/** Two app processes on one database. */
export interface TwoProcesses {
	first: Db;
	second: Db;
	dispose(): Promise<void>;
}

const ORIGIN = 'https://agenda.example';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 10:00 Berlin time, when the round of the scheduler test opens. */
const START = Date.UTC(2026, 11, 1, 9, 0);

/** A person with a confirmed address (notifications go only there) and no mail waiting yet. */
async function confirmedPerson(db: Db, name: string): Promise<string> {
	const result = await registerUser(
		db,
		{ email: `${name}@example.org`, displayName: name, password: 'korrekt-pferd-batterie' },
		ORIGIN
	);
	if (!result.ok) throw new Error(result.reason);
	await db
		.update(users)
		.set({ emailConfirmedAt: new Date(START) })
		.where(eq(users.id, result.user.id));
	await db.delete(mails).where(eq(mails.to, result.user.email));
	return result.user.id;
}

/** An agenda that `followers` follow, with a round that opened at START. */
async function roundFollowedBy(db: Db, followers: string[]): Promise<void> {
	const owner = await confirmedPerson(db, 'owner');
	const created = await createAgenda(
		db,
		{
			slug: 'musterdorf',
			title: 'Digitale Agenda Musterdorf',
			municipality: 'Gemeinde Musterdorf',
			periodStart: 2026,
			periodEnd: 2030,
			visibility: 'internal'
		},
		owner
	);
	if (!created.ok) throw new Error(created.reason);
	const agendaId = created.agenda.id;
	for (const name of followers) await followAgenda(db, await confirmedPerson(db, name), agendaId);
	const version = await freezeVersion(db, { agendaId, name: 'Entwurf', actorId: null });
	const opened = await openPhase(db, {
		agendaId,
		versionId: version.id,
		startsAt: new Date(START),
		endsAt: new Date(START + 14 * 24 * HOUR),
		intro: '',
		moderation: 'post',
		actorId: null
	});
	if (!opened.ok) throw new Error(opened.reason);
}

export function describeBackgroundOnce(dialect: string, open: () => Promise<TwoProcesses>): void {
	describe(`background work once, not once per process (${dialect})`, () => {
		let p: TwoProcesses;

		beforeEach(async () => {
			p = await open();
		}, 60_000);

		afterEach(() => p.dispose());

		it('two mail workers deliver each of 20 due mails exactly once', async () => {
			const smtp = await startTestSmtp();
			const from = 'Agendawerk <agendawerk@musterstadt.example>';
			// Each process has its own connection to the mail server.
			const transports = [smtpTransport(smtp.url, from), smtpTransport(smtp.url, from)];
			try {
				const queued = [];
				for (let i = 0; i < 20; i++) {
					const mail = { kind: 'test', to: `person${i}@example.org`, subject: `Mail ${i}` };
					queued.push(
						await queueMail(p.first, { ...mail, text: 'Hallo', html: '<p>Hallo</p>' }, START)
					);
				}
				const workers = [p.first, p.second].map((db, i) =>
					createMailWorker(db, {
						transport: transports[i]!,
						pollMs: 1_000,
						retryBaseMs: MINUTE,
						maxAttempts: 3,
						log: () => {},
						now: () => START
					})
				);
				const handled = await Promise.all(workers.map((worker) => worker.drain()));
				// Both took part, and together they handled each mail once.
				expect(handled[0]).toBeGreaterThan(0);
				expect(handled[1]).toBeGreaterThan(0);
				expect(handled[0]! + handled[1]!).toBe(20);
				const arrived = smtp.received.map((mail) => mail.subject).sort();
				expect(arrived).toEqual(queued.map((mail) => mail.subject).sort());
				const rows = await p.second.select().from(mails);
				expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
			} finally {
				for (const transport of transports) transport.close();
				await smtp.stop();
			}
		});

		it('two notification schedulers: one runs, and each follower gets one notification', async () => {
			await roundFollowedBy(p.first, ['erika', 'bernd', 'paula']);
			const ran: string[] = [];
			const schedulers = (['process-a', 'process-b'] as const).map((holder, i) =>
				createNotificationScheduler(i === 0 ? p.first : p.second, {
					jobs: [
						notifyFollowedRounds,
						async function seen() {
							ran.push(holder);
						}
					],
					origin: ORIGIN,
					intervalMs: MINUTE,
					holder,
					log: () => {},
					now: () => START + HOUR
				})
			);
			const did = await Promise.all(schedulers.map((scheduler) => scheduler.runIfHolding()));
			expect(did.filter(Boolean)).toHaveLength(1);
			expect(ran).toHaveLength(1);
			const sent = await p.second.select().from(mails);
			expect(sent.map((mail) => `${mail.kind} ${mail.to}`).sort()).toEqual([
				'round-followed bernd@example.org',
				'round-followed erika@example.org',
				'round-followed paula@example.org'
			]);
			// A clean shutdown gives the lease up: the other takes over at once.
			await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
			expect(await p.first.select().from(leases)).toEqual([]);
		});

		it('the other process takes over once the holder stopped renewing, not before', async () => {
			let clock = START;
			const ran: string[] = [];
			const logged: string[] = [];
			const [a, b] = (['process-a', 'process-b'] as const).map((holder, i) =>
				createNotificationScheduler(i === 0 ? p.first : p.second, {
					jobs: [
						async function seen() {
							ran.push(`${holder} ${(clock - START) / MINUTE}`);
						}
					],
					origin: ORIGIN,
					intervalMs: MINUTE,
					holder,
					log: (line) => logged.push(`${holder}: ${line}`),
					now: () => clock
				})
			);
			const runBoth = async (minutes: number) => {
				clock = START + minutes * MINUTE;
				for (const scheduler of [a!, b!]) await scheduler.runIfHolding();
			};
			await runBoth(0);
			await runBoth(1);
			// process-a stops renewing after its run at minute 1 (a pause, a crash) …
			clock = START + 3.99 * MINUTE;
			await b!.runIfHolding();
			// … and its lease, three intervals long, runs out at minute 4.
			clock = START + 4 * MINUTE;
			await b!.runIfHolding();
			await runBoth(5);
			expect(ran).toEqual(['process-a 0', 'process-a 1', 'process-b 4', 'process-b 5']);
			expect(logged).toEqual([
				`process-b: Hintergrundarbeit „${NOTIFICATIONS_LEASE}“ übernommen von process-a ` +
					`(dessen Lease lief um ${new Date(START + 4 * MINUTE).toISOString()} ab).`,
				`process-a: Hintergrundarbeit „${NOTIFICATIONS_LEASE}“ an einen anderen Prozess ` +
					'verloren (Lease nicht rechtzeitig verlängert).'
			]);
		});
	});
}
