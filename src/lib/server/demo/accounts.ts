import type { AgendaRole } from '../../roles';

/** The fictional town's accounts; the log-in page lists those that still exist. */
export const DEMO_ACCOUNTS: readonly {
	email: string;
	displayName: string;
	isAdmin: boolean;
	role: AgendaRole | null;
}[] = [
	{
		email: 'verwaltung@musterstadt.example',
		displayName: 'Stabsstelle Digitalisierung',
		isAdmin: true,
		role: 'owner'
	},
	{
		email: 'ag1@musterstadt.example',
		displayName: 'Anna Berger (AG)',
		isAdmin: false,
		role: 'editor'
	},
	{
		email: 'ag2@musterstadt.example',
		displayName: 'Deniz Yılmaz (AG)',
		isAdmin: false,
		role: 'editor'
	},
	{
		email: 'rat@musterstadt.example',
		displayName: 'Ratsmitglied Schulz',
		isAdmin: false,
		role: 'viewer'
	},
	{
		email: 'buerger@musterstadt.example',
		displayName: 'Bürgerin Meier',
		isAdmin: false,
		role: null
	},
	{
		email: 'buerger2@musterstadt.example',
		displayName: 'Jonas K.',
		isAdmin: false,
		role: null
	},
	{
		email: 'buerger3@musterstadt.example',
		displayName: 'Familie Öztürk',
		isAdmin: false,
		role: null
	}
];

export const DEMO_AGENDA = {
	slug: 'musterstadt',
	title: 'Digitale Agenda Musterstadt 2026–2030',
	municipality: 'Musterstadt',
	periodStart: 2026,
	periodEnd: 2030,
	visibility: 'public',
	status: 'draft'
} as const;
