import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import StarterKit from '@tiptap/starter-kit';
import { DocumentLimits } from './document-limits';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { colourClass } from '$lib/collab/user-colour';
import type { PresenceUser } from '$lib/collab/presence';

/**
 * The TipTap editor for one long text: headings, lists, links, bold and italic, bound to a
 * Y.XmlFragment with remote carets. Colours come from CSS classes, because the CSP forbids inline
 * style attributes (ProseMirror would set them with setAttribute).
 */
export function createRichTextEditor(options: {
	element: HTMLElement;
	fragment: Y.XmlFragment;
	awareness: Awareness;
	user: PresenceUser;
	editable: boolean;
	label: string;
	onFocus: () => void;
}): Editor {
	return new Editor({
		element: options.element,
		editable: options.editable,
		// TipTap would inject a <style> element, which the CSP refuses; app.css has these rules.
		injectCSS: false,
		extensions: [
			StarterKit.configure({
				// Collaboration brings its own undo history, per user.
				undoRedo: false,
				heading: { levels: [2, 3, 4] },
				code: false,
				codeBlock: false,
				horizontalRule: false,
				link: {
					openOnClick: false,
					autolink: true,
					defaultProtocol: 'https',
					HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null }
				}
			}),
			Collaboration.configure({ fragment: options.fragment }),
			DocumentLimits,
			CollaborationCaret.configure({
				provider: { awareness: options.awareness },
				user: options.user,
				render: renderCaret,
				selectionRender: (user) => ({
					class: `collab-selection ${colourClass(colourOf(user))}`,
					nodeName: 'span'
				})
			})
		],
		editorProps: {
			attributes: {
				class: 'rich-text-editor__content',
				role: 'textbox',
				'aria-multiline': 'true',
				'aria-label': options.label,
				...(options.editable ? {} : { 'aria-readonly': 'true' })
			}
		},
		onFocus: options.onFocus
	});
}

function colourOf(user: Record<string, unknown>): number {
	return typeof user.colour === 'number' ? user.colour : 0;
}

/**
 * A remote caret. The name is drawn by CSS from `data-name`, so it is not part of the text (copying,
 * reading the text content) and hidden from screen readers, for whom the presence list speaks.
 */
function renderCaret(user: Record<string, unknown>): HTMLElement {
	const caret = document.createElement('span');
	caret.className = `collab-caret ${colourClass(colourOf(user))}`;
	caret.setAttribute('aria-hidden', 'true');
	caret.dataset.name = typeof user.name === 'string' ? user.name : '';
	return caret;
}
