import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * The Beteiligungsbericht's former address, kept because OParl records already imported by council
 * information systems link to it: a permanent redirect to the export, with the Fassung asked for.
 */
export const GET: RequestHandler = ({ params, url }) => {
	const fassung = url.searchParams.get('fassung');
	const query = fassung === null ? '' : `?${new URLSearchParams({ fassung })}`;
	redirect(308, `/api/agendas/${params.id}/export/beteiligungsbericht.docx${query}`);
};
