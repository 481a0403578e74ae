import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { CollectionDiff } from '$lib/agenda/model/diff';
import type { ResolvedPathname } from '$app/types';
import CollectionChanges from './CollectionChanges.svelte';

/** The markup without hydration markers and scoped-style classes. */
function html(diff: CollectionDiff): string {
	const href = (id: string) => `/beteiligung/x/massnahmen/${id}` as ResolvedPathname;
	return render(CollectionChanges, { props: { diff, level: 3, href } })
		.body.replace(/<!--[^>]*-->/g, '')
		.replace(/ svelte-[a-z0-9]+/g, '');
}

const none: CollectionDiff = { added: [], removed: [], changed: [], reordered: false };

describe('CollectionChanges', () => {
	it('marks added items as inserted, linked to where they can be read', () => {
		const body = html({ ...none, added: [{ id: 'm1', label: 'WLAN' }] });
		expect(body).toContain('<p class="kern-body kern-body--bold">Neu</p>');
		expect(body).toContain(
			'<ins class="diff-item-added"><span class="kern-sr-only">eingefügt: </span><a class="kern-link" href="/beteiligung/x/massnahmen/m1">WLAN</a></ins>'
		);
		expect(body).not.toContain('Entfallen');
	});

	it('marks removed items as deleted, without a link (they are gone)', () => {
		const body = html({ ...none, removed: [{ id: 'm2', label: '' }] });
		expect(body).toContain('<p class="kern-body kern-body--bold">Entfallen</p>');
		expect(body).toMatch(
			/<del class="diff-item-removed"><span class="kern-sr-only">gestrichen: <\/span>[^<]+<\/del>/
		);
		expect(body).not.toContain('<a ');
		expect(body).not.toContain('Neu');
	});

	it('shows nothing for an unchanged collection', () => {
		expect(html(none).trim()).toBe('');
	});
});
