import { statSync } from 'node:fs';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	testDialect,
	withDatabase,
	type TestDatabase
} from '../../../../tests/support/database';
import { createAgenda } from '../agendas/agendas';
import { registerUser } from '../accounts/users';
import {
	appendUpdate,
	appendUpdatePrepared,
	compactLog,
	logHeads,
	readLog,
	readSince
} from './update-log';

let t: TestDatabase;

beforeEach(() => {
	t = createTestDatabase();
});

afterEach(() => t.dispose());

async function anAgenda(slug = 'agenda'): Promise<string> {
	const registered = await registerUser(
		t.db,
		{ email: `${slug}@example.org`, displayName: slug, password: 'korrekt-pferd-batterie' },
		'https://agenda.example'
	);
	if (!registered.ok) throw new Error(registered.reason);
	const created = await createAgenda(
		t.db,
		{
			title: 'Agenda',
			slug,
			municipality: 'Musterstadt',
			periodStart: 2026,
			periodEnd: 2030,
			visibility: 'internal'
		},
		registered.user.id
	);
	if (!created.ok) throw new Error(created.reason);
	return created.agenda.id;
}

describe('appendUpdatePrepared', () => {
	it('numbers the updates in order and stores them', async () => {
		const agendaId = await anAgenda();
		const before = (await readLog(t.db, agendaId)).lastSeq;
		const first = await appendUpdatePrepared(t.db, agendaId, new Uint8Array([1, 2, 3]));
		const second = await appendUpdatePrepared(t.db, agendaId, new Uint8Array([4, 5]));
		expect(first).toBeGreaterThan(before);
		expect(second).toBeGreaterThan(first);
		expect((await readLog(t.db, agendaId)).updates.slice(-2)).toEqual([
			new Uint8Array([1, 2, 3]),
			new Uint8Array([4, 5])
		]);
	});

	// The collab server appends every flush. SQLite checkpoints its write-ahead log when a commit
	// ends; an INSERT … RETURNING read with `.get()` left its statement unfinished, the commit came
	// with the next reset, the checkpoint never, and the -wal file grew with every update
	// (40 MiB after 5,000 small updates). Checkpointed, it stays near its 1,000-page limit.
	// The write-ahead log is SQLite's file: only there.
	it.runIf(testDialect() === 'sqlite')(
		'lets the write-ahead log be checkpointed: it stays small over thousands of appends',
		async () => {
			const agendaId = await anAgenda();
			const update = new Uint8Array(100).fill(7);
			for (let index = 0; index < 3_000; index++)
				await appendUpdatePrepared(t.db, agendaId, update);
			const walBytes = statSync(`${t.path}-wal`).size;
			expect(walBytes).toBeLessThan(8 * 1024 * 1024);
		},
		60_000
	);
});

describe('the numbered log (docs/architecture.md §3.1)', () => {
	it('numbers each document on its own, from 1, without gaps', async () => {
		const first = await anAgenda('erste');
		const second = await anAgenda('zweite');
		// A new agenda's log holds its first state as number 1.
		expect((await readLog(t.db, first)).lastSeq).toBe(1);
		expect(await appendUpdatePrepared(t.db, first, new Uint8Array([1]))).toBe(2);
		expect(await appendUpdate(t.db, second, new Uint8Array([2]))).toBe(2);
		expect(await appendUpdatePrepared(t.db, first, new Uint8Array([3]))).toBe(3);
		expect(await logHeads(t.db, [first, second, 'unbekannt'])).toEqual(
			new Map([
				[first, 3],
				[second, 2]
			])
		);
		expect(await readSince(t.db, first, 1)).toEqual([
			{ seq: 2, update: new Uint8Array([1]) },
			{ seq: 3, update: new Uint8Array([3]) }
		]);
	});

	it('gives two connections appending to one document at once every number once, in order', async () => {
		const agendaId = await anAgenda();
		// A second connection to the test's database (its file or its URL), as a second process has.
		await withDatabase(t.locator, async (other) => {
			const appends = Array.from({ length: 40 }, (_, index) =>
				appendUpdatePrepared(index % 2 ? other : t.db, agendaId, new Uint8Array([index]))
			);
			const numbers = await Promise.all(appends);
			expect([...numbers].sort((a, b) => a - b)).toEqual(
				Array.from({ length: 40 }, (_, index) => index + 2)
			);
			const stored = await readSince(t.db, agendaId, 1);
			expect(stored.map((row) => row.seq)).toEqual(numbers.toSorted((a, b) => a - b));
			// Each update under the number its append returned.
			for (const [index, seq] of numbers.entries()) {
				expect(stored.find((row) => row.seq === seq)?.update).toEqual(new Uint8Array([index]));
			}
		});
	});

	it.runIf(testDialect() === 'postgres')(
		'keeps trying while other appends take the number it aims at, however often that happens',
		async () => {
			const agendaId = await anAgenda();
			const first = (await readLog(t.db, agendaId)).lastSeq + 1;
			const losses = 30;
			// Two other writers take turns to hold the next number in an open transaction, so each
			// attempt of the append waits for one of them and loses when it commits: more losses in a
			// row than any fixed number of attempts would allow.
			const client = postgres(t.locator, { max: 3, onnotice: () => undefined });
			const writers = [await client.reserve(), await client.reserve()];
			const hold = async (writer: postgres.ReservedSql, seq: number) => {
				await writer`begin`;
				await writer`insert into doc_updates (agenda_id, seq, update) values (${agendaId}, ${seq}, ${Buffer.from([0])})`;
			};
			let appendSettled = false;
			const appendWaits = async () => {
				while (!appendSettled) {
					const [row] = await client<{ n: number }[]>`
						select count(*)::int as n from pg_stat_activity
						where datname = current_database() and wait_event_type = 'Lock'`;
					if (row && row.n > 0) return;
					await new Promise((resolve) => setTimeout(resolve, 2));
				}
			};
			try {
				await hold(writers[0]!, first);
				await hold(writers[1]!, first + 1);
				const append = appendUpdatePrepared(t.db, agendaId, new Uint8Array([42]));
				append.then(
					() => (appendSettled = true),
					() => (appendSettled = true)
				);
				for (let lost = 0; lost < losses; lost++) {
					const writer = writers[lost % 2]!;
					await appendWaits();
					await writer`commit`;
					// The next number but one: the other writer holds the next.
					if (lost + 2 < losses) await hold(writer, first + lost + 2);
				}
				expect(await append).toBe(first + losses);
				const stored = await readSince(t.db, agendaId, first + losses - 1);
				expect(stored).toEqual([{ seq: first + losses, update: new Uint8Array([42]) }]);
			} finally {
				for (const writer of writers) writer.release();
				await client.end();
			}
		}
	);

	it('compacts up to a number into one row under that number and keeps what came after', async () => {
		const agendaId = await anAgenda();
		for (const byte of [10, 11, 12])
			await appendUpdatePrepared(t.db, agendaId, new Uint8Array([byte]));
		// Numbers 1 (first state), 2, 3, 4; compacted up to 3.
		await compactLog(t.db, agendaId, new Uint8Array([99]), 3);
		expect(await readSince(t.db, agendaId, 0)).toEqual([
			{ seq: 3, update: new Uint8Array([99]) },
			{ seq: 4, update: new Uint8Array([12]) }
		]);
		// A process that had applied up to 2 reads the compacted row: more than it lacked.
		expect((await readSince(t.db, agendaId, 2)).map((row) => row.seq)).toEqual([3, 4]);
		// Numbering goes on after the last.
		expect(await appendUpdatePrepared(t.db, agendaId, new Uint8Array([13]))).toBe(5);
	});
});
