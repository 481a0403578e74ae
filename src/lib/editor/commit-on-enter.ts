/**
 * The keydown handler of a field that commits its value on Enter, as it does on leaving the field;
 * the key does nothing else (no form around it is sent).
 */
export function commitOnEnter<Field extends HTMLElement>(commit: (field: Field) => void) {
	return (event: KeyboardEvent & { currentTarget: Field }) => {
		if (event.key !== 'Enter') return;
		event.preventDefault();
		commit(event.currentTarget);
	};
}
