import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	testDialect,
	type TestDatabase
} from '../../../../tests/support/database';
import { createAgenda } from '../agendas/agendas';
import { registerUser } from '../accounts/users';
import { appendUpdatePrepared, readLog } from './update-log';

let t: TestDatabase;

beforeEach(() => {
	t = createTestDatabase();
});

afterEach(() => t.dispose());

async function anAgenda(): Promise<string> {
	const registered = await registerUser(
		t.db,
		{ email: 'anna@example.org', displayName: 'Anna', password: 'korrekt-pferd-batterie' },
		'https://agenda.example'
	);
	if (!registered.ok) throw new Error(registered.reason);
	const created = await createAgenda(
		t.db,
		{
			title: 'Agenda',
			slug: 'agenda',
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
