/**
 * The body that decides on the Vorlage (a setting of the municipality). A fixed list, because
 * the documents put the body's article in front of its name ("Der Gemeinderat beschließt …")
 * and the article cannot be told from a free name.
 */
export const DECIDING_BODIES = [
	'Stadtvertretung',
	'Gemeindevertretung',
	'Stadtverordnetenversammlung',
	'Gemeinderat',
	'Stadtrat',
	'Kreistag',
	'Bürgerschaft'
] as const;

export type DecidingBody = (typeof DECIDING_BODIES)[number];

const MASCULINE: ReadonlySet<DecidingBody> = new Set(['Gemeinderat', 'Stadtrat', 'Kreistag']);

export function isDecidingBody(value: string): value is DecidingBody {
	return (DECIDING_BODIES as readonly string[]).includes(value);
}

/**
 * The body as the subject of a sentence: „Die Stadtvertretung“, „Der Gemeinderat“; while none is
 * set, a neutral „Das Beschlussgremium“ rather than a guess at the municipality's constitution.
 */
export function decidingBodySubject(body: DecidingBody | null): string {
	if (body === null) return 'Das Beschlussgremium';
	return `${MASCULINE.has(body) ? 'Der' : 'Die'} ${body}`;
}
