import { eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolutionFacts, richSection, topCollection } from '../../src/lib/agenda/ydoc/layout';
import {
	DEEP_TEXT,
	nestInFragment,
	nestedRichTextJson
} from '../../src/lib/agenda/ydoc/testing/deep-rich-text';
import { appendUpdate } from '../../src/lib/server/documents/update-log';
import { freezeVersion } from '../../src/lib/server/participation/versions';
import { versions } from '../../src/lib/server/db/schema';
import { testDialect, withDatabase } from '../support/database';
import { editDocument } from '../support/documents';
import { DEMO, get, login, postForm, queryDatabase } from '../support/http';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Documents whose long texts nest thousands of levels deep, as editors could send them over the
 * websocket before the collab server refused them, and Fassungen frozen from them: the audit's
 * reproductions. Nothing answers 500; everything shows the text, cut at the nesting limit.
 */
const FILES = [
	'beschlussvorlage.docx',
	'beschlussvorlage.pdf',
	'agenda.docx',
	'agenda.pdf',
	'finanzplan.docx',
	'finanzplan.pdf',
	'oparl.json'
];

let server: TestServer;
let owner = '';

beforeAll(async () => {
	server = await startTestServer({
		RATE_LIMIT_LOGIN_PER_IP: '1000',
		RATE_LIMIT_EXPORT_PER_IP: '1000'
	});
	owner = await login(server.url, DEMO.admin);
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

/** A copy of the demo whose Ausgangslage, first measure and Sachverhalt nest `depth` deep. */
async function deepAgenda(depth: number): Promise<string> {
	const agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', `tief-${depth}`);
	await editDocument(server.databasePath, agendaId, (doc: Y.Doc) => {
		const measure = [...topCollection(doc, 'measures').values()][0];
		for (const fragment of [
			richSection(doc, 'ausgangslage'),
			measure?.get('description'),
			resolutionFacts(doc)
		]) {
			if (!(fragment instanceof Y.XmlFragment)) throw new Error('Demo ohne Langtext');
			nestInFragment(fragment, depth);
		}
	});
	return agendaId;
}

const exportPath = (agendaId: string, file: string, query = '') =>
	`/api/agendas/${agendaId}/export/${file}${query}`;

async function statusOf(path: string, cookie = owner) {
	const response = await get(server.url, path, { cookie, accept: '*/*' });
	await response.arrayBuffer();
	return { path, status: response.status };
}

describe('documents nested deep', () => {
	it.each([1_600, 2_200, 3_000, 10_000])(
		'at %i levels: every export, freezing, the preview and the comparison work',
		async (depth) => {
			const agendaId = await deepAgenda(depth);
			for (const file of FILES) {
				expect(await statusOf(exportPath(agendaId, file))).toEqual({
					path: exportPath(agendaId, file),
					status: 200
				});
			}
			const frozen = await postForm(
				server.url,
				`/agenden/${agendaId}/fassungen?/freeze`,
				{ name: `Tief ${depth}` },
				{ cookie: owner }
			);
			expect(frozen.status).toBe(200);
			const stored = await queryDatabase<{ content: string }>(
				server.databasePath,
				'SELECT content FROM versions WHERE agenda_id = ?',
				agendaId
			);
			expect(stored).toHaveLength(1);
			expect(stored[0]?.content).toContain(DEEP_TEXT);
			const pages = [
				...FILES.map((file) => exportPath(agendaId, file, '?fassung=1')),
				`/agenden/${agendaId}/beschlussvorlage`,
				`/agenden/${agendaId}/beschlussvorlage?fassung=1`,
				`/agenden/${agendaId}/fassungen/vergleich`,
				`/agenden/${agendaId}/fassungen/vergleich?von=1&bis=1`
			];
			for (const path of pages) expect(await statusOf(path)).toEqual({ path, status: 200 });
			const preview = await get(server.url, `/agenden/${agendaId}/beschlussvorlage`, {
				cookie: owner
			});
			expect(await preview.text()).toContain(DEEP_TEXT);
		},
		120_000
	);

	it('sends an anonymous visitor to log in before reading a draft 5,000 levels deep', async () => {
		const agendaId = await deepAgenda(5_000);
		for (const file of FILES) {
			const response = await get(server.url, exportPath(agendaId, file), { accept: '*/*' });
			expect({ file, status: response.status }).toEqual({ file, status: 303 });
			expect(response.headers.get('location')).toMatch(/^\/anmelden\?weiter=/);
		}
	});
});

describe('who may have an export', () => {
	it('is decided before the document or the snapshot is read', async () => {
		const agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', 'unlesbar');
		await withDatabase(server.databasePath, async (db) => {
			await freezeVersion(db, { agendaId, name: 'Nie veröffentlicht', actorId: null });
			// Neither can be read at all: any attempt to read them would answer 500. PostgreSQL's
			// jsonb holds only JSON, which the snapshot's reader takes whatever it is: there only
			// the draft is unreadable.
			await appendUpdate(db, agendaId, new Uint8Array([0xff, 0xff, 0xff]));
			if (testDialect() === 'sqlite') {
				await db
					.update(versions)
					.set({ content: sql`'{kaputt'` })
					.where(eq(versions.agendaId, agendaId));
			}
		});
		const citizen = await login(server.url, DEMO.citizen);
		for (const file of FILES) {
			for (const query of ['', '?fassung=1']) {
				const path = exportPath(agendaId, file, query);
				const anonymous = await get(server.url, path, { accept: '*/*' });
				expect({ path, status: anonymous.status }).toEqual({ path, status: 303 });
				expect(await statusOf(path, citizen)).toEqual({ path, status: 403 });
			}
		}
	});
});

// SQLite only: PostgreSQL's jsonb refuses a value this deep ("stack depth limit exceeded"), so
// there no Fassung can hold it, and those at the depths above are tested on both.
describe.runIf(testDialect() === 'sqlite')(
	'a Fassung whose snapshot nests 100,000 levels deep',
	() => {
		it('is served to everyone, cut at the limit', async () => {
			await copyAgendaWithMembers(server.databasePath, 'musterstadt', 'tief-fassung');
			const participation = await openTestParticipation(server.databasePath, {
				slug: 'tief-fassung'
			});
			const [measure] = participation.content.measures;
			if (!measure) throw new Error('Demo ohne Maßnahme');
			// No JSON.stringify can write this snapshot; a database row can hold it all the same.
			const content = JSON.stringify({
				...participation.content,
				ausgangslage: 'DEEP',
				measures: participation.content.measures.map((entry) =>
					entry.id === measure.id ? { ...entry, description: 'DEEP' } : entry
				),
				resolution: { ...participation.content.resolution, facts: 'DEEP' }
			}).replaceAll('"DEEP"', nestedRichTextJson(100_000));
			await withDatabase(server.databasePath, (db) =>
				db
					.update(versions)
					// As written: no JSON.stringify (drizzle's way to the column) survives this depth.
					.set({ content: sql`${content}` })
					.where(eq(versions.id, participation.versionId))
			);
			const agendaId = participation.agendaId;
			const paths = [
				...FILES.map((file) => exportPath(agendaId, file, '?fassung=1')),
				'/beteiligung/tief-fassung',
				'/beteiligung/tief-fassung/abschnitte/ausgangslage',
				`/beteiligung/tief-fassung/massnahmen/${measure.id}`
			];
			for (const path of paths) expect(await statusOf(path, '')).toEqual({ path, status: 200 });
			const section = await get(server.url, '/beteiligung/tief-fassung/abschnitte/ausgangslage');
			expect(await section.text()).toContain(DEEP_TEXT);
		});
	}
);
