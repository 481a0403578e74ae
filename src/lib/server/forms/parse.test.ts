import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
	DISPLAY_NAME_MAX_LENGTH,
	EMAIL_MAX_LENGTH,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH
} from '$lib/account-rules';
import {
	displayNameField,
	emailField,
	givenPasswordField,
	newPasswordField
} from './account-fields';
import { newAgendaSchema } from './agenda-fields';
import { formFailure, parseForm, withoutSecrets } from './parse';

/** The registration form's schema, as `routes/registrieren` builds it. */
const registration = z.object({
	displayName: displayNameField,
	email: emailField,
	password: newPasswordField
});
const login = z.object({ email: emailField, password: givenPasswordField });

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.append(key, value);
	return data;
}

const validRegistration = {
	displayName: 'Anna Berger',
	email: 'anna@musterstadt.example',
	password: 'korrekt-pferd'
};

/** A password of exactly `length` characters that follows no pattern (so not "aaaa…"). */
function variedPassword(length: number): string {
	return Array.from({ length }, (_, i) => `pferd${i}`)
		.join('-')
		.slice(0, length);
}

const validAgenda = {
	title: 'Digitale Agenda Musterstadt',
	slug: 'musterstadt-2026',
	municipality: 'Musterstadt',
	periodStart: '2026',
	periodEnd: '2030',
	visibility: 'public'
};

describe('parseForm with the account fields', () => {
	it('accepts a valid registration, trimming name and e-mail but not the password', () => {
		const parsed = parseForm(
			registration,
			form({
				displayName: '  Anna Berger ',
				email: ' anna@musterstadt.example ',
				password: ' korrekt-pferd '
			})
		);
		expect(parsed).toEqual({
			ok: true,
			data: {
				displayName: 'Anna Berger',
				email: 'anna@musterstadt.example',
				password: ' korrekt-pferd '
			},
			values: { displayName: '  Anna Berger ', email: ' anna@musterstadt.example ' }
		});
	});

	it('refuses a password shorter than 10 characters, in German', () => {
		const nine = 'a'.repeat(PASSWORD_MIN_LENGTH - 1);
		expect(PASSWORD_MIN_LENGTH).toBe(10);
		const parsed = parseForm(registration, form({ ...validRegistration, password: nine }));
		expect(parsed).toEqual({
			ok: false,
			errors: { password: 'Das Passwort muss mindestens 10 Zeichen lang sein.' },
			values: { displayName: 'Anna Berger', email: 'anna@musterstadt.example' }
		});
		const ten = parseForm(registration, form({ ...validRegistration, password: 'korrekt-pf' }));
		expect(ten.ok).toBe(true);
	});

	it('refuses an over-long password, new or given', () => {
		const long = 'a'.repeat(PASSWORD_MAX_LENGTH + 1);
		const message = `Das Passwort darf höchstens ${PASSWORD_MAX_LENGTH} Zeichen lang sein.`;
		expect(parseForm(registration, form({ ...validRegistration, password: long }))).toMatchObject({
			ok: false,
			errors: { password: message }
		});
		expect(
			parseForm(login, form({ email: 'anna@musterstadt.example', password: long }))
		).toMatchObject({ ok: false, errors: { password: message } });
		expect(
			parseForm(
				registration,
				form({ ...validRegistration, password: variedPassword(PASSWORD_MAX_LENGTH) })
			).ok
		).toBe(true);
	});

	it('cleans the display name: invisible characters removed, spaces collapsed', () => {
		const parsed = parseForm(
			registration,
			form({ ...validRegistration, displayName: ' Stabsstelle\u200b \u00a0Digi\u2060tal ' })
		);
		expect(parsed).toMatchObject({ ok: true, data: { displayName: 'Stabsstelle Digital' } });
		// Nothing but invisible characters is no name; the length counts what is stored.
		expect(
			parseForm(registration, form({ ...validRegistration, displayName: '\u200b\u200b' }))
		).toMatchObject({
			ok: false,
			errors: { displayName: 'Bitte geben Sie einen Anzeigenamen ein.' }
		});
		const padded = `${'x'.repeat(DISPLAY_NAME_MAX_LENGTH)}\u200b\u200b`;
		expect(parseForm(registration, form({ ...validRegistration, displayName: padded })).ok).toBe(
			true
		);
	});

	it('refuses a new password that is easy to guess, in German', () => {
		expect(
			parseForm(registration, form({ ...validRegistration, password: '1234567890' }))
		).toMatchObject({
			ok: false,
			errors: {
				password:
					'Dieses Passwort ist zu leicht zu erraten: Es ist sehr verbreitet oder einfach gebaut. Bitte wählen Sie ein anderes, zum Beispiel aus drei oder vier zufälligen Wörtern.'
			}
		});
		// At log-in, any password is checked as it is.
		expect(
			parseForm(login, form({ email: 'anna@musterstadt.example', password: '1234567890' })).ok
		).toBe(true);
	});

	it('asks for the password at log-in but accepts any length there', () => {
		expect(parseForm(login, form({ email: 'anna@musterstadt.example', password: '' }))).toEqual({
			ok: false,
			errors: { password: 'Bitte geben Sie Ihr Passwort ein.' },
			values: { email: 'anna@musterstadt.example' }
		});
		expect(parseForm(login, form({ email: 'anna@musterstadt.example', password: 'kurz' })).ok).toBe(
			true
		);
	});

	it.each(['', 'anna', 'anna@', '@musterstadt.example', 'anna musterstadt@example.org', 'a@b'])(
		'refuses the e-mail address %j',
		(email) => {
			expect(parseForm(registration, form({ ...validRegistration, email }))).toMatchObject({
				ok: false,
				errors: { email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.' }
			});
		}
	);

	it('refuses an e-mail address over the RFC 5321 length', () => {
		const local = 'a'.repeat(64);
		const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.example`;
		const tooLong = `${local}@${domain}`;
		expect(tooLong.length).toBeGreaterThan(EMAIL_MAX_LENGTH);
		expect(parseForm(registration, form({ ...validRegistration, email: tooLong }))).toMatchObject({
			ok: false,
			errors: { email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.' }
		});
	});

	it('refuses an empty and an over-long display name', () => {
		expect(
			parseForm(registration, form({ ...validRegistration, displayName: '   ' }))
		).toMatchObject({
			ok: false,
			errors: { displayName: 'Bitte geben Sie einen Anzeigenamen ein.' }
		});
		const long = 'x'.repeat(DISPLAY_NAME_MAX_LENGTH + 1);
		expect(
			parseForm(registration, form({ ...validRegistration, displayName: long }))
		).toMatchObject({
			ok: false,
			errors: { displayName: 'Der Anzeigename darf höchstens 80 Zeichen lang sein.' }
		});
		const longest = 'x'.repeat(DISPLAY_NAME_MAX_LENGTH);
		expect(parseForm(registration, form({ ...validRegistration, displayName: longest })).ok).toBe(
			true
		);
	});

	it.each(['Anna\nBerger', 'Anna\u0000', '\u202eAnna'])(
		'refuses the display name %j with control characters',
		(displayName) => {
			const parsed = parseForm(registration, form({ ...validRegistration, displayName }));
			expect(parsed).toMatchObject({
				ok: false,
				errors: { displayName: 'Der Anzeigename darf keine Steuerzeichen enthalten.' }
			});
		}
	);

	it('reports missing fields with their own message, one per field', () => {
		const parsed = parseForm(registration, form({}));
		expect(parsed).toEqual({
			ok: false,
			errors: {
				displayName: 'Bitte geben Sie einen Anzeigenamen ein.',
				email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
				password: 'Das Passwort muss mindestens 10 Zeichen lang sein.'
			},
			values: {}
		});
	});

	it('ignores uploaded files', () => {
		const data = form(validRegistration);
		data.append('displayName', new Blob(['x']), 'x.txt');
		const parsed = parseForm(registration, data);
		expect(parsed.ok).toBe(true);
	});
});

describe('parseForm with the new-agenda schema', () => {
	it('accepts a valid agenda and turns the years into numbers', () => {
		expect(parseForm(newAgendaSchema, form(validAgenda))).toMatchObject({
			ok: true,
			data: { ...validAgenda, periodStart: 2026, periodEnd: 2030 }
		});
	});

	it('refuses a period that ends before it starts, at the end field', () => {
		const parsed = parseForm(
			newAgendaSchema,
			form({ ...validAgenda, periodStart: '2030', periodEnd: '2026' })
		);
		expect(parsed).toMatchObject({
			ok: false,
			errors: { periodEnd: 'Das Ende der Laufzeit darf nicht vor ihrem Beginn liegen.' }
		});
		expect(parsed.ok ? {} : parsed.errors).not.toHaveProperty('periodStart');
		const oneYear = form({ ...validAgenda, periodStart: '2026', periodEnd: '2026' });
		expect(parseForm(newAgendaSchema, oneYear).ok).toBe(true);
	});

	it.each([
		['title', 'ab', 'Der Titel muss 3 bis 200 Zeichen lang sein.'],
		['title', 'x'.repeat(201), 'Der Titel muss 3 bis 200 Zeichen lang sein.'],
		['slug', 'Muster Stadt', 'Bitte 3 bis 60 Kleinbuchstaben'],
		['slug', '-muster', 'Bitte 3 bis 60 Kleinbuchstaben'],
		['slug', 'a'.repeat(61), 'Bitte 3 bis 60 Kleinbuchstaben'],
		['municipality', 'M', 'Bitte geben Sie die Kommune an (2 bis 120 Zeichen).'],
		['municipality', 'M'.repeat(121), 'Bitte geben Sie die Kommune an (2 bis 120 Zeichen).'],
		['periodStart', '1999', 'Bitte ein Jahr zwischen 2000 und 2100 angeben.'],
		['periodStart', '2026.5', 'Bitte ein Jahr zwischen 2000 und 2100 angeben.'],
		['periodEnd', 'bald', 'Bitte ein Jahr zwischen 2000 und 2100 angeben.'],
		['periodEnd', '2101', 'Bitte ein Jahr zwischen 2000 und 2100 angeben.'],
		['visibility', 'secret', 'Bitte wählen Sie einen der angebotenen Werte.']
	])('refuses %s = %j', (field, value, message) => {
		const parsed = parseForm(newAgendaSchema, form({ ...validAgenda, [field]: value }));
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors[field]).toContain(message);
		expect(Object.keys(parsed.errors)).toEqual([field]);
	});
});

describe('withoutSecrets', () => {
	it('drops every field whose name mentions a password, whatever its case', () => {
		expect(
			withoutSecrets({
				email: 'anna@musterstadt.example',
				password: 'geheim-geheim',
				currentPassword: 'alt-alt-alt',
				newPassword: 'neu-neu-neu',
				PASSWORD_CONFIRM: 'neu-neu-neu',
				displayName: 'Anna'
			})
		).toEqual({ email: 'anna@musterstadt.example', displayName: 'Anna' });
	});

	it('is applied by formFailure', () => {
		const failure = formFailure(
			400,
			{ form: 'E-Mail-Adresse oder Passwort stimmen nicht.' },
			{ email: 'anna@musterstadt.example', password: 'geheim-geheim' },
			'login'
		);
		expect(failure.status).toBe(400);
		expect(failure.data).toEqual({
			action: 'login',
			values: { email: 'anna@musterstadt.example' },
			errors: { form: 'E-Mail-Adresse oder Passwort stimmen nicht.' }
		});
	});
});
