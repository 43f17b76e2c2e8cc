/** Placeholder window until the dashboard lands: says what the app is and where to act today (the CLI). */
export function App(): React.JSX.Element {
  return (
    <main data-app-state="ready" style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Warmclaw</h1>
      <p>Keeps your local model warm for OpenClaw and your openclaw.json correct.</p>
      <p>
        The dashboard is on its way. Today, use the CLI: <code>npx warmclaw config show</code>.
      </p>
    </main>
  );
}
