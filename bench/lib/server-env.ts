/**
 * Server settings every benchmark with many sockets needs: it plays hundreds of people with the
 * handful of demo accounts (one session cookie serves many sockets), so the per-account limits
 * that stop one person from hoarding connections are lifted; the per-agenda limit is lifted as
 * well for the runs with hundreds of editors in one document. Logins come from one address.
 */
export const MANY_PEOPLE_FEW_ACCOUNTS = {
	RATE_LIMIT_LOGIN_PER_IP: '100000',
	COLLAB_MAX_CONNECTIONS_PER_ACCOUNT: '100000',
	COLLAB_MAX_CONNECTIONS_PER_AGENDA: '100000',
	COLLAB_MAX_ACCOUNT_BUFFERED_MB: '100000'
};
