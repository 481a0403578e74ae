import { CONFIRM_FIELD, CONFIRM_VALUE, type ConfirmationRequest } from '$lib/forms/confirm';

/**
 * A destructive form action's first question: null when the post carries the confirmation
 * field, else the answer that asks to confirm (the page shows the step, nothing is changed).
 * Call it after validating the post and before acting on it.
 */
export function confirmationStep(
	form: FormData,
	action: string,
	values: Record<string, string>
): ConfirmationRequest | null {
	if (form.get(CONFIRM_FIELD) === CONFIRM_VALUE) return null;
	const named = Object.fromEntries(
		Object.entries(values).filter(([name]) => name !== CONFIRM_FIELD)
	);
	return { action, values: named, errors: {}, confirm: true };
}
