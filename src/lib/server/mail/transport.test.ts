import { describe, expect, it } from 'vitest';
import { smtpUrlProblem } from './transport';

describe('smtpUrlProblem', () => {
	it.each([
		'smtp://mail.musterstadt.example:587',
		'smtp://agendawerk:geheim@mail.musterstadt.example:587',
		'smtps://agendawerk:p%40ss%3Aw%2Frt@mail.musterstadt.example:465',
		'smtp://127.0.0.1:2525'
	])('accepts %s', (url) => {
		expect(smtpUrlProblem(url)).toBeNull();
	});

	it.each([
		['smtp//mail.example', 'SMTP_URL ist keine gültige Adresse'],
		['mail.example:587', 'SMTP_URL muss mit smtp:// oder smtps:// beginnen'],
		['http://mail.example', 'SMTP_URL muss mit smtp:// oder smtps:// beginnen'],
		['smtp://mail.example:99999', 'SMTP_URL ist keine gültige Adresse'],
		['smtp://', 'SMTP_URL nennt keinen Mailserver'],
		['smtp://user:geh%eim@mail.example', 'prozentkodiert']
	])('refuses %s with one German line', (url, reason) => {
		const problem = smtpUrlProblem(url);
		expect(problem).toContain(reason);
		expect(problem).not.toContain('\n');
	});

	it('never repeats the password in its line', () => {
		expect(smtpUrlProblem('smtp://user:geh%eim@mail.example')).not.toContain('geh');
		expect(smtpUrlProblem('ftp://user:geheim@mail.example')).not.toContain('geheim');
	});
});
