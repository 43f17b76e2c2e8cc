/** The daemon's V8 flags (daemon-node-flags.mjs). */
export declare const DAEMON_NODE_FLAGS: string[];
