import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { CommentView } from '$lib/participation/comment-view';
import CommentsPanel from './CommentsPanel.svelte';

const comment = (overrides: Partial<CommentView>): CommentView => ({
	id: 'c1',
	parentId: null,
	item: { kind: 'measure', id: 'm1' },
	fassung: 1,
	authorName: 'Erika',
	authorRole: null,
	mine: false,
	body: 'Bitte ändern.',
	anchor: null,
	status: 'visible',
	hiddenReason: null,
	deleted: false,
	createdAt: new Date('2026-05-04T10:00:00Z'),
	editedAt: null,
	editableUntil: null,
	reportedByMe: false,
	answer: null,
	replies: [],
	...overrides
});

describe('CommentsPanel in the editor', () => {
	it('shows the quoted passage of an anchored comment, without a link', () => {
		const anchor = { paragraph: 1, text: 'Zweiter Absatz mit Worten.', quote: 'mit Worten' };
		const { body } = render(CommentsPanel, {
			props: {
				id: 'p1',
				comments: [comment({ anchor }), comment({ id: 'c2', body: 'Ohne Bezug.' })],
				canAnswer: false,
				roundLabel: (fassung: number) => `Runde ${fassung}`
			}
		});
		const text = body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		expect(text).toContain('Zu Absatz 2: „mit Worten“ Bitte ändern.');
		expect(text.match(/Zu Absatz/g)).toHaveLength(1);
		expect(body).not.toContain('#absatz-');
	});

	it('names the round of each comment, not of its replies', () => {
		const reply = comment({ id: 'r1', parentId: 'c1', body: 'Antwort.' });
		const { body } = render(CommentsPanel, {
			props: {
				id: 'p1',
				comments: [comment({ replies: [reply] }), comment({ id: 'c2', fassung: 3 })],
				canAnswer: false,
				roundLabel: (fassung: number) => `Aus Fassung ${fassung}`
			}
		});
		expect(body.match(/Aus Fassung 1/g)).toHaveLength(1);
		expect(body).toContain('Aus Fassung 3');
	});
});
