import { describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server';

/** A mail setting the server cannot use stops `npm start` with one German line, no stack trace. */
describe('SMTP_URL at the start', () => {
	it.each([
		['smtp//mail.musterstadt.example', 'SMTP_URL ist keine gültige Adresse'],
		['http://mail.musterstadt.example', 'SMTP_URL muss mit smtp:// oder smtps:// beginnen'],
		['smtp://agendawerk:geh%eim@mail.musterstadt.example', 'nicht richtig prozentkodiert']
	])('refuses %s', async (url, reason) => {
		const start = startTestServer({ SMTP_URL: url, ORIGIN: 'https://agenda.musterstadt.example' });
		const error = await start.then(
			async (server) => {
				await server.stop();
				throw new Error('Der Server startete trotz falscher SMTP_URL');
			},
			(refused: unknown) => refused
		);
		const message = String(error instanceof Error ? error.message : error);
		const [first, ...lines] = message.trimEnd().split('\n');
		expect(first).toBe('Server beendet mit 1:');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(reason);
		expect(message).not.toContain('geh%eim');
	});
});
