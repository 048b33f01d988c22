export function SettingsPage(_props: Record<string, unknown>) {
  return (
    <div className="page">
      <h1 className="page-title">Settings</h1>
    </div>
  );
}
