// The live editor runs on the Y.Doc in the browser; there is nothing useful to render on the
// server (the permission check in +page.server.ts still runs there first).
export const ssr = false;
