// The server facts the UI turns into add-provider commands (shared with the CLI), and where focus
// goes once a provider is added.
export * from '../../../../shared/server-facts';

/** The heading of a configured provider's card (where focus goes once a provider is added). */
export const providerCardHeading = (providerId: string): string => `[data-testid="provider-card"][data-provider-id="${CSS.escape(providerId)}"] h2`;
