// What the daemon's web server and the page agree on for a browser session (see
// src/main/daemon/web-sessions.ts): the session secret arrives in the sign-in redirect's URL fragment
// and goes back in a header on every API call (a query parameter for the event stream, which
// EventSource cannot give headers).

/** Header carrying the page's session secret. */
export const SESSION_HEADER = 'X-Warmclaw-Session';
/** Query parameter carrying it on GET /api/events. */
export const SESSION_QUERY = 'session';
/** URL fragment key of the sign-in redirect: `/#session=<secret>`. */
export const SESSION_FRAGMENT = 'session';
