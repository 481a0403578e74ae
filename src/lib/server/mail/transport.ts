import nodemailer from 'nodemailer';
import type { Mail } from '../db/schema';

/** Where the worker hands a mail over. A thrown error with `responseCode` 5xx is permanent. */
export interface MailTransport {
	send(mail: Mail): Promise<void>;
	close(): void;
}

/**
 * SMTP through nodemailer (`smtp://…`, `smtps://…`). The Message-ID comes from the mail's id: a
 * mail sent again after a crash between hand-over and bookkeeping is recognisably the same one.
 */
export function smtpTransport(url: string, from: string): MailTransport {
	const transporter = nodemailer.createTransport(url);
	const host = new URL(url).hostname || 'localhost';
	return {
		async send(mail) {
			await transporter.sendMail({
				from,
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				html: mail.html,
				headers: mail.headers,
				messageId: `<${mail.id}@${host}>`
			});
		},
		close() {
			transporter.close();
		}
	};
}
