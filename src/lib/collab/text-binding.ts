import type * as Y from 'yjs';
import { LOCAL_EDIT } from '$lib/agenda/ydoc/mutations';
import { applyTextChange } from '$lib/agenda/ydoc/apply-text-change';

/**
 * Binds an input or textarea to a Y.Text (a Svelte action). Typing becomes a minimal insert or
 * delete in the shared text; remote changes update the field while the caret stays on the same
 * character, so two people can type in the same title at once.
 */
export function sharedText(
	node: HTMLInputElement | HTMLTextAreaElement,
	text: Y.Text | null
): { update(text: Y.Text | null): void; destroy(): void } {
	// Set by attach() below, which also starts observing.
	let current: Y.Text | null = null;
	let composing = false;

	const onInput = () => {
		if (!current || composing) return;
		const target = current;
		target.doc?.transact(() => applyTextChange(target, node.value), LOCAL_EDIT);
	};
	const onCompositionStart = () => (composing = true);
	const onCompositionEnd = () => {
		composing = false;
		onInput();
	};
	const observer = (event: Y.YTextEvent) => {
		if (event.transaction.origin === LOCAL_EDIT && event.transaction.local) {
			if (node.value === current?.toString()) return;
		}
		if (composing) return;
		const focused = document.activeElement === node;
		let start = node.selectionStart ?? 0;
		let end = node.selectionEnd ?? 0;
		// Shift the selection by what was inserted or deleted before it.
		let index = 0;
		for (const op of event.delta) {
			if (op.retain !== undefined) index += op.retain;
			else if (typeof op.insert === 'string') {
				const length = op.insert.length;
				if (index <= start) start += length;
				if (index < end) end += length;
				index += length;
			} else if (op.delete !== undefined) {
				start = shiftForDelete(start, index, op.delete);
				end = shiftForDelete(end, index, op.delete);
			}
		}
		node.value = current?.toString() ?? '';
		if (focused) node.setSelectionRange(start, end);
	};

	function attach(next: Y.Text | null) {
		current?.unobserve(observer);
		current = next;
		node.value = current?.toString() ?? '';
		current?.observe(observer);
	}

	node.addEventListener('input', onInput);
	node.addEventListener('compositionstart', onCompositionStart);
	node.addEventListener('compositionend', onCompositionEnd);
	attach(text);

	return {
		update(next) {
			if (next !== current) attach(next);
		},
		destroy() {
			current?.unobserve(observer);
			node.removeEventListener('input', onInput);
			node.removeEventListener('compositionstart', onCompositionStart);
			node.removeEventListener('compositionend', onCompositionEnd);
		}
	};
}

function shiftForDelete(position: number, index: number, length: number): number {
	if (position <= index) return position;
	return Math.max(index, position - length);
}
