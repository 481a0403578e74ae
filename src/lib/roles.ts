/**
 * The closed vocabularies of agendas and memberships, shared by the schema, the forms and the
 * permission table. Isomorphic: pages import these to render choices.
 */
export const AGENDA_ROLES = ['owner', 'editor', 'viewer'] as const;
export type AgendaRole = (typeof AGENDA_ROLES)[number];

/** Roles an invitation link may grant: ownership is handed over on the members page, not by link. */
export const INVITABLE_ROLES = ['editor', 'viewer'] as const satisfies readonly AgendaRole[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export const AGENDA_VISIBILITIES = ['internal', 'public'] as const;
export type AgendaVisibility = (typeof AGENDA_VISIBILITIES)[number];

export const AGENDA_STATUSES = ['draft', 'participation', 'adopted', 'implementation'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];
