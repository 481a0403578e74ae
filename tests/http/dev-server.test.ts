import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mails } from '../../src/lib/server/db/schema';
import { queueMail } from '../../src/lib/server/mail/queue';
import { testDialect, withDatabase } from '../support/database';

/**
 * `npm run dev` runs the same background as `npm start`: a mail queued while the dev server runs
 * is delivered (here: filed in the outbox, no SMTP). Before `startBackgroundWork`, the dev server
 * migrated and seeded but never started the mail worker, so mails stayed queued for ever.
 */
// The dev server's database is a SQLite file of its own here; what is tested (the background
// work of `npm run dev`) does not change with the dialect, and the PostgreSQL runs test it in
// the production entry (mail.test.ts).
describe.runIf(testDialect() === 'sqlite')('npm run dev', () => {
	let dir: string;
	let child: ChildProcess;
	let output = '';
	const databasePath = () => join(dir, 'dev.db');

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'agendawerk-dev-'));
		const env: NodeJS.ProcessEnv = {
			...process.env,
			DATABASE_PATH: databasePath(),
			MAIL_POLL_MS: '100',
			NODE_ENV: 'development',
			NO_COLOR: '1',
			// The messages are compiled; recompiling them would pull files from under the servers
			// of the tests that run beside this one.
			AGENDAWERK_MESSAGES_COMPILED: '1'
		};
		// The plugin stays out of Vitest's own Vite server; this one is a real dev server.
		delete env.VITEST;
		// CI sets FORCE_COLOR, which wins over NO_COLOR and splits the banner with colour codes.
		delete env.FORCE_COLOR;
		child = spawn(
			process.execPath,
			['node_modules/vite/bin/vite.js', 'dev', '--host', '127.0.0.1', '--port', '0'],
			{ env, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		await new Promise<void>((ready, fail) => {
			const timer = setTimeout(
				() => fail(new Error(`Dev-Server startete nicht:\n${output}`)),
				90_000
			);
			const onData = (chunk: Buffer) => {
				// Stripped as well, in case a terminal setting still colours the banner.
				output += stripVTControlCharacters(chunk.toString());
				if (/Local:\s+http:\/\/127\.0\.0\.1:\d+/.test(output)) {
					clearTimeout(timer);
					ready();
				}
			};
			child.stdout?.on('data', onData);
			child.stderr?.on('data', onData);
			child.once('exit', (code) => {
				clearTimeout(timer);
				fail(new Error(`Dev-Server beendet mit ${code}:\n${output}`));
			});
		});
	}, 120_000);

	afterAll(async () => {
		if (child && child.exitCode === null) {
			const exited = new Promise((done) => child.once('exit', done));
			child.kill('SIGTERM');
			await exited;
		}
		rmSync(dir, { recursive: true, force: true });
	});

	it('delivers a queued mail through the background worker', async () => {
		const { id } = await withDatabase(databasePath(), (db) =>
			queueMail(db, {
				kind: 'test',
				to: 'entwicklung@example.org',
				subject: 'Hallo aus dem Dev-Server',
				text: 'Ein Test.',
				html: '<p>Ein Test.</p>'
			})
		);
		const deadline = Date.now() + 15_000;
		let status = 'queued';
		while (status === 'queued' && Date.now() < deadline) {
			await new Promise((wait) => setTimeout(wait, 100));
			const [row] = await withDatabase(databasePath(), (db) =>
				db.select({ status: mails.status }).from(mails).where(eq(mails.id, id))
			);
			status = row?.status ?? 'missing';
		}
		expect(status, output).toBe('outbox');
	}, 30_000);
});
