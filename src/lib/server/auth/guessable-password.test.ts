import { describe, expect, it } from 'vitest';
import { containsOwnData, isGuessablePassword } from './guessable-password';

describe('isGuessablePassword', () => {
	it.each([
		'1234567890',
		'qwertzuiop',
		'QWERTYUIOP',
		'passwort123',
		'password123',
		'Passwort2024!',
		'p@ssw0rd123',
		'1111111111',
		'hallo12345',
		'hallohallo',
		'sonnenschein',
		'Sonnenschein1',
		'ichliebedich',
		'fussball1904',
		'willkommen1',
		'1q2w3e4r5t',
		'demo-agendawerk',
		'agendawerk123'
	])('refuses the common password %j', (password) => {
		expect(isGuessablePassword(password)).toBe(true);
	});

	it.each([
		['one character repeated', 'xxxxxxxxxxxx'],
		['a short pattern repeated', 'abcabcabcabc'],
		['a word twice', 'kaffeekaffee'],
		['a run of digits', '4567890123'],
		['a run of digits backwards', '9876543210'],
		['a run of letters', 'bcdefghijk'],
		['a run of letters backwards', 'zyxwvutsrq'],
		['a keyboard row', 'asdfghjklö'],
		['a keyboard row backwards', 'poiuztrewq'],
		['a keyboard row with a run of digits', 'qwertz1234'],
		['two runs', 'abcdef54321']
	])('refuses %s (%j)', (_name, password) => {
		expect(isGuessablePassword(password)).toBe(true);
	});

	it.each([
		'ein-langes-passwort',
		'korrekt-pferd-batterie',
		'agendawerk-ist-prima',
		'Mein Hund heißt Bello und frisst Möhren',
		'tG7#kq9!Lm2v',
		'sommer-im-garten-2024',
		'a'.repeat(5) + 'b'.repeat(5) + 'Xy!9'
	])('accepts %j', (password) => {
		expect(isGuessablePassword(password)).toBe(false);
	});

	// Guards against work that grows faster than the input (a pattern that backtracks): that takes
	// seconds or more. The bound is generous, so that a busy test machine never trips it.
	it('answers without blowing up for the longest allowed password', () => {
		const long = 'Ab3$'.repeat(63) + 'q7Z!';
		const started = performance.now();
		isGuessablePassword(long);
		expect(performance.now() - started).toBeLessThan(1_000);
	});

	it('does no work on passwords over the length limit (the length rule refuses them)', () => {
		const huge = `${'a'.repeat(100_000)}b`;
		const started = performance.now();
		expect(isGuessablePassword(huge)).toBe(false);
		expect(performance.now() - started).toBeLessThan(1_000);
	});
});

describe('containsOwnData', () => {
	const own = { email: 'erika.mustermann@musterstadt.example', displayName: 'Erika Mustermann' };

	it.each([
		['the e-mail address', 'erika.mustermann@musterstadt.example'],
		['the e-mail address in capitals, with more', 'ERIKA.MUSTERMANN@MUSTERSTADT.EXAMPLE!'],
		['the local part', 'erika.mustermann1'],
		['the local part without its dot', 'ErikaMustermann2024'],
		['the display name', 'Erika Mustermann'],
		['the display name with more around it', 'ich-bin-erika-mustermann!']
	])('finds %s', (_name, password) => {
		expect(containsOwnData(password, own)).toBe(true);
	});

	it('does not count very short names and local parts', () => {
		expect(
			containsOwnData('ein-langes-passwort', { email: 'lang@b.de', displayName: 'Lang' })
		).toBe(false);
		expect(containsOwnData('Johanna-und-der-Wald', { email: 'a@b.de', displayName: 'Anna' })).toBe(
			false
		);
	});

	it('accepts a password with nothing of the person in it', () => {
		expect(containsOwnData('korrekt-pferd-batterie', own)).toBe(false);
		expect(containsOwnData('korrekt-pferd-batterie', { email: own.email })).toBe(false);
	});
});
