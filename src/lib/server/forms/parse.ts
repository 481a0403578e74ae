import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export type FieldErrors = Record<string, string>;

export type ParsedForm<T> =
	| { ok: true; data: T; values: Record<string, string> }
	| { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * The body of a form post. Kit lets `text/plain` through to form actions (HTML forms can send it)
 * and passes on any multipart body; `request.formData()` throws on both, which would end as a 500.
 * A body that cannot be read is the client's fault: 400, with the error page's calm message.
 */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		error(400, m.error_request_invalid());
	}
}

/**
 * Validates a submitted form with a zod schema. On failure it returns the first message per field
 * and the submitted values without secrets, so that the form re-renders filled in.
 */
export function parseForm<S extends z.ZodType>(
	schema: S,
	formData: FormData
): ParsedForm<z.output<S>> {
	const raw: Record<string, string> = {};
	for (const [key, value] of formData) if (typeof value === 'string') raw[key] = value;
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data, values: withoutSecrets(raw) };

	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors, values: withoutSecrets(raw) };
}

/** Passwords never travel back to the browser in a re-rendered form. */
export function withoutSecrets(values: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

/** What every refused form action returns, so that pages can read any field's error. */
export interface FormFailure {
	/** which of several forms on the page was sent */
	action?: string;
	values: Record<string, string>;
	errors: FieldErrors;
}

export function formFailure(
	status: number,
	errors: FieldErrors,
	values: Record<string, string> = {},
	action?: string
) {
	const body: FormFailure = { action, values: withoutSecrets(values), errors };
	return fail(status, body);
}
