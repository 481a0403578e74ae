import * as Y from 'yjs';
import type { FilterVerdict, UpdateFilter } from '../../../../server/collab/hooks';
import { findBoundViolation, type BoundViolation } from '../../agenda/ydoc/bounds';
import { resolutionMap } from '../../agenda/ydoc/layout';
import { CLOSE } from '../../collab/close-codes';
import type { AgendaIdentity } from './authorize';

/** Origin of an update from a member who may change everything they may write. */
class MemberEdit {}

/** Origin of an update from someone who may not change the owners' part (the resolution data). */
class RestrictedEdit extends MemberEdit {}

/** How many updates a guard tracks before it forgets them. */
const CLEAR_EVERY = 64;

const BOUND_MESSAGES: Record<BoundViolation['reason'], string> = {
	'too-deep': 'Zu tief verschachtelt',
	'too-long': 'Text zu lang',
	'value-too-big': 'Wert zu groß'
};

/** The text was beyond its limit before the update (see `findBoundViolation`). */
const wasBeyond = (violation: BoundViolation) =>
	violation.reason === 'too-long' && violation.wasBeyond;

/**
 * What a member's update may do to an agenda document:
 * - nothing beyond the limits of `limits.ts` (too long, nested too deep): such an update is taken
 *   back whole and its sender closed with the reason, as it never comes from the editor, which
 *   keeps within them. A text already beyond its limit (two processes each accepted an edit,
 *   docs/architecture.md §3.3) may be shortened; what lengthens it is taken back, but its sender
 *   stays: it did nothing an honest editor would not, and closing it would cost a reconnect per
 *   keystroke;
 * - for someone without `resolution.edit`, nothing in the resolution data: that part alone is
 *   taken back (an honest client gets here only with edits made before its role was lowered;
 *   both sides then converge on the owners' data).
 * Both are undone with a Y.UndoManager that tracks the update's origin, so exactly what the
 * update changed is undone. The bounds guard captures only updates that go too far: capturing
 * every update of a busy document (an UndoManager over the whole document walks every client
 * the document ever had, per update) cost a fifth of the server's CPU at 200 editors.
 */
export function agendaUpdateFilter(doc: Y.Doc): UpdateFilter<AgendaIdentity> {
	const ownerGuard = new Y.UndoManager(resolutionMap(doc), {
		trackedOrigins: new Set([RestrictedEdit]),
		captureTimeout: 0
	});
	/** What the update being applied did beyond the limits, found when it was captured. */
	let violation: BoundViolation | null = null;
	const boundsGuard = new Y.UndoManager(doc, {
		trackedOrigins: new Set([MemberEdit, RestrictedEdit]),
		captureTimeout: 0,
		captureTransaction: (transaction) =>
			transaction.origin instanceof MemberEdit &&
			(violation = findBoundViolation(doc, transaction)) !== null
	});
	// What the guards held before the update: only an item added since is this update's.
	let boundsBefore = 0;
	let ownerBefore = 0;
	return {
		originFor(identity) {
			violation = null;
			boundsBefore = boundsGuard.undoStack.length;
			ownerBefore = ownerGuard.undoStack.length;
			return identity.canEditResolution ? new MemberEdit() : new RestrictedEdit();
		},
		review(_transaction, identity): FilterVerdict {
			if (violation && boundsGuard.undoStack.length > boundsBefore) {
				boundsGuard.undo();
				const reason = BOUND_MESSAGES[violation.reason];
				return wasBeyond(violation)
					? { reverted: true, log: `Änderung zurückgenommen: ${reason} (schon vorher)` }
					: {
							reverted: true,
							close: { code: CLOSE.contentRejected, reason },
							log: `Änderung abgelehnt: ${reason}`
						};
			}
			if (!identity.canEditResolution && ownerGuard.undoStack.length > ownerBefore) {
				ownerGuard.undo();
				return { reverted: true, log: 'Änderung an Owner-Daten zurückgenommen' };
			}
			return violation && !wasBeyond(violation)
				? {
						reverted: false,
						close: { code: CLOSE.contentRejected, reason: BOUND_MESSAGES[violation.reason] }
					}
				: { reverted: false };
		},
		// Clearing a guard is a transaction of its own (it lets Yjs collect what the tracked updates
		// deleted): done every so many updates, not after each, which costs a busy room dearly.
		reset() {
			if (ownerGuard.undoStack.length >= CLEAR_EVERY) ownerGuard.clear();
			if (boundsGuard.undoStack.length >= CLEAR_EVERY) boundsGuard.clear();
		},
		destroy() {
			ownerGuard.destroy();
			boundsGuard.destroy();
		}
	};
}
