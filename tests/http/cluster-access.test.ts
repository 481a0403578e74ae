/**
 * Two production processes on one PostgreSQL database and one redis-server (issue 18,
 * docs/architecture.md §6): what one process changes, the other acts on at once. A role lowered
 * on A closes the member's socket on B within a second, failed log-ins on A and B count
 * together, and a comment made on A empties B's public page cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../src/lib/collab/close-codes';
import { startAppCluster, type AppCluster } from '../support/cluster';
import { connectClient, waitFor, type CollabClient } from '../support/collab';
import { DEMO, get, login, myAgendas, postForm, textOf, uniqueEmail } from '../support/http';
import type { TestServer } from '../support/server';

describe('two app processes with Redis', () => {
	let cluster: AppCluster;
	let a: TestServer;
	let b: TestServer;
	const clients: CollabClient[] = [];

	beforeAll(async () => {
		cluster = await startAppCluster({
			env: { PUBLIC_PAGE_CACHE_MS: '60000' },
			// Only a message from A can close a socket on B at once: B's periodic check waits a minute.
			envOf: (index): Record<string, string> =>
				index === 1 ? { COLLAB_ACCESS_CHECK_MS: '60000' } : {}
		});
		[a, b] = cluster.servers as [TestServer, TestServer];
	}, 120_000);

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await cluster?.stop();
	});

	it('closes the socket on B of a member whose role is lowered on A, within a second', async () => {
		const owner = await login(a.url, DEMO.admin);
		const [agenda] = await myAgendas(a.url, owner);
		const agendaId = agenda?.id ?? '';
		const member = await connectClient(b.url, agendaId, await login(b.url, DEMO.editor2));
		clients.push(member);
		const [row] = await cluster.sql<
			{ id: string }[]
		>`select id from users where email = ${DEMO.editor2}`;

		const response = await postForm(
			a.url,
			`/agenden/${agendaId}/mitglieder?/role`,
			{ userId: row?.id ?? '', role: 'viewer' },
			{ cookie: owner }
		);
		const changed = Date.now();
		expect([200, 303]).toContain(response.status);
		await waitFor(
			() => member.closes.some((close) => close.code === CLOSE.roleChanged),
			5_000,
			'Schließen auf B'
		);
		expect(Date.now() - changed).toBeLessThan(1000);
	});

	it('counts failed log-ins on A and on B together', async () => {
		// 5 wrong passwords per account and address (the default): 3 on A and 2 on B reach it.
		const email = uniqueEmail('zwei-prozesse');
		const logIn = (server: TestServer) =>
			postForm(server.url, '/anmelden', { email, password: 'falsches-passwort' });
		for (const server of [a, b, a, b, a]) expect((await logIn(server)).status).toBe(400);
		expect((await logIn(b)).status).toBe(429);
		expect((await logIn(a)).status).toBe(429);
	});

	it('shows on B a comment made on A, although B keeps its public pages for a minute', async () => {
		const overview = await (await get(b.url, '/beteiligung/musterstadt')).text();
		const measurePath = /\/beteiligung\/musterstadt\/massnahmen\/[\w-]+/.exec(overview)?.[0];
		expect(measurePath).toBeDefined();
		const read = async () => textOf(await (await get(b.url, measurePath!)).text());
		const body = 'Ein Beitrag auf Prozess A, gelesen auf Prozess B.';
		expect(await read()).not.toContain(body);
		// The second read is B's stored page: without a message from A, it would stay for a minute.
		expect(await read()).not.toContain(body);
		const citizen = await login(a.url, DEMO.citizen);
		const response = await postForm(
			a.url,
			`${measurePath}?/comment`,
			{ body },
			{ cookie: citizen }
		);
		expect(response.status).toBe(303);
		await waitFor(async () => (await read()).includes(body), 2_000, 'Kommentar auf B');
		expect(b.output()).not.toMatch(/Error|nicht erreichbar/);
	});
});
