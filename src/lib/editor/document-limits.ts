import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import type { Node } from '@tiptap/pm/model';
import { Plugin, type Transaction } from '@tiptap/pm/state';
import { RICH_TEXT_MAX_CHARS, RICH_TEXT_MAX_DEPTH } from '$lib/agenda/model/limits';

/**
 * Keeps a long text within the limits the collab server enforces (limits.ts): an edit that would
 * make it longer than `RICH_TEXT_MAX_CHARS` or nest deeper than `RICH_TEXT_MAX_DEPTH` is not
 * made, instead of being taken back by the server a moment later. Changes that arrive from
 * the other editors are never refused.
 */
export const DocumentLimits = Extension.create({
	name: 'documentLimits',
	addProseMirrorPlugins() {
		return [documentLimitsPlugin()];
	}
});

export function documentLimitsPlugin(): Plugin {
	return new Plugin({
		filterTransaction: (transaction) =>
			!transaction.docChanged || isChangeOrigin(transaction) || withinLimits(transaction)
	});
}

function withinLimits(transaction: Transaction): boolean {
	const { doc } = transaction;
	// The size counts every character and a little more per node: the text is counted only when
	// the size alone does not settle it.
	if (doc.content.size > RICH_TEXT_MAX_CHARS && doc.textContent.length > RICH_TEXT_MAX_CHARS) {
		return false;
	}
	return changedRanges(transaction).every(([from, to]) => depthWithin(doc, from, to));
}

/** Where the transaction's steps put new content, in the final document. */
function changedRanges(transaction: Transaction): [number, number][] {
	const ranges: [number, number][] = [];
	transaction.mapping.maps.forEach((map, index) => {
		const rest = transaction.mapping.slice(index + 1);
		map.forEach((_oldFrom, _oldTo, from, to) => ranges.push([rest.map(from, -1), rest.map(to, 1)]));
	});
	return ranges;
}

/** Elements count as on the server: a top-level paragraph is depth 1. */
function depthWithin(doc: Node, from: number, to: number): boolean {
	let within = doc.resolve(from).depth <= RICH_TEXT_MAX_DEPTH;
	doc.nodesBetween(from, Math.min(to, doc.content.size), (node, position) => {
		if (!within) return false;
		if (!node.isText && doc.resolve(position).depth + 1 > RICH_TEXT_MAX_DEPTH) within = false;
		return within;
	});
	return within;
}
