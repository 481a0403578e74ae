import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase, type DemoDatabase } from '../../../../tests/support/database';
import { getVersion, listVersions, loadVersionAgenda, versionAgenda } from './versions';

let t: DemoDatabase;

beforeAll(async () => {
	t = await createDemoDatabase();
});

afterAll(() => t.dispose());

describe('loadVersionAgenda', () => {
	it('reads a Fassung once for requests that ask at the same time, and later ones', async () => {
		const [newest] = await listVersions(t.db, t.agendaId);
		if (!newest) throw new Error('Die Demo-Agenda hat keine Fassung');
		const [first, second] = await Promise.all([
			loadVersionAgenda(t.db, newest.id),
			loadVersionAgenda(t.db, newest.id)
		]);
		expect(second).toBe(first);
		expect(await loadVersionAgenda(t.db, newest.id)).toBe(first);
		const stored = await getVersion(t.db, t.agendaId, newest.number);
		if (!stored) throw new Error('Fassung fehlt');
		expect(first).toEqual(versionAgenda(stored));
	});

	it('gives an agenda nobody can change, since every caller shares it', async () => {
		const [newest] = await listVersions(t.db, t.agendaId);
		const agenda = await loadVersionAgenda(t.db, newest?.id ?? '');
		const [measure] = agenda.measures;
		expect(measure).toBeDefined();
		expect(() => Object.assign(agenda, { extra: 1 })).toThrow(TypeError);
		expect(() => Object.assign(measure ?? {}, { title: 'geändert' })).toThrow(TypeError);
	});
});
