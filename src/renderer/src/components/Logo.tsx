/** The Warmclaw mark: a warm drop with a claw notch (decorative). */
export function Logo(): React.JSX.Element {
  return (
    <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 2c3.5 4.2 7 7.6 7 12a7 7 0 0 1-14 0c0-4.4 3.5-7.8 7-12z" fill="var(--accent)" />
      <path d="M9 15.5c1.2 1.6 4.8 1.6 6 0" stroke="var(--surface)" strokeWidth="1.8" fill="none" strokeLinecap="round" />
    </svg>
  );
}
