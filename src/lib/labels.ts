import { m } from '$lib/paraglide/messages';
import type { AgendaRole, AgendaStatus, AgendaVisibility } from './roles';

/** Display names of the closed vocabularies in roles.ts, in the visitor's language. */
export function roleLabel(role: AgendaRole): string {
	return { owner: m.role_owner, editor: m.role_editor, viewer: m.role_viewer }[role]();
}

export function statusLabel(status: AgendaStatus): string {
	return {
		draft: m.status_draft,
		participation: m.status_participation,
		adopted: m.status_adopted,
		implementation: m.status_implementation
	}[status]();
}

export function visibilityLabel(visibility: AgendaVisibility): string {
	return { internal: m.visibility_internal, public: m.visibility_public }[visibility]();
}
