/**
 * Mehrbedarf of a Beschlussvorlage: the own share the budget does not cover yet, i.e. own share
 * minus the means already planned, never below zero. Means „not planned“ count as zero; while it
 * is unknown whether any are planned (or how much), the Mehrbedarf is unknown too (null).
 */
export function additionalNeedCents(
	ownShareCents: number,
	meansPlanned: boolean | null,
	plannedMeansCents: number | null
): number | null {
	if (meansPlanned === null) return null;
	if (meansPlanned === false) return Math.max(0, ownShareCents);
	if (plannedMeansCents === null) return null;
	return Math.max(0, ownShareCents - plannedMeansCents);
}
