import { describe, expect, it } from 'vitest';
import { databaseDialect, databaseUrlProblem } from './dialect';

describe('databaseDialect', () => {
	it('is SQLite without DATABASE_URL and PostgreSQL with it', () => {
		expect(databaseDialect({})).toBe('sqlite');
		expect(databaseDialect({ DATABASE_URL: '' })).toBe('sqlite');
		expect(databaseDialect({ DATABASE_URL: 'postgres://app@db/agendawerk' })).toBe('postgres');
	});
});

describe('databaseUrlProblem', () => {
	it.each(['postgres://app:geheim@db:5432/agendawerk', 'postgresql://app@db/agendawerk'])(
		'accepts %s',
		(url) => expect(databaseUrlProblem(url)).toBeNull()
	);

	it.each([
		['db:5432/agendawerk', /postgres:\/\//],
		['mysql://app@db/agendawerk', /mit postgres:\/\/ beginnen/],
		['postgres://app@db', /keine Datenbank/],
		['kein url', /keine gültige Adresse/]
	])('refuses %s in German', (url, message) => expect(databaseUrlProblem(url)).toMatch(message));
});
