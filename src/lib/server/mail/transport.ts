import nodemailer from 'nodemailer';
import type { Mail } from '../db/schema';

/** Where the worker hands a mail over. A thrown error with `responseCode` 5xx is permanent. */
export interface MailTransport {
	send(mail: Mail): Promise<void>;
	close(): void;
}

const SMTP_URL_FORM = 'smtp://benutzer:passwort@host:587 oder smtps://benutzer:passwort@host:465';

/**
 * Why SMTP_URL cannot be used, as one German line for the start of the server, or null when it
 * can. Checked before nodemailer sees it, which would fail with a stack trace or, for a URL it
 * reads differently, later at every mail. The line never repeats the URL: it holds the password.
 */
export function smtpUrlProblem(value: string): string | null {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return `SMTP_URL ist keine gültige Adresse; erwartet wird ${SMTP_URL_FORM}.`;
	}
	if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
		return `SMTP_URL muss mit smtp:// oder smtps:// beginnen, etwa ${SMTP_URL_FORM}.`;
	}
	if (!url.hostname) return `SMTP_URL nennt keinen Mailserver; erwartet wird ${SMTP_URL_FORM}.`;
	try {
		decodeURIComponent(url.username);
		decodeURIComponent(url.password);
	} catch {
		return (
			'SMTP_URL: Benutzername oder Passwort sind nicht richtig prozentkodiert ' +
			'(Sonderzeichen wie @ : / % als %40 %3A %2F %25 schreiben).'
		);
	}
	return null;
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
			await transporter
				.sendMail({
					from,
					to: mail.to,
					subject: mail.subject,
					text: mail.text,
					html: mail.html,
					headers: mail.headers,
					messageId: `<${mail.id}@${host}>`
				})
				.catch((error: unknown) => {
					throw readableSmtpError(error);
				});
		},
		close() {
			transporter.close();
		}
	};
}

interface NodemailerError {
	message?: string;
	/** nodemailer's error class: EAUTH, ESOCKET, ECONNECTION, ETIMEDOUT, EDNS, EENVELOPE, … */
	code?: string;
	responseCode?: number;
	/** set by OpenSSL for TLS failures, e.g. "wrong version number" */
	reason?: string;
	library?: string;
}

/**
 * A sending failure as the outbox and the log show it: what went wrong in words, and what to
 * check in the setting. A refused log-in keeps no `responseCode`: it is the setting that is wrong,
 * not the mail, so the mail waits for the next attempt instead of being given up at once.
 * Recipient refusals keep theirs (a 5xx gives up only that mail).
 */
export function readableSmtpError(error: unknown): Error {
	const cause = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
	const message = (cause.message ?? String(error)).trim();
	if (cause.code === 'EAUTH') {
		return new Error(
			`Anmeldung am Mailserver abgelehnt (Benutzername und Passwort in SMTP_URL prüfen): ${message}`
		);
	}
	if (/certificate/i.test(message)) {
		return new Error(`Zertifikat des Mailservers nicht anerkannt: ${message}`);
	}
	if (cause.library === 'SSL routines' || /\bSSL\b|\bTLS\b/.test(message)) {
		// Mostly smtps:// (TLS from the start) against a port that begins in plain text.
		return new Error(
			'TLS-Verbindung zum Mailserver gescheitert (smtps:// ist für Port 465, ' +
				`für Port 587 smtp:// verwenden): ${cause.reason ?? message}`
		);
	}
	if (cause.code === 'ESOCKET' || cause.code === 'ECONNECTION' || cause.code === 'EDNS') {
		return new Error(`Mailserver nicht erreichbar: ${message}`);
	}
	return error instanceof Error ? error : new Error(message);
}
