import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';

const de = { locale: 'de' } as const;
const en = { locale: 'en' } as const;

describe('messages with a number', () => {
	it('agree with the number in both languages', () => {
		expect(m.editor_comment_count({ count: 1 }, de)).toBe('1 Kommentar');
		expect(m.editor_comment_count({ count: 2 }, de)).toBe('2 Kommentare');
		expect(m.editor_comment_count({ count: 1 }, en)).toBe('1 comment');
		expect(m.editor_comment_count({ count: 0 }, en)).toBe('0 comments');

		const line = { label: 'Wartung', amount: '100 €', from: 2027 };
		expect(m.public_follow_up_line({ ...line, years: 1 }, de)).toBe(
			'Wartung: 100 € jährlich ab 2027 für 1 Jahr'
		);
		expect(m.public_follow_up_line({ ...line, years: 3 }, de)).toBe(
			'Wartung: 100 € jährlich ab 2027 für 3 Jahre'
		);
		expect(m.public_follow_up_line({ ...line, years: 1 }, en)).toBe(
			'Wartung: 100 € a year from 2027 for 1 year'
		);
		expect(m.public_follow_up_line({ ...line, years: 3 }, en)).toBe(
			'Wartung: 100 € a year from 2027 for 3 years'
		);

		expect(m.report_stat_deleted_accounts({ count: 1 }, de)).toContain('kommt 1 Beitrag ');
		expect(m.report_stat_deleted_accounts({ count: 2 }, de)).toContain('kommen 2 Beiträge ');
		expect(m.report_stat_deleted_accounts({ count: 1 }, en)).toContain('1 contribution comes ');

		for (const message of [
			m.error_too_many_logins,
			m.error_too_many_registrations,
			m.public_error_rate_limit
		]) {
			expect(message({ minutes: 1 }, de)).toContain(' 1 Minute ');
			expect(message({ minutes: 5 }, de)).toContain(' 5 Minuten ');
			expect(message({ minutes: 1 }, en)).toContain(' 1 minute');
			expect(message({ minutes: 1 }, en)).not.toContain(' 1 minutes');
		}
		expect(m.public_error_edit_window({ minutes: 1 }, de)).toContain('ersten Minute ');
		expect(m.public_error_edit_window({ minutes: 15 }, de)).toContain('ersten 15 Minuten ');
		expect(m.public_error_edit_window({ minutes: 1 }, en)).toContain('1 minute ');
	});

	it('never hedge the number with “(e)” or “(s)”', () => {
		for (const file of ['messages/de.json', 'messages/en.json']) {
			const hedged = readFileSync(file, 'utf8').match(/.*\w\((e|s|n)\).*/g);
			expect(hedged, file).toBeNull();
		}
	});
});

describe('messages naming the lead', () => {
	it('call the owners of an agenda “Federführung” throughout', () => {
		expect(m.editor_resolution_owners_only({}, de)).toBe(
			'Nur die Federführung der Agenda bearbeitet die Beschlussvorlage.'
		);
	});
});
