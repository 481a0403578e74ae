import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { agendas, memberships, users } from '../db/schema';
import { generateId } from '../ids';
import { displayNameProblem, nameKey } from './display-names';

let t: TestDatabase;

beforeEach(() => {
	t = createTestDatabase();
});

afterEach(() => t.dispose());

async function addUser(displayName: string, isAdmin = false): Promise<string> {
	const id = generateId();
	await t.db
		.insert(users)
		.values({ id, email: `${id}@example.org`, displayName, passwordHash: 'x', isAdmin });
	return id;
}

async function addAgenda(): Promise<string> {
	const id = generateId();
	await t.db.insert(agendas).values({
		id,
		slug: `agenda-${id}`,
		title: 'Agenda',
		municipality: 'Musterstadt',
		periodStart: 2026,
		periodEnd: 2030
	});
	return id;
}

describe('nameKey', () => {
	it.each([
		['Stabsstelle Digitalisierung', 'stabsstelledigitalisierung'],
		['stabsstelle-digitalisierung!', 'stabsstelledigitalisierung'],
		['  STABSSTELLE   DIGITALISIERUNG ', 'stabsstelledigitalisierung'],
		['Stabsstelle\u200bDigitalisierung', 'stabsstelledigitalisierung'],
		['Bürgermeister(in)', 'buergermeisterin'],
		['Buergermeisterin', 'buergermeisterin'],
		['Deniz Yılmaz (AG)', 'denizyilmazag'],
		['Déniz Yilmaz AG', 'denizyilmazag'],
		// Cyrillic А, е and о look like the Latin letters.
		['\u0410dmin', 'admin'],
		['Verwaltung\u0435', 'verwaltunge'],
		['Ｖｅｒｗａｌｔｕｎｇ', 'verwaltung']
	])('%j → %j', (name, key) => {
		expect(nameKey(name)).toBe(key);
	});
});

describe('displayNameProblem', () => {
	it.each([
		'Stabsstelle Digitalisierung',
		'AG Digitalisierung',
		'Verwaltung',
		'Stadtverwaltung',
		'Administrator',
		'admin',
		'Moderation',
		'Bürgermeister',
		'Bürgermeisterin',
		'Buergermeister(in)',
		'stabsstelle.digitalisierung',
		'Stabsstelle\u200bDigitalisierung'
	])('refuses the reserved name %j', async (name) => {
		expect(await displayNameProblem(t.db, name, {})).toBe('reserved');
	});

	it('lets instance admins use a reserved name (the official account itself)', async () => {
		const admin = await addUser('IT', true);
		expect(
			await displayNameProblem(t.db, 'Stabsstelle Digitalisierung', { userId: admin })
		).toBeNull();
		expect(
			await displayNameProblem(t.db, 'Stabsstelle Digitalisierung', { isAdmin: true })
		).toBeNull();
	});

	it("refuses another account's name only if it owns or edits an agenda, or is an admin", async () => {
		const agenda = await addAgenda();
		const owner = await addUser('Anna Berger (AG)');
		const editor = await addUser('Deniz Yılmaz (AG)');
		const viewer = await addUser('Ratsmitglied Schulz');
		await addUser('Bürgerin Meier');
		await addUser('Frau Admin-Istratorin', true);
		await t.db.insert(memberships).values([
			{ agendaId: agenda, userId: owner, role: 'owner' },
			{ agendaId: agenda, userId: editor, role: 'editor' },
			{ agendaId: agenda, userId: viewer, role: 'viewer' }
		]);

		expect(await displayNameProblem(t.db, 'anna berger ag', {})).toBe('taken');
		expect(await displayNameProblem(t.db, 'Anna-Berger-AG', {})).toBe('taken');
		expect(await displayNameProblem(t.db, 'Deniz Yilmaz (AG)', {})).toBe('taken');
		expect(await displayNameProblem(t.db, 'Frau Admin Istratorin', {})).toBe('taken');
		expect(await displayNameProblem(t.db, 'Ratsmitglied Schulz', {})).toBeNull();
		expect(await displayNameProblem(t.db, 'Bürgerin Meier', {})).toBeNull();
		expect(await displayNameProblem(t.db, 'Anna Berger', {})).toBeNull();
		// One's own name is no copy.
		expect(await displayNameProblem(t.db, 'Anna Berger (AG)', { userId: owner })).toBeNull();
	});
});
