/**
 * A real SMTP server in the test process (smtp-server), which keeps what arrives parsed
 * (mailparser). `refuse` decides per recipient whether to refuse with a code, as a server that
 * is down (4xx) or does not know the address (5xx) would.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
	url: string;
	received: ParsedMail[];
	/** null: accept; a number: refuse with this SMTP code. */
	refuse: ((recipient: string) => number | null) | null;
	stop(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
	const received: ParsedMail[] = [];
	const state: TestSmtp = {
		url: '',
		received,
		refuse: null,
		stop: () => Promise.resolve()
	};
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			const code = state.refuse?.(address.address) ?? null;
			if (code === null) return callback();
			const error = new Error(code >= 500 ? 'Unbekannter Empfänger' : 'Bitte später erneut');
			(error as Error & { responseCode: number }).responseCode = code;
			callback(error);
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					received.push(mail);
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	state.url = `smtp://127.0.0.1:${port}`;
	state.stop = () => new Promise((resolve) => server.close(() => resolve()));
	return state;
}
