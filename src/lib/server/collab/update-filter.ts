import * as Y from 'yjs';
import type { FilterVerdict, UpdateFilter } from '../../../../server/collab/hooks';
import { findBoundViolation, type BoundViolation } from '../../agenda/bounds';
import { resolutionMap } from '../../agenda/layout';
import { CLOSE } from '../../collab/close-codes';
import type { AgendaIdentity } from './authorize';

/** Origin of an update from a member who may change everything they may write. */
class MemberEdit {}

/** Origin of an update from someone who may not change the owners' part (the resolution data). */
class RestrictedEdit extends MemberEdit {}

const BOUND_MESSAGES: Record<BoundViolation['reason'], string> = {
	'too-deep': 'Zu tief verschachtelt',
	'too-long': 'Text zu lang',
	'value-too-big': 'Wert zu groß'
};

/**
 * What a member's update may do to an agenda document:
 * - nothing beyond the limits of `limits.ts` (too long, nested too deep): such an update is taken
 *   back whole and its sender closed with the reason, as it never comes from the editor, which
 *   keeps within them;
 * - for someone without `resolution.edit`, nothing in the resolution data: that part alone is
 *   taken back (an honest client gets here only with edits made before its role was lowered;
 *   both sides then converge on the owners' data).
 * Both are undone with a Y.UndoManager that tracks the update's origin, so exactly what the
 * update changed is undone.
 */
export function agendaUpdateFilter(doc: Y.Doc): UpdateFilter<AgendaIdentity> {
	const ownerGuard = new Y.UndoManager(resolutionMap(doc), {
		trackedOrigins: new Set([RestrictedEdit]),
		captureTimeout: 0
	});
	const boundsGuard = new Y.UndoManager(doc, {
		trackedOrigins: new Set([MemberEdit, RestrictedEdit]),
		captureTimeout: 0
	});
	return {
		originFor: (identity) => (identity.canEditResolution ? new MemberEdit() : new RestrictedEdit()),
		review(transaction, identity): FilterVerdict {
			const violation = findBoundViolation(doc, transaction);
			if (violation && boundsGuard.undoStack.length > 0) {
				boundsGuard.undo();
				const reason = BOUND_MESSAGES[violation.reason];
				return {
					reverted: true,
					close: { code: CLOSE.contentRejected, reason },
					log: `Änderung abgelehnt: ${reason}`
				};
			}
			if (!identity.canEditResolution && ownerGuard.undoStack.length > 0) {
				ownerGuard.undo();
				return { reverted: true, log: 'Änderung an Owner-Daten zurückgenommen' };
			}
			return violation
				? {
						reverted: false,
						close: { code: CLOSE.contentRejected, reason: BOUND_MESSAGES[violation.reason] }
					}
				: { reverted: false };
		},
		reset() {
			if (ownerGuard.undoStack.length > 0) ownerGuard.clear();
			if (boundsGuard.undoStack.length > 0) boundsGuard.clear();
		},
		destroy() {
			ownerGuard.destroy();
			boundsGuard.destroy();
		}
	};
}
